/**
 * Every secret a run creates is searched for everywhere a run leaves text. It may appear only
 * in the runner's mask command (or, in-process, the recorded mask) and in the outputs meant to
 * carry it.
 */
import { afterEach, beforeEach, expect } from 'vitest';
import type { RunRecord } from './in-process.js';
import type { ActionResult } from './spawned.js';
import type { World } from './world.js';

export interface LeakScope {
  readonly runs: readonly ActionResult[];
  /** Output names allowed to hold a secret (`tokens` and the `deliver: output:` names). */
  readonly secretOutputs: readonly string[];
  /** Other text the world produced: comment and issue bodies, request transcripts. */
  readonly texts: Readonly<Record<string, string>>;
}

export function expectNoLeaks(secrets: readonly string[], scope: LeakScope): void {
  expect(secrets.length).toBeGreaterThan(0);
  // An empty run list would make every check below pass without looking at anything.
  expect(scope.runs.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(8);
    scope.runs.forEach((run, i) => {
      const leakedLines = run.stdout.split('\n').filter((line) => line.includes(secret) && !line.startsWith('::add-mask::'));
      expect(leakedLines, `run ${i} stdout`).toEqual([]);
      expect(run.stderr.includes(secret), `run ${i} stderr`).toBe(false);
      expect(run.summary.includes(secret), `run ${i} job summary`).toBe(false);
      for (const [name, value] of Object.entries(run.outputs)) {
        if (scope.secretOutputs.includes(name)) continue;
        expect(value.includes(secret), `run ${i} output ${name}`).toBe(false);
      }
    });
    for (const [name, text] of Object.entries(scope.texts)) expect(text.includes(secret), name).toBe(false);
  }
}

/** The mask command must come before any other line that could carry the secret. */
export function expectMaskedFirst(run: ActionResult, secret: string): void {
  const lines = run.stdout.split('\n');
  const first = lines.findIndex((line) => line.includes(secret));
  expect(first).toBeGreaterThanOrEqual(0);
  expect(lines[first]).toBe(`::add-mask::${secret}`);
}

/** Where secrets may show up: the outputs meant to carry them (`tokens` unless told otherwise). */
export interface LeakOptions {
  readonly secretOutputs?: readonly string[];
}

/** How many runs of each runner a world had when a test began. */
export interface RunMark {
  readonly runs: number;
  readonly records: number;
}

/** The mark of a world created inside the test: all its runs are the test's. */
export const NO_RUNS: RunMark = { runs: 0, records: 0 };

export const markRuns = (world: World): RunMark => ({ runs: world.runs.length, records: world.records.length });

/**
 * Every secret a world has known: each token secret the simulator generated (the action's own too),
 * root@pam's password, and with a Vault fake its tokens and the OIDC tokens the runner minted.
 */
export const secretsOf = (world: World): string[] => [...world.sim.issuedSecrets, world.sim.rootPassword, ...vaultCredentialsOf(world)];

/** The Vault root token, every client token a login handed out, and every OIDC token minted for the run. */
export function vaultCredentialsOf(world: World): string[] {
  const vault = world.vault;
  if (!vault) return world.oidc.minted.map((m) => m.token);
  const issued = vault.requests.flatMap((r) => {
    if (!/\/auth\/[^/]+\/login$/.test(r.path) || r.status !== 200) return [];
    const token = (JSON.parse(r.response) as { auth?: { client_token?: string } }).auth?.client_token;
    return token ? [token] : [];
  });
  return [vault.rootToken, ...issued, ...world.oidc.minted.map((m) => m.token)];
}

/**
 * What the action sent to Vault carries each secret only where it belongs: the OIDC token in the
 * login's body, a PVE token secret in the body of a secret write; a Vault token only in its
 * header, never in a path or body.
 */
function expectVaultRequestsClean(world: World): void {
  const vault = world.vault;
  if (!vault) return;
  const oidc = world.oidc.minted.map((m) => m.token);
  const pve = [...world.sim.issuedSecrets, world.sim.rootPassword];
  const vaultTokens = vaultCredentialsOf(world).filter((t) => !oidc.includes(t));
  for (const r of vault.requests) {
    const login = /\/auth\/[^/]+\/login$/.test(r.path);
    const write = r.method === 'POST' && /\/data\//.test(r.path);
    const where = `Vault request ${r.method} ${r.path}`;
    for (const secret of [...vaultTokens, ...oidc, ...pve]) expect(r.path.includes(secret), `${where}: path`).toBe(false);
    for (const secret of [...vaultTokens, ...(login ? [] : oidc), ...(write ? [] : pve)]) {
      expect(r.body.includes(secret), `${where}: body`).toBe(false);
    }
  }
}

/**
 * The runs a world made since `since` leak none of its secrets: not in a log line, annotation,
 * summary, failure message or other output of either runner, nor in anything sent to the GitHub
 * fake or to the simulator. Returns how many runs were checked.
 */
export function expectNoLeaksSince(world: World, since: RunMark, options: LeakOptions = {}): number {
  const runs = world.runs.slice(since.runs);
  const records = world.records.slice(since.records);
  const secretOutputs = options.secretOutputs ?? ['tokens'];
  // A login sends root@pam's password to PVE: that is where it belongs.
  const simText = world.sim.requests
    .filter((r) => !r.path.startsWith('/access/ticket'))
    .map((r) => `${r.method} ${r.path}\n${r.body}`)
    .join('\n');
  const texts = { ...world.githubTexts(), 'simulator requests': simText };
  const secrets = secretsOf(world);
  expectVaultRequestsClean(world);
  if (runs.length > 0) expectNoLeaks(secrets, { runs, secretOutputs, texts });
  for (const secret of secrets) {
    records.forEach((run, i) => expectRecordClean(run, secret, `in-process run ${i}`, secretOutputs));
    if (runs.length === 0) for (const [name, text] of Object.entries(texts)) expect(text.includes(secret), name).toBe(false);
  }
  return runs.length + records.length;
}

function expectRecordClean(run: RunRecord, secret: string, where: string, secretOutputs: readonly string[]): void {
  expect(
    run.lines.filter((l) => l.includes(secret)),
    `${where} log`,
  ).toEqual([]);
  expect(JSON.stringify(run.annotations).includes(secret), `${where} annotations`).toBe(false);
  expect(
    run.summaries.some((s) => s.includes(secret)),
    `${where} summary`,
  ).toBe(false);
  expect((run.outcome.failure ?? '').includes(secret), `${where} failure message`).toBe(false);
  for (const [name, value] of Object.entries(run.outputs)) {
    if (!secretOutputs.includes(name)) expect(value.includes(secret), `${where} output ${name}`).toBe(false);
  }
  // The first journal entry carrying a secret is its mask.
  const first = run.journal.find((e) => e.text.includes(secret));
  if (first) expect(first.kind, `${where}: the first appearance of a secret is its mask, not ${first.kind}`).toBe('mask');
}

/**
 * Checks after each test the runs that test made, in a world that outlives the test (created in
 * `beforeAll`): no test depends on another for its leak check.
 */
export function guardLeaks(world: () => World | undefined, options: LeakOptions = {}): void {
  let mark: RunMark = { runs: 0, records: 0 };
  beforeEach(() => {
    const current = world();
    mark = current ? markRuns(current) : { runs: 0, records: 0 };
  });
  afterEach(() => {
    const current = world();
    if (current) expectNoLeaksSince(current, mark, options);
  });
}
