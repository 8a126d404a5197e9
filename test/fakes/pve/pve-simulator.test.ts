/**
 * The simulator's own contract, beyond what the golden vectors record: TLS and the fingerprint,
 * the three ways to authenticate, CSRF, injected latency and faults, secrets that are shown once,
 * the request log, and `exec`/`createToken` for seeding.
 */
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPveSimulator, type PveSimulator } from './index.js';
import { PveWire, ticketHeaders, tokenHeaders, type WireAnswer } from './pve-http.js';
import { simulatorPerFile } from './simulator-per-file.js';

let sim: PveSimulator;
let wire: PveWire;
simulatorPerFile((started) => ({ sim, wire } = started));
afterEach(() => {
  sim.clearFaults();
  sim.setLatency(0);
});

const data = (answer: WireAnswer | { body: unknown }): unknown => (answer.body as { data?: unknown } | null)?.data;

/** A user with a password, ready to log in. */
function seedUser(userid: string, password = 'secret-pass-1', extra: Record<string, unknown> = {}): void {
  const { status } = sim.exec('POST', '/access/users', { userid, password, ...extra });
  expect(status).toBe(200);
}

function peerFingerprint(options: tls.ConnectionOptions): Promise<string> {
  const { port } = new URL(sim.url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port: Number(port), ...options }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.end();
    });
    socket.on('error', reject);
  });
}

describe('TLS', () => {
  it('serves a self-signed certificate whose SHA-256 fingerprint is exposed in the PVE UI format', async () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(new X509Certificate(sim.certificatePem).fingerprint256).toBe(sim.fingerprint);
    expect(await peerFingerprint({ rejectUnauthorized: false })).toBe(sim.fingerprint);
  });

  it('is trusted through its PEM certificate for 127.0.0.1, and by nobody else', async () => {
    expect(await peerFingerprint({ ca: sim.certificatePem })).toBe(sim.fingerprint);
    await expect(peerFingerprint({})).rejects.toThrow(/self[- ]signed/i);
  });

  it('makes a new certificate for every simulator', async () => {
    const other = await startPveSimulator();
    try {
      expect(other.fingerprint).not.toBe(sim.fingerprint);
    } finally {
      await other.stop();
    }
  });
});

describe('authentication', () => {
  it('answers 401 without a body when there are no credentials or bad ones', async () => {
    const none = await wire.request('GET', '/version');
    expect([none.status, none.reason, none.text]).toEqual([401, 'No ticket', '']);
    const badToken = await wire.request('GET', '/version', { headers: tokenHeaders('root@pam!nope', 'x') });
    expect([badToken.status, badToken.reason, badToken.text]).toEqual([401, 'Authentication failed!', '']);
    const badTicket = await wire.request('GET', '/version', { headers: { cookie: 'PVEAuthCookie=PVE:root@pam:00000000::forged' } });
    expect([badTicket.status, badTicket.reason]).toEqual([401, 'Authentication failed!']);
  });

  it('logs in with a password and accepts the ticket as cookie or Authorization header', async () => {
    const failed = await wire.request('POST', '/access/ticket', { params: { username: 'root@pam', password: 'wrong' } });
    expect([failed.status, failed.reason, failed.body]).toEqual([
      401,
      'authentication failure',
      { data: null, message: 'authentication failure\n' },
    ]);
    const login = await wire.request('POST', '/access/ticket', {
      params: { username: 'root', realm: 'pam', password: sim.rootPassword },
    });
    const session = data(login) as { username: string; ticket: string; CSRFPreventionToken: string; cap: Record<string, unknown> };
    expect(session.username).toBe('root@pam');
    expect(session.ticket).toMatch(/^PVE:root@pam:[0-9A-F]{8}::/);
    expect(session.CSRFPreventionToken).toMatch(/^[0-9A-F]{8}:/);
    expect(Object.keys(session.cap).sort()).toEqual(['access', 'dc', 'mapping', 'nodes', 'sdn', 'storage', 'vms']);
    const viaCookie = await wire.request('GET', '/version', { headers: { cookie: `PVEAuthCookie=${encodeURIComponent(session.ticket)}` } });
    expect(viaCookie.status).toBe(200);
    const viaHeader = await wire.request('GET', '/version', { headers: { authorization: `PVEAuthCookie=${session.ticket}` } });
    expect(viaHeader.status).toBe(200);
  });

  it('renews a ticket posted as the password', async () => {
    const first = await wire.login('root@pam', sim.rootPassword);
    const renewed = await wire.login('root@pam', first.ticket);
    expect((await wire.request('GET', '/version', { headers: ticketHeaders('GET', renewed) })).status).toBe(200);
  });

  it('refuses tickets of users that were disabled after logging in', async () => {
    seedUser('dora@pve');
    const session = await wire.login('dora@pve', 'secret-pass-1');
    expect((await wire.request('GET', '/access/users', { headers: ticketHeaders('GET', session) })).status).toBe(200);
    expect(sim.exec('PUT', '/access/users/dora@pve', { enable: 0 }).status).toBe(200);
    const after = await wire.request('GET', '/access/users', { headers: ticketHeaders('GET', session) });
    expect([after.status, after.reason]).toEqual([401, 'Authentication failed!']);
    const relogin = await wire.request('POST', '/access/ticket', { params: { username: 'dora@pve', password: 'secret-pass-1' } });
    expect(relogin.status).toBe(401);
  });

  it('identifies an API token caller as user@realm!token, and refuses expired tokens', async () => {
    seedUser('tess@pve');
    sim.exec('PUT', '/access/acl', { path: '/vms', roles: 'PVEAuditor', users: 'tess@pve' });
    const token = sim.createToken('tess@pve', 'ro', { privsep: false });
    expect(token.fullTokenId).toBe('tess@pve!ro');
    const headers = tokenHeaders(token.fullTokenId, token.value);
    const perms = await wire.request('GET', '/access/permissions', { params: { path: '/vms' }, headers });
    expect(data(perms)).toEqual({ '/vms': expect.objectContaining({ 'VM.Audit': 1 }) });
    // The identity is the token, so even the owner's own record is not "self".
    expect((await wire.request('GET', '/access/users/tess@pve', { headers })).status).toBe(403);
    const old = sim.createToken('tess@pve', 'old', { expire: 1000 });
    expect((await wire.request('GET', '/version', { headers: tokenHeaders(old.fullTokenId, old.value) })).status).toBe(401);
  });

  it('refuses ticket-only endpoints to tokens before anything else', async () => {
    const token = sim.createToken('root@pam', 'full', { privsep: false });
    const answer = await wire.request('PUT', '/access/password', {
      params: { userid: 'root@pam', password: 'whatever-1' },
      headers: tokenHeaders(token.fullTokenId, token.value),
    });
    expect([answer.status, answer.reason]).toEqual([
      403,
      "Permission check failed (URI '/access/password' not available with API token, need proper ticket.",
    ]);
  });
});

describe('CSRF', () => {
  it('requires the CSRF token on writes with a ticket, not on reads and not with API tokens', async () => {
    const session = await wire.login('root@pam', sim.rootPassword);
    const cookie = { cookie: `PVEAuthCookie=${encodeURIComponent(session.ticket)}` };
    const without = await wire.request('POST', '/access/groups', { params: { groupid: 'csrf1' }, headers: cookie });
    expect([without.status, without.reason, without.text]).toEqual([401, 'Permission denied - invalid csrf token', '']);
    const wrong = await wire.request('POST', '/access/groups', {
      params: { groupid: 'csrf1' },
      headers: { ...cookie, CSRFPreventionToken: `${session.csrf.slice(0, 9)}forged` },
    });
    expect(wrong.status).toBe(401);
    expect(sim.exec('GET', '/access/groups/csrf1').status).toBe(500);
    const right = await wire.request('POST', '/access/groups', { params: { groupid: 'csrf1' }, headers: ticketHeaders('POST', session) });
    expect(right.status).toBe(200);
    expect((await wire.request('GET', '/access/groups/csrf1', { headers: cookie })).status).toBe(200);
    const token = sim.createToken('root@pam', 'csrf', { privsep: false });
    const viaToken = await wire.request('POST', '/access/groups', {
      params: { groupid: 'csrf2' },
      headers: tokenHeaders(token.fullTokenId, token.value),
    });
    expect(viaToken.status).toBe(200);
  });

  it('binds the CSRF token to the user', async () => {
    seedUser('carl@pve');
    const carl = await wire.login('carl@pve', 'secret-pass-1');
    const root = await wire.login('root@pam', sim.rootPassword);
    const mixed = await wire.request('PUT', '/access/users/carl@pve/token/t1', {
      headers: { cookie: `PVEAuthCookie=${encodeURIComponent(carl.ticket)}`, CSRFPreventionToken: root.csrf },
    });
    expect([mixed.status, mixed.reason]).toEqual([401, 'Permission denied - invalid csrf token']);
  });
});

describe('latency', () => {
  const timed = async (): Promise<number> => {
    const token = sim.createToken('root@pam', `lat${Math.random().toString(36).slice(2, 8)}`);
    const started = performance.now();
    await wire.request('GET', '/version', { headers: tokenHeaders(token.fullTokenId, token.value) });
    return performance.now() - started;
  };

  it('delays every HTTP request by the configured time', async () => {
    sim.setLatency(80);
    expect(await timed()).toBeGreaterThanOrEqual(75);
    sim.setLatency(0);
    expect(await timed()).toBeLessThan(75);
  });

  it('takes the latency from the start options too, and never delays exec', async () => {
    const slow = await startPveSimulator({ latencyMs: 60 });
    const slowWire = new PveWire(slow);
    try {
      const started = performance.now();
      await slowWire.request('GET', '/version');
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);
      const execStarted = performance.now();
      slow.exec('GET', '/version');
      expect(performance.now() - execStarted).toBeLessThan(55);
    } finally {
      slowWire.close();
      await slow.stop();
    }
  });
});

describe('faults', () => {
  let headers: Record<string, string>;
  beforeAll(() => {
    const token = sim.createToken('root@pam', 'faults', { privsep: false });
    headers = tokenHeaders(token.fullTokenId, token.value);
  });

  it('lock-timeout answers PVE cfs-lock error with the endpoint label and changes nothing', async () => {
    sim.inject({ method: 'POST', path: '/access/roles', kind: 'lock-timeout' });
    const failed = await wire.request('POST', '/access/roles', { params: { roleid: 'Locked', privs: 'VM.Audit' }, headers });
    const message = "create role failed: cfs-lock 'file-user_cfg' error: got lock request timeout";
    expect([failed.status, failed.reason, failed.body]).toEqual([500, message, { data: null, message: `${message}\n` }]);
    expect(sim.exec('GET', '/access/roles/Locked').status).toBe(500);
    const retried = await wire.request('POST', '/access/roles', { params: { roleid: 'Locked', privs: 'VM.Audit' }, headers });
    expect(retried.status).toBe(200);
  });

  it('status answers the given status and message, as often as asked, only for matching requests', async () => {
    sim.inject({ method: 'GET', path: /^\/access\/users/, kind: 'status', status: 503, message: 'proxy busy', times: 2 });
    expect((await wire.request('GET', '/version', { headers })).status).toBe(200);
    expect((await wire.request('POST', '/access/users', { params: { userid: 'status1@pve' }, headers })).status).toBe(200);
    const first = await wire.request('GET', '/access/users', { headers });
    const second = await wire.request('GET', '/access/users/status1@pve', { headers });
    expect([first.status, first.reason, second.status]).toEqual([503, 'proxy busy', 503]);
    expect((await wire.request('GET', '/access/users', { headers })).status).toBe(200);
  });

  it('reset-before drops the connection without applying the request', async () => {
    sim.inject({ path: '/access/groups', kind: 'reset-before' });
    await expect(wire.request('POST', '/access/groups', { params: { groupid: 'lost1' }, headers })).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    expect(sim.exec('GET', '/access/groups/lost1').status).toBe(500);
    expect(sim.requests.at(-1)).toMatchObject({ method: 'POST', path: '/access/groups', status: 0 });
  });

  it('reset-after applies the request and loses the answer: a token whose secret never arrives', async () => {
    sim.exec('POST', '/access/users', { userid: 'lost@pve' });
    sim.inject({ method: 'POST', path: '/access/users/lost@pve/token/ci', kind: 'reset-after' });
    await expect(wire.request('POST', '/access/users/lost@pve/token/ci', { headers })).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(data(sim.exec('GET', '/access/users/lost@pve/token/ci'))).toEqual({ expire: 0, privsep: 1 });
    const again = await wire.request('POST', '/access/users/lost@pve/token/ci', { headers });
    expect([again.status, again.body]).toEqual([
      400,
      { data: null, message: 'Parameter verification failed.\n', errors: { tokenid: 'Token already exists.' } },
    ]);
  });

  it('clearFaults removes pending faults', async () => {
    sim.inject({ path: '/version', kind: 'reset-before', times: 5 });
    sim.clearFaults();
    expect((await wire.request('GET', '/version', { headers })).status).toBe(200);
  });
});

describe('token secrets', () => {
  it('are shown once, never read back, and regenerate rotates them in place', async () => {
    seedUser('sam@pve');
    sim.exec('PUT', '/access/acl', { path: '/', roles: 'PVEAuditor', users: 'sam@pve' });
    const root = await wire.login('root@pam', sim.rootPassword);
    const created = await wire.request('POST', '/access/users/sam@pve/token/ci', { headers: ticketHeaders('POST', root) });
    const { value, 'full-tokenid': fullTokenId } = data(created) as { value: string; 'full-tokenid': string };
    expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    sim.exec('PUT', '/access/acl', { path: '/vms', roles: 'PVEAuditor', tokens: fullTokenId });
    const reads: [string, Record<string, string>][] = [
      ['/access/users', { full: '1' }],
      ['/access/users/sam@pve', {}],
      ['/access/users/sam@pve/token', {}],
      ['/access/users/sam@pve/token/ci', {}],
    ];
    for (const [path, params] of reads) {
      const answer = await wire.request('GET', path, { params, headers: ticketHeaders('GET', root) });
      expect(answer.status).toBe(200);
      expect(answer.text).not.toContain(value);
    }
    expect((await wire.request('GET', '/version', { headers: tokenHeaders(fullTokenId, value) })).status).toBe(200);

    const rotated = await wire.request('PUT', '/access/users/sam@pve/token/ci', {
      params: { regenerate: '1' },
      headers: ticketHeaders('PUT', root),
    });
    const fresh = (data(rotated) as { value: string }).value;
    expect(fresh).not.toBe(value);
    expect((await wire.request('GET', '/version', { headers: tokenHeaders(fullTokenId, value) })).status).toBe(401);
    expect((await wire.request('GET', '/version', { headers: tokenHeaders(fullTokenId, fresh) })).status).toBe(200);
    const acl = data(sim.exec('GET', '/access/acl')) as { ugid: string }[];
    expect(acl.filter((e) => e.ugid === fullTokenId)).toHaveLength(1);
  });

  it('die with their token: deleting and re-creating gives a new secret and no ACL entries', async () => {
    seedUser('ria@pve');
    const first = sim.createToken('ria@pve', 'ci');
    sim.exec('PUT', '/access/acl', { path: '/vms', roles: 'PVEAuditor', tokens: first.fullTokenId });
    expect(sim.exec('DELETE', '/access/users/ria@pve/token/ci').status).toBe(200);
    const second = sim.createToken('ria@pve', 'ci');
    expect(second.value).not.toBe(first.value);
    expect((await wire.request('GET', '/version', { headers: tokenHeaders(first.fullTokenId, first.value) })).status).toBe(401);
    const acl = data(sim.exec('GET', '/access/acl')) as { ugid: string }[];
    expect(acl.some((e) => e.ugid === 'ria@pve!ci')).toBe(false);
  });

  it('createToken refuses what PVE refuses', () => {
    expect(() => sim.createToken('ghost@pve', 'ci')).toThrow(/no such user/);
    seedUser('twice@pve');
    sim.createToken('twice@pve', 'ci');
    expect(() => sim.createToken('twice@pve', 'ci')).toThrow(/400/);
  });
});

describe('request log and exec', () => {
  it('records method, decoded path with query, raw body and status of every HTTP request, and can be reset', async () => {
    sim.resetRequests();
    expect(sim.requestCount).toBe(0);
    const token = sim.createToken('root@pam', 'log', { privsep: false });
    const headers = tokenHeaders(token.fullTokenId, token.value);
    await wire.request('GET', '/access/users', { params: { full: '1' }, headers });
    await wire.request('POST', '/access/users', { params: { userid: 'log@pve', comment: 'a b' }, headers });
    await wire.request('GET', '/access/users/log@pve', { headers });
    expect(sim.requestCount).toBe(3);
    // Each request also names the TLS connection that carried it, numbered from 1.
    for (const r of sim.requests) expect(Number.isInteger(r.connection) && r.connection >= 1).toBe(true);
    expect(sim.requests.map(({ connection: _, ...r }) => r)).toEqual([
      { method: 'GET', path: '/access/users?full=1', body: '', status: 200 },
      { method: 'POST', path: '/access/users', body: 'userid=log%40pve&comment=a+b', status: 200 },
      { method: 'GET', path: '/access/users/log@pve', body: '', status: 200 },
    ]);
  });

  it('exec runs as root by default, as any user or token when asked, and checks the account', () => {
    seedUser('ed@pve');
    const asEd = sim.exec('GET', '/access/users', {}, 'ed@pve');
    expect((data(asEd) as { userid: string }[]).map((u) => u.userid)).toEqual(['ed@pve']);
    expect(sim.exec('POST', '/access/groups', { groupid: 'byEd' }, 'ed@pve').status).toBe(403);
    sim.createToken('ed@pve', 'tok');
    expect(sim.exec('GET', '/access/permissions', {}, 'ed@pve!tok')).toEqual({ status: 200, body: { data: {} } });
    sim.exec('PUT', '/access/users/ed@pve', { enable: false });
    expect(sim.exec('GET', '/version', {}, 'ed@pve').status).toBe(401);
    expect(sim.exec('GET', '/version', {}, 'ed@pve!tok').status).toBe(401);
    expect(sim.exec('GET', '/version', {}, 'nobody@pve').status).toBe(401);
  });

  it('exec takes typed parameters: booleans as 1/0, numbers, lists as repeated keys', () => {
    sim.exec('POST', '/access/groups', { groupid: 'typed1' });
    sim.exec('POST', '/access/groups', { groupid: 'typed2' });
    const created = sim.exec('POST', '/access/users', {
      userid: 'typed@pve',
      enable: false,
      expire: 4102444800,
      groups: ['typed1', 'typed2'],
    });
    expect(created.status).toBe(200);
    expect(data(sim.exec('GET', '/access/users/typed@pve'))).toEqual({
      enable: 0,
      expire: 4102444800,
      groups: ['typed1', 'typed2'],
      tokens: null,
    });
  });

  it('handles 5,000 users with tokens and ACL entries without slowing down', async () => {
    const big = await startPveSimulator();
    try {
      const started = performance.now();
      for (let i = 0; i < 5000; i++) {
        const userid = `u${i}@pve`;
        expect(big.exec('POST', '/access/users', { userid }).status).toBe(200);
        big.createToken(userid, 'ci');
        const grant = { path: `/vms/${100 + i}`, roles: 'PVEVMUser', users: userid, tokens: `${userid}!ci` };
        expect(big.exec('PUT', '/access/acl', grant).status).toBe(200);
      }
      const users = data(big.exec('GET', '/access/users', { full: 1 })) as unknown[];
      const acl = data(big.exec('GET', '/access/acl')) as unknown[];
      expect([users.length, acl.length]).toEqual([5001, 10000]);
      // Linear work is well under a second here; a quadratic list or cascade would take minutes.
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      await big.stop();
    }
  });

  it('stops through Symbol.asyncDispose as well', async () => {
    const disposable = await startPveSimulator();
    const probe = new PveWire(disposable);
    await disposable[Symbol.asyncDispose]();
    await expect(probe.request('GET', '/version')).rejects.toThrow(/ECONNREFUSED/);
    probe.close();
  });
});
