/**
 * Workflow-command injection, from dist/index.js as the runner runs it. Every name and text the
 * spec or the cluster supplies gets a payload of line breaks followed by `::error::`,
 * `::add-mask::`, `::stop-commands::` and the older `##[` form; the runs are read the way the
 * runner reads them, and the only commands found must be the action's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkPullRequestEvent, pullRequestEvent, pushEvent, scheduleEvent } from '../harness/events.js';
import { expectMaskedFirst, expectNoLeaks, guardLeaks } from '../harness/leaks.js';
import type { ActionResult } from '../harness/spawned.js';
import { expectOnlyOwnCommands } from './runner-commands.js';
import { REPO, RUNNER_TOKEN, SECRETS_TOKEN, createWorld, type World } from '../harness/world.js';

const MARKER = 'PWNED';

/** Every way a value could start a command: LF, CR, a zero-width space before `::`, and `##[` mid-line. */
const payload = (field: string): string =>
  `${field}\n::error::${MARKER}-${field}\r::add-mask::${MARKER}-${field}\n\u200b::stop-commands::${MARKER}-${field}\n ##[warning]${MARKER}-${field}`;

interface Fields {
  role: string;
  privilege: string;
  group: string;
  groupComment: string;
  user: string;
  userComment: string;
  token: string;
  tokenComment: string;
  environment: string;
  org: string;
  selected: string;
}

const SAFE: Fields = {
  role: 'Deployer',
  privilege: 'VM.PowerMgmt',
  group: 'deployers',
  groupComment: 'Deploy accounts',
  user: 'deploy@pve',
  userComment: 'Deploys',
  token: 'ci',
  tokenComment: 'CI token',
  environment: 'production',
  org: 'acme',
  selected: 'infra',
};

/** JSON strings are YAML double-quoted scalars: `\n`, `\r` and `\u200b` arrive as the characters. */
const q = (value: string): string => JSON.stringify(value);

function spec(f: Fields, options: { org?: boolean } = {}): string {
  const org = options.org ?? true;
  return `version: 1
roles:
  ${q(f.role)}:
    privileges: [VM.Audit, ${q(f.privilege)}]
groups:
  ${q(f.group)}: { comment: ${q(f.groupComment)} }
users:
  ${q(f.user)}:
    comment: ${q(f.userComment)}
    groups: [${q(f.group)}]
    tokens:
      ${q(f.token)}:
        comment: ${q(f.tokenComment)}
        deliver:
          - output: deploy_token
          - github-secret: { name: PM_TOKEN, repository: ${REPO}, environment: ${q(f.environment)} }
${org ? `          - github-secret: { name: PM_ORG_TOKEN, org: ${q(f.org)}, visibility: selected, selected-repositories: [${q(f.selected)}] }\n` : ''}acl:
  - path: /vms
    roles: [${q(f.role)}]
    users: [${q(f.user)}]
    tokens: [${q(`${f.user}!${f.token}`)}]
`;
}

/** The field to poison, and how: user ids keep their realm so the value is still read as one. */
const FIELDS: readonly (readonly [keyof Fields, string])[] = [
  ['user', `${payload('user')}@pve`],
  ['token', payload('token')],
  ['privilege', payload('privilege')],
  ['role', payload('role')],
  ['group', payload('group')],
  ['userComment', payload('userComment')],
  ['groupComment', payload('groupComment')],
  ['tokenComment', payload('tokenComment')],
  ['environment', payload('environment')],
  ['org', payload('org')],
  ['selected', payload('selected')],
];

const FORK_TOKEN = 'ghs_forkReadOnlyToken00000000000000000002';

describe('end to end: no spec or cluster text becomes a runner command', () => {
  let world: World;
  guardLeaks(() => world, { secretOutputs: ['tokens', 'deploy_token'] });
  let pr = 100;
  const credentials = (): string[] => [world.actionToken.value, SECRETS_TOKEN, RUNNER_TOKEN, FORK_TOKEN];
  const check = (run: ActionResult, extraSecrets: readonly string[] = []) =>
    expectOnlyOwnCommands(run.stdout, { secrets: [...credentials(), ...extraSecrets], marker: MARKER });

  const validate = async (): Promise<ActionResult> => {
    pr += 1;
    world.store.addPull(REPO, { number: pr, headSha: pr.toString(16).padStart(40, '0') });
    return world.run('pull_request', forkPullRequestEvent(pr, pr.toString(16).padStart(40, '0')), {
      withoutSecrets: true,
      githubToken: FORK_TOKEN,
    });
  };
  const plan = async (proxmoxUrl?: string): Promise<ActionResult> => {
    pr += 1;
    const sha = pr.toString(16).padStart(40, '0');
    world.store.addPull(REPO, { number: pr, headSha: sha });
    return world.run('pull_request', pullRequestEvent(pr, sha), proxmoxUrl ? { inputs: { 'proxmox-url': proxmoxUrl } } : {});
  };

  beforeAll(async () => {
    world = await createWorld('9.1.1');
    world.github.tokens.set(FORK_TOKEN, { pullRequests: 'read', issues: 'read', contents: 'read' });
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('passes validate and plan with every field harmless (the baseline the poisoned runs differ from)', async () => {
    await world.writeSpec(spec(SAFE));
    const valid = await validate();
    expect(valid.exitCode, valid.stdout).toBe(0);
    check(valid);
    const planned = await plan();
    expect(planned.exitCode, planned.stdout).toBe(0);
    expect(planned.outputs['has-changes']).toBe('true');
    check(planned);
  });

  it.each(FIELDS)('a poisoned %s shows in validate and plan as text, never as a command', async (field, value) => {
    await world.writeSpec(spec({ ...SAFE, [field]: value }));
    // A comment may hold any text; every name breaks a naming rule and fails validation.
    const isName = !field.endsWith('Comment');
    const offline = await validate();
    expect(offline.exitCode, offline.stdout).toBe(isName ? 1 : 0);
    check(offline);
    const planned = await plan();
    expect(planned.exitCode, planned.stdout).toBe(isName ? 1 : 0);
    check(planned);
    // The payload reached the log (a finding, an annotation, the text plan): the checks looked at something.
    for (const run of isName ? [offline, planned] : [planned]) expect(run.stdout).toContain(`${MARKER}-${field}`);
  });

  it('masks its credential inputs before any other line, and never shows a password written into proxmox-url', async () => {
    await world.writeSpec(spec(SAFE));
    const password = 'hunter2-in-the-url';
    const refused = await plan(`https://root:${password}@pve.example:8006`);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toMatch(/proxmox-url must not carry credentials/);
    const lines = refused.stdout.split('\n');
    const firstOther = lines.findIndex((line) => !line.startsWith('::add-mask::'));
    const masked = lines.slice(0, firstOther).map((line) => line.slice('::add-mask::'.length));
    expect(masked).toEqual(expect.arrayContaining([world.actionToken.value, SECRETS_TOKEN, RUNNER_TOKEN, password]));
    expect(lines.filter((line) => line.includes(password))).toEqual([`::add-mask::${password}`]);
    expect(refused.summary).not.toContain(password);
    check(refused, [password]);
  });

  it('applies poisoned comments, masks the new secret first, and logs the cluster side safely', async () => {
    const poisoned: Fields = {
      ...SAFE,
      userComment: payload('userComment'),
      groupComment: payload('groupComment'),
      tokenComment: payload('tokenComment'),
    };
    await world.writeSpec(spec(poisoned, { org: false }));
    // Text already on the cluster: a managed user's comment, set by hand, with the same payloads.
    expect(world.sim.exec('POST', '/access/users', { userid: 'deploy@pve', comment: payload('cluster') }).status).toBe(200);

    const planned = await plan();
    expect(planned.exitCode, planned.stdout).toBe(0);
    check(planned);
    expect(planned.stdout).toContain(`${MARKER}-cluster`);

    const pull = world.store.pull(REPO, pr)!;
    const merge = 'e'.repeat(40);
    pull.mergedAt = new Date().toISOString();
    pull.mergeCommitSha = merge;
    const applied = await world.run('push', pushEvent(merge, `Poisoned comments (#${pr})`), { sha: merge });
    expect(applied.exitCode, applied.stdout).toBe(0);
    const tokens = JSON.parse(applied.outputs['tokens']!) as Record<string, { secret: string }>;
    const secret = tokens['deploy@pve!ci']!.secret;
    const commands = check(applied, [secret]);
    expect(commands.some((c) => c.name === 'add-mask' && c.data === secret)).toBe(true);
    expectMaskedFirst(applied, secret);

    // What reached the cluster is the spec's text, line breaks and all.
    const user = world.sim.exec('GET', '/access/users/deploy@pve').body as { data: { comment: string } };
    expect(user.data.comment).toBe(payload('userComment'));

    // Drift reads the cluster's text back into the log.
    expect(world.sim.exec('PUT', '/access/groups/deployers', { comment: payload('drift') }).status).toBe(200);
    const drift = await world.run('schedule', scheduleEvent());
    expect(drift.outputs['drift']).toBe('true');
    check(drift);
    expect(drift.stdout).toContain(`${MARKER}-drift`);

    expectNoLeaks([secret, world.actionToken.value], {
      runs: world.runs,
      secretOutputs: ['tokens', 'deploy_token'],
      texts: world.githubTexts(),
    });
  });
});
