/**
 * Replays every golden vector (answers of the real PVE 9.1.1 access-control code, in
 * test/fixtures/pve-golden) against the simulator, comparing status, reason phrase and body by
 * the fixtures' README rules: exact JSON types, `<uuid>`/`<any>` wildcards, and PVE's
 * hash-ordered arrays put in canonical order first. Once over HTTPS with real tickets, CSRF
 * tokens and token secrets, and once through `exec`, which must give the same answers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startPveSimulator, type PveSimulator } from './index.js';
import { apiPath, PveWire, ticketHeaders, tokenHeaders, type FormParams } from './pve-http.js';

interface Step {
  readonly as: string;
  readonly auth: 'ticket' | 'token';
  readonly method: string;
  readonly path: string;
  readonly params?: FormParams;
  /** `json`: the body was sent as `application/json` instead of form-encoded. */
  readonly encoding?: 'json';
  readonly status: number;
  readonly reason: string;
  readonly body: unknown;
}

interface Scenario {
  readonly name: string;
  readonly pve: string;
  readonly steps: readonly Step[];
}

const DIR = fileURLToPath(new URL('../../fixtures/pve-golden/', import.meta.url));
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (file: string): Scenario => JSON.parse(readFileSync(`${DIR}${file}`, 'utf8')) as Scenario;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (value: unknown): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The README's comparator: wildcards, exact key sets, strict JSON types. */
function matches(expected: unknown, actual: unknown): boolean {
  if (expected === '<any>') return true;
  if (expected === '<uuid>') return typeof actual === 'string' && UUID.test(actual);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => matches(e, actual[i]));
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return false;
    const ek = Object.keys(expected).sort();
    const ak = Object.keys(actual).sort();
    return ek.join('\u0000') === ak.join('\u0000') && ek.every((k) => matches(expected[k], actual[k]));
  }
  return expected === actual;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sortedBy = (items: Json[], key: string): Json[] =>
  [...items].sort((a, b) => byCodePoint(String(isObject(a) ? a[key] : ''), String(isObject(b) ? b[key] : '')));

/** PVE's unordered arrays (README table) in the order the fixtures store them. */
function canonicalize(method: string, path: string, body: unknown): unknown {
  if (method !== 'GET' || !isObject(body)) return body;
  const p = path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  const data = body.data;
  if (!Array.isArray(data) && !isObject(data)) return body;
  let canonical: Json = data;
  if (p === '/access/roles' && Array.isArray(data)) canonical = sortedBy(data, 'roleid');
  else if (p === '/access/groups' && Array.isArray(data)) canonical = sortedBy(data, 'groupid');
  else if (/^\/access\/groups\/[^/]+$/.test(p) && isObject(data) && Array.isArray(data.members)) {
    canonical = { ...data, members: [...(data.members as string[])].sort(byCodePoint) };
  } else if (/^\/access\/users\/[^/]+\/token$/.test(p) && Array.isArray(data)) canonical = sortedBy(data, 'tokenid');
  else if (p === '/access/acl' && Array.isArray(data)) canonical = sortAclRuns(data);
  else if (p === '/access/domains' && Array.isArray(data)) canonical = sortedBy(data, 'realm');
  else if (/^\/pools(\/[^/]+)?$/.test(p)) canonical = Array.isArray(data) ? data.map(sortPoolContent) : sortPoolContent(data);
  return { ...body, data: canonical };
}

/** A storage member's `content` joins its types in hash order: the items in string order. */
function sortPoolContent(pool: Json): Json {
  if (!isObject(pool) || !Array.isArray(pool.members)) return pool;
  const members = pool.members.map((m) =>
    isObject(m) && typeof m.content === 'string' ? { ...m, content: m.content.split(',').sort(byCodePoint).join(',') } : m,
  );
  return { ...pool, members };
}

/** Within each run of entries sharing path and type: by (ugid, roleid). The runs keep their order. */
function sortAclRuns(entries: Json[]): Json[] {
  const out: Json[] = [];
  let run: Record<string, Json>[] = [];
  const flush = (): void => {
    run.sort((a, b) => byCodePoint(String(a.ugid), String(b.ugid)) || byCodePoint(String(a.roleid), String(b.roleid)));
    out.push(...run);
    run = [];
  };
  for (const entry of entries as Record<string, Json>[]) {
    const last = run[run.length - 1];
    if (last && (last.path !== entry.path || last.type !== entry.type)) flush();
    run.push(entry);
  }
  flush();
  return out;
}

interface Observed {
  readonly status: number;
  readonly reason?: string;
  readonly body: unknown;
}

interface Mismatch {
  readonly step: number;
  readonly request: string;
  readonly expected: Observed;
  readonly actual: Observed;
}

/** Replays one scenario with `send`, collecting every step that differs. */
async function replay(scenario: Scenario, send: (step: Step) => Promise<Observed>, withReason: boolean): Promise<Mismatch[]> {
  const mismatches: Mismatch[] = [];
  for (const [i, step] of scenario.steps.entries()) {
    const answer = await send(step);
    const body = canonicalize(step.method, step.path, answer.body);
    const same = answer.status === step.status && (!withReason || answer.reason === step.reason) && matches(step.body, body);
    if (!same) {
      mismatches.push({
        step: i,
        request: `[${step.as}] ${step.method} ${step.path} ${JSON.stringify(step.params ?? {})}`,
        expected: { status: step.status, ...(withReason ? { reason: step.reason } : {}), body: step.body },
        actual: { status: answer.status, ...(withReason ? { reason: answer.reason } : {}), body },
      });
    }
  }
  return mismatches;
}

/** What a client must remember between steps: passwords for logins and the latest token secrets. */
class Credentials {
  readonly #passwords = new Map<string, string>();
  readonly #sessions = new Map<string, { ticket: string; csrf: string }>();
  readonly #secrets = new Map<string, string>();

  constructor(
    private readonly wire: PveWire,
    sim: PveSimulator,
  ) {
    this.#passwords.set('root@pam', sim.rootPassword);
  }

  async headers(step: Step): Promise<Record<string, string>> {
    if (step.auth === 'token') return tokenHeaders(step.as, this.#secrets.get(step.as) ?? 'no-secret-seen');
    let session = this.#sessions.get(step.as);
    if (!session) {
      session = await this.wire.login(step.as, this.#passwords.get(step.as) ?? 'no-password-seen');
      this.#sessions.set(step.as, session);
    }
    return ticketHeaders(step.method, session);
  }

  learn(step: Step, status: number, body: unknown): void {
    if (status !== 200) return;
    const params = step.params ?? {};
    const password = typeof params.password === 'string' ? params.password : undefined;
    const userid = typeof params.userid === 'string' ? params.userid : undefined;
    const setsPassword =
      (step.method === 'POST' && step.path === '/access/users') || (step.method === 'PUT' && step.path === '/access/password');
    if (setsPassword && password !== undefined && userid !== undefined) {
      this.#passwords.set(userid, password);
      this.#sessions.delete(userid);
    }
    const data = isObject(body) ? body.data : undefined;
    if (isObject(data) && typeof data.value === 'string' && typeof data['full-tokenid'] === 'string') {
      this.#secrets.set(data['full-tokenid'], data.value);
    }
  }
}

describe('golden vectors of PVE 9.1.1', () => {
  it('the fixture set is the one its README describes, file by file', () => {
    const readme = readFileSync(`${DIR}README.md`, 'utf8');
    const [, scenarios, steps] = /There are (\d+) scenarios with (\d+) steps in total/.exec(readme) ?? [];
    const listed = new Map([...readme.matchAll(/^\| `(\d\d-[\w-]+\.json)` \|.*\| (\d+) \|$/gm)].map((m) => [m[1]!, Number(m[2])]));
    expect(listed.size).toBe(Number(scenarios));
    expect([...listed.values()].reduce((sum, n) => sum + n, 0)).toBe(Number(steps));
    expect(Object.fromEntries(FILES.map((file) => [file, load(file).steps.length]))).toEqual(Object.fromEntries(listed));
  });

  describe('over HTTPS, with tickets, CSRF tokens and API token secrets', () => {
    for (const file of FILES) {
      it(file, async () => {
        const scenario = load(file);
        const sim = await startPveSimulator({ version: scenario.pve });
        const wire = new PveWire(sim);
        const credentials = new Credentials(wire, sim);
        try {
          const mismatches = await replay(
            scenario,
            async (step) => {
              const headers = await credentials.headers(step);
              const answer = await wire.request(
                step.method,
                step.path,
                step.encoding === 'json'
                  ? { rawBody: JSON.stringify(step.params ?? {}), headers: { ...headers, 'content-type': 'application/json' } }
                  : { ...(step.params ? { params: step.params } : {}), headers },
              );
              credentials.learn(step, answer.status, answer.body);
              return answer;
            },
            true,
          );
          expect(mismatches).toEqual([]);
        } finally {
          wire.close();
          await sim.stop();
        }
      });
    }
  });

  describe('in process, through exec', () => {
    for (const file of FILES) {
      it(file, async () => {
        const scenario = load(file);
        const sim = await startPveSimulator({ version: scenario.pve });
        try {
          const mismatches = await replay(
            scenario,
            async (step) => sim.exec(step.method, apiPath(step.path), { ...step.params }, step.as),
            false,
          );
          expect(mismatches).toEqual([]);
          expect(sim.requestCount).toBe(0);
        } finally {
          await sim.stop();
        }
      });
    }
  });
});
