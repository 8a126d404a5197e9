/**
 * npm run demo: the action's main job against the built-in simulated Proxmox VE 9.1 and a local
 * GitHub stand-in. A pull request gets its plan, the merge applies it (the new token's secret is
 * sealed into a repository secret and shown only masked), and a second plan is empty.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../src/main.js';
import { REPO, RUNNER_TOKEN, startBackends } from '../test/fakes/backends.js';
import { pullRequestEvent, pushEvent } from '../test/harness/events.js';
import { seedDemoCluster } from './demo/cluster.js';
import { bold, wantsColor } from './demo/color.js';
import { consoleDeps, maskedOutput } from './demo/console-deps.js';

const SPEC = fileURLToPath(new URL('../examples/proxmox-access.yml', import.meta.url));
const quiet = process.argv.includes('--quiet');

const color = wantsColor(process.env, process.stdout.isTTY);
const heading = (text: string): void => console.log(`\n${bold(`━━ ${text}`, color)}`);

const { sim, github, store, secrets, secretInputs, stop } = await startBackends();
const files = await mkdtemp(path.join(tmpdir(), 'proxmox-access-demo-'));

try {
  seedDemoCluster(sim);
  const inputs = {
    mode: 'auto',
    spec: path.relative(process.cwd(), SPEC),
    ...secretInputs,
    'github-token': RUNNER_TOKEN,
    comment: 'true',
    'require-approved-plan': 'true',
    'allow-deletions': 'true',
    'drift-issue': 'true',
    'fail-on-drift': 'false',
    'proxmox-insecure': 'false',
  };
  const runAs = async (eventName: string, event: unknown, sha: string) => {
    const eventPath = path.join(files, `${eventName}.json`);
    await writeFile(eventPath, JSON.stringify(event));
    const env = {
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: REPO,
      GITHUB_SHA: sha,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_API_URL: github.origin,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '1',
    };
    const deps = consoleDeps(env, inputs, quiet);
    const before = sim.requestCount;
    const outcome = await run(deps);
    console.log(`  (${sim.requestCount - before} requests to Proxmox)`);
    if (outcome.failure) throw new Error(outcome.failure);
    return deps;
  };

  console.log(`Simulated Proxmox VE 9.1 at ${sim.url}, certificate pinned by fingerprint ${sim.fingerprint.slice(0, 23)}…`);
  console.log('Seeded: root@pam, built-in roles, alice@pve (admin), a hand-edited TerraformProv role,');
  console.log('a token made on a laptop, a stray ACL on /storage/local, and a leftover terraform-old@pve.');

  heading('1. A pull request changes proxmox-access.yml: plan');
  store.addPull(REPO, { number: 42, headSha: 'a1'.repeat(20) });
  const planned = await runAs('pull_request', pullRequestEvent(42, 'a1'.repeat(20)), 'a1'.repeat(20));
  const comment = store.commentsOn(REPO, 42)[0];
  console.log(
    `  summary: ${planned.outputs.get('summary')}; plan comment posted (${comment?.body.length ?? 0} characters, digest ${planned.outputs.get('plan-digest')?.slice(0, 12)})`,
  );

  heading('2. The pull request is merged: apply the reviewed plan');
  const pull = store.pull(REPO, 42)!;
  pull.mergedAt = new Date().toISOString();
  pull.mergeCommitSha = 'b2'.repeat(20);
  const applied = await runAs('push', pushEvent('b2'.repeat(20), 'Give Terraform its own token (#42)'), 'b2'.repeat(20));
  console.log('  outputs, as the runner shows them:');
  for (const name of ['mode', 'applied', 'summary', 'terraform_token', 'tokens']) {
    console.log(`    ${name} = ${maskedOutput(applied, name, ['terraform_token', 'tokens'])}`);
  }
  const tokens = JSON.parse(applied.outputs.get('tokens') ?? '{}') as Record<string, { id: string; secret: string }>;
  const token = tokens['terraform-prov@pve!terraform'];
  const sealed = secrets.secretValue(REPO, 'PROXMOX_TERRAFORM_TOKEN');
  console.log(
    `  GitHub secret PROXMOX_TERRAFORM_TOKEN received as a sealed box; opened with the repository key it ${
      token && sealed === `${token.id}=${token.secret}` ? 'matches the new token' : 'DOES NOT match'
    }`,
  );

  heading('3. The nightly drift check: the cluster matches the spec');
  const again = await runAs('schedule', { schedule: '17 3 * * *' }, 'b2'.repeat(20));
  console.log(`  drift: ${again.outputs.get('drift')}; summary: ${again.outputs.get('summary')}`);
} finally {
  await rm(files, { recursive: true, force: true });
  await stop();
}
