/**
 * One run session per run: whatever a mode does (plan, comment, approval check, apply, verify,
 * secret checks and delivery, drift issue), it opens the Proxmox client once and builds each
 * GitHub client once, and asks GitHub once whose comments count.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionDeps } from '../../src/deps.js';
import { createOctokit } from '../../src/github/octokit.js';
import { createProxmoxClient } from '../../src/proxmox/client.js';
import { ACTION_OUTPUT_NAMES } from '../../src/model/action-outputs.js';
import { RUNNER_TOKEN, SECRETS_TOKEN, type RunRecord } from '../harness/fault-world.js';
import { workflowDispatchEvent } from '../harness/events.js';
import { REPO, createReviewWorld, type ReviewWorld } from '../harness/review-world.js';

const SPEC = `version: 1
users:
  deploy@pve:
    comment: Deploys from CI
    tokens:
      ci:
        privsep: true
        deliver:
          - output: deploy_token
          - github-secret: PROXMOX_DEPLOY_TOKEN
acl:
  - path: /vms
    roles: [PVEVMUser]
    users: [deploy@pve]
    tokens: [deploy@pve!ci]
`;

interface Counted {
  readonly overrides: Partial<ActionDeps>;
  /** Connections as the run's own credentials (a new secret's one-off check as its token is not one). */
  readonly connections: () => number;
  /** Tokens whose new secret was tried once through a client of its own. */
  readonly secretChecks: () => readonly string[];
  /** Clients built per token, labelled `runner` and `secrets`. */
  readonly clients: () => Record<string, number>;
}

function counting(): Counted {
  let connections = 0;
  const secretChecks: string[] = [];
  const clients: Record<string, number> = {};
  const label = (token: string): string => (token === RUNNER_TOKEN ? 'runner' : token === SECRETS_TOKEN ? 'secrets' : 'other');
  return {
    overrides: {
      connectProxmox: (options) => {
        if ('tokenId' in options.auth && options.auth.tokenId.startsWith('deploy@pve!')) secretChecks.push(options.auth.tokenId);
        else connections += 1;
        return createProxmoxClient({ ...options, sleep: () => Promise.resolve() });
      },
      octokit: (token, baseUrl) => {
        clients[label(token)] = (clients[label(token)] ?? 0) + 1;
        return createOctokit(token, baseUrl);
      },
    },
    connections: () => connections,
    secretChecks: () => secretChecks,
    clients: () => clients,
  };
}

/** Outputs written per name in one run. */
const writesPerOutput = (run: RunRecord): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const entry of run.journal) {
    if (entry.kind !== 'output') continue;
    const name = entry.text.slice(0, entry.text.indexOf('='));
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
};

describe('run(): one run session', () => {
  let w: ReviewWorld | undefined;
  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  it('plans, comments, checks the approval, applies, delivers and verifies with one client of each kind', async () => {
    w = await createReviewWorld();
    await w.writeSpec(SPEC);

    const planCount = counting();
    const userLookups = (): number => w!.github.requests.filter((r) => r.method === 'GET' && r.path === '/user').length;
    const plan = await w.plan(11, 'a1'.repeat(20), {}, planCount.overrides);
    expect(plan.outcome.failure).toBeUndefined();
    expect(plan.outputs['comment-url']).toMatch(/#issuecomment-/);
    expect(planCount.connections()).toBe(1);
    expect(planCount.clients()).toEqual({ runner: 1, secrets: 1 });
    const lookupsAfterPlan = userLookups();
    expect(lookupsAfterPlan).toBe(1);

    w.merge(11, 'b1'.repeat(20));
    const applyCount = counting();
    const apply = await w.push(11, 'b1'.repeat(20), {}, applyCount.overrides);
    expect(apply.outcome.failure).toBeUndefined();
    expect(apply.outputs['applied']).not.toBe('0');
    expect(w.secrets.secretValue(REPO, 'PROXMOX_DEPLOY_TOKEN')).toMatch(/^deploy@pve!ci=/);
    // Read, apply and the verification read after it all went through the one connection; the new
    // secret was tried once as its own token.
    expect(applyCount.connections()).toBe(1);
    expect(applyCount.secretChecks()).toEqual(['deploy@pve!ci']);
    expect(planCount.secretChecks()).toEqual([]);
    expect(applyCount.clients()).toEqual({ runner: 1, secrets: 1 });
    // The approval check and the result comment share one answer to "whose comments count".
    expect(userLookups() - lookupsAfterPlan).toBe(1);

    // The secret is deleted: the check that finds it missing and the delivery of the rotated
    // token's new secret go through the same secrets-token client.
    const delivered = w.secrets.secretValue(REPO, 'PROXMOX_DEPLOY_TOKEN');
    expect(w.secrets.deleteSecret(REPO, 'PROXMOX_DEPLOY_TOKEN')).toBe(true);
    const repairCount = counting();
    const repair = await w.runEvent(
      'workflow_dispatch',
      workflowDispatchEvent(),
      { GITHUB_SHA: 'b1'.repeat(20), GITHUB_REF: 'refs/heads/main' },
      { mode: 'apply' },
      repairCount.overrides,
    );
    expect(repair.outcome.failure).toBeUndefined();
    expect(repair.log).toMatch(/GitHub secret PROXMOX_DEPLOY_TOKEN of token deploy@pve!ci is missing/);
    expect(w.secrets.secretValue(REPO, 'PROXMOX_DEPLOY_TOKEN')).toMatch(/^deploy@pve!ci=/);
    expect(w.secrets.secretValue(REPO, 'PROXMOX_DEPLOY_TOKEN')).not.toBe(delivered);
    expect(repairCount.connections()).toBe(1);
    expect(repairCount.clients()).toEqual({ secrets: 1 });
  });

  it('writes each output once, at the end, also when the apply is refused half-way', async () => {
    w = await createReviewWorld();
    await w.writeSpec(SPEC);
    await w.plan(12, 'a2'.repeat(20));
    w.sim.exec('POST', '/access/users', { userid: 'intruder@pve', comment: 'made in the web UI' });
    w.merge(12, 'b2'.repeat(20));

    const refused = await w.push(12, 'b2'.repeat(20));
    expect(refused.outcome.failure).toMatch(/apply refused/);
    const writes = writesPerOutput(refused);
    expect(Object.keys(writes).sort()).toEqual([...ACTION_OUTPUT_NAMES].sort());
    expect(Object.values(writes).every((n) => n === 1)).toBe(true);
    expect(refused.outputs['mode']).toBe('apply');
    expect(refused.outputs['plan-digest']).toMatch(/^[0-9a-f]{64}$/);
    // The plan it was asked to run, then why it stopped: in that order, in one summary.
    expect(refused.summaries).toHaveLength(1);
    const summary = refused.summaries[0]!;
    expect(summary.indexOf('proxmox-access failed')).toBeGreaterThan(summary.indexOf(refused.outputs['plan-digest']!.slice(0, 12)));
  });
});
