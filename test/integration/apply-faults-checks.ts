/**
 * What every fault test proves afterwards: no token lives whose secret its consumers lack, and a
 * rerun without faults converges; and, through faultWorldPerTest, that no secret of a test leaked.
 */
import { afterEach, expect } from 'vitest';
import { createProxmoxClient } from '../../src/proxmox/client.js';
import { REPO, createFaultWorld, type FaultWorld, type FaultWorldOptions, type RunRecord } from '../harness/fault-world.js';
import { NO_RUNS, expectNoLeaksSince } from '../harness/leaks.js';

export const USER = 'ci-bot@pve';
export const TOKEN = 'deploy';
export const FULLID = `${USER}!${TOKEN}`;
export const OUTPUT = 'deploy_token';
export const REPO_SECRET = 'PROXMOX_DEPLOY_TOKEN';
export const ENV_SECRET = 'PM_API_TOKEN';
/** Outputs that may carry a secret: `tokens` and the `deliver: output:` name. */
export const SECRET_OUTPUTS = ['tokens', OUTPUT];

/**
 * Gives each test of the calling file one fault world, with faultSpec written (for `environment`
 * when given). After each test, every secret that test's runs generated is searched for
 * everywhere, and the world is stopped.
 */
export function faultWorldPerTest(): (options?: FaultWorldOptions & { environment?: string }) => Promise<FaultWorld> {
  let current: FaultWorld | undefined;
  afterEach(async () => {
    try {
      if (current) expect(expectNoLeaksSince(current.world, NO_RUNS, { secretOutputs: SECRET_OUTPUTS })).toBeGreaterThan(0);
    } finally {
      await current?.stop();
      current = undefined;
    }
  });
  return async (options = {}) => {
    current = await createFaultWorld(options);
    await current.writeSpec(faultSpec(options.environment));
    return current;
  };
}

/** One new user in a new group, a privsep token delivered three ways, ACLs for both. */
export function faultSpec(environment = 'production'): string {
  return `version: 1
roles:
  CiDeploy:
    privileges: [VM.Audit, VM.Allocate, VM.Config.Disk]
groups:
  ci: { comment: CI accounts }
users:
  ${USER}:
    comment: Deploys from CI
    groups: [ci]
    tokens:
      ${TOKEN}:
        comment: deploy pipeline
        privsep: true
        deliver:
          - output: ${OUTPUT}
          - github-secret: ${REPO_SECRET}
          - github-secret: { name: ${ENV_SECRET}, environment: ${environment} }
acl:
  - path: /vms
    roles: [CiDeploy]
    groups: [ci]
    tokens: ["${FULLID}"]
  - path: /
    roles: [PVEAuditor]
    groups: [ci]
`;
}

function data<T>(answer: { status: number; body: unknown }): T {
  expect(answer.status).toBe(200);
  return (answer.body as { data: T }).data;
}

/** Every API token on the simulator except the action's own. */
export function tokensOnSimulator(world: FaultWorld): string[] {
  const users = data<{ userid: string }[]>(world.sim.exec('GET', '/access/users'));
  return users.flatMap(({ userid }) =>
    data<{ tokenid: string }[]>(world.sim.exec('GET', `/access/users/${encodeURIComponent(userid)}/token`))
      .map((t) => `${userid}!${t.tokenid}`)
      .filter((fullid) => fullid !== world.actionToken.fullTokenId),
  );
}

export const userExists = (world: FaultWorld, userid: string): boolean =>
  world.sim.exec('GET', `/access/users/${encodeURIComponent(userid)}`).status === 200;

export const groupExists = (world: FaultWorld, groupid: string): boolean =>
  world.sim.exec('GET', `/access/groups/${encodeURIComponent(groupid)}`).status === 200;

/** ACL entries naming `ugid`, as `path role`. */
export function aclOf(world: FaultWorld, ugid: string): string[] {
  return data<{ path: string; ugid: string; roleid: string }[]>(world.sim.exec('GET', '/access/acl'))
    .filter((e) => e.ugid === ugid)
    .map((e) => `${e.path} ${e.roleid}`)
    .sort();
}

/** Whether `secret` authenticates as `fullid` against the simulator, through the real client. */
export async function authenticates(world: FaultWorld, fullid: string, secret: string): Promise<boolean> {
  const client = await createProxmoxClient({
    url: world.sim.url,
    auth: { tokenId: fullid, secret },
    fingerprint: world.sim.fingerprint,
    retry: { attempts: 1 },
  });
  try {
    await client.getVersion();
    return true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}

/** A `full`-format value split into id and secret. */
export function splitFull(value: string | undefined): { id: string; secret: string } | undefined {
  const at = value?.lastIndexOf('=') ?? -1;
  if (value === undefined || at < 0) return undefined;
  return { id: value.slice(0, at), secret: value.slice(at + 1) };
}

export interface DeliveredValues {
  readonly repository: string | undefined;
  readonly environment: string | undefined;
  /** The `deliver: output:` value of the last run that set it. */
  readonly output: string | undefined;
}

export function deliveredValues(world: FaultWorld, environment = 'production'): DeliveredValues {
  const lastOutput = [...world.runs].reverse().find((r) => (r.outputs[OUTPUT] ?? '') !== '');
  return {
    repository: world.secrets.secretValue(REPO, REPO_SECRET),
    environment: world.secrets.secretValue(`${REPO}:${environment}`, ENV_SECRET),
    output: lastOutput?.outputs[OUTPUT],
  };
}

/**
 * No orphan token: every token on the simulator is the spec's, and each of its targets holds a
 * secret that authenticates as it (the same one everywhere). Resolves with the live tokens.
 */
export async function expectNoOrphanToken(world: FaultWorld, environment = 'production'): Promise<string[]> {
  const tokens = tokensOnSimulator(world);
  expect(
    tokens.filter((t) => t !== FULLID),
    'tokens nobody asked for',
  ).toEqual([]);
  if (tokens.length === 0) return tokens;
  const values = deliveredValues(world, environment);
  for (const [target, value] of Object.entries(values)) {
    const parsed = splitFull(value);
    expect(parsed?.id, `${target} holds a value for ${FULLID}`).toBe(FULLID);
    expect(await authenticates(world, FULLID, parsed!.secret), `${target} holds a working secret`).toBe(true);
  }
  expect(new Set(Object.values(values)).size, 'every target holds the same secret').toBe(1);
  return tokens;
}

/** The spec is fully in place: user, group, token, ACLs. */
export function expectSpecApplied(world: FaultWorld): void {
  expect(userExists(world, USER)).toBe(true);
  expect(groupExists(world, 'ci')).toBe(true);
  expect(tokensOnSimulator(world)).toEqual([FULLID]);
  expect(aclOf(world, FULLID)).toEqual(['/vms CiDeploy']);
  expect(aclOf(world, 'ci')).toEqual(['/ PVEAuditor', '/vms CiDeploy']);
}

/** Clears every fault, reruns the apply, then plans: the rerun succeeds and the plan is empty. */
export async function expectRerunConverges(
  world: FaultWorld,
  inputs: Readonly<Record<string, string>> = {},
  environment = 'production',
): Promise<RunRecord> {
  world.sim.clearFaults();
  world.github.faults.length = 0;
  const rerun = await world.run(inputs);
  expect(rerun.outcome.failure, rerun.log).toBeUndefined();
  expect(rerun.log).toMatch(/re-read and re-planned: nothing left to change|nothing to apply/);
  const plan = await world.run({ mode: 'plan' });
  expect(plan.outcome.failure, plan.log).toBeUndefined();
  expect(plan.outputs['has-changes']).toBe('false');
  expectSpecApplied(world);
  await expectNoOrphanToken(world, environment);
  return rerun;
}
