import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ProxmoxApiError, TransportError } from '../../src/errors.js';
import { recordingLogger } from '../../src/log.js';
import { ProxmoxAuthError } from '../../src/proxmox/auth.js';
import { lockTimeout, once, PASSWORD, SECRET, ticketServer, TOKEN_ID, unavailable, useClientHarness } from './proxmox-client-harness.js';

const h = useClientHarness();

describe('API token authentication', () => {
  it('sends PVEAPIToken=<id>=<secret> and no ticket or CSRF header', async () => {
    const api = await h.client();
    h.server.reply = (req) => ({ json: { data: req.path === '/version' ? { version: '9.1.1' } : null } });
    await api.getVersion();
    await api.createRole('Ops', ['VM.Audit']);
    for (const req of h.server.requests) {
      expect(req.headers.authorization).toBe(`PVEAPIToken=${TOKEN_ID}=${SECRET}`);
      expect(req.headers.cookie).toBeUndefined();
      expect(req.headers.csrfpreventiontoken).toBeUndefined();
    }
    expect(api.identity).toBe(TOKEN_ID);
    expect(api.requestCount).toBe(2);
  });

  it('accepts the secret in the user@realm!name=secret form', async () => {
    const api = await h.client({ auth: { tokenId: TOKEN_ID, secret: `${TOKEN_ID}=${SECRET}` } });
    await api.listAcl().catch(() => undefined);
    expect(h.server.requests[0]!.headers.authorization).toBe(`PVEAPIToken=${TOKEN_ID}=${SECRET}`);
  });

  it('turns a 401 into an auth error that names the token, not the secret', async () => {
    const api = await h.client();
    h.server.reply = () => ({ status: 401, reason: 'Authentication failed!' });
    const err = await api.getVersion().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProxmoxAuthError);
    expect(err).toMatchObject({ status: 401, reason: 'Authentication failed!', credential: 'api-token' });
    expect((err as Error).message).toContain(`API token ${TOKEN_ID}`);
    expect(h.server.requests).toHaveLength(1);
  });
});

describe('ticket authentication', () => {
  const passwordAuth = { auth: { username: 'alice@pve', password: PASSWORD } };

  it('logs in, sends the ticket cookie, and the CSRF token only on writes', async () => {
    const pve = ticketServer(h.server);
    const api = await h.client(passwordAuth);
    await api.listAcl();
    await api.updateGroup('ops', 'x');
    const [login, get, put] = h.server.requests;
    expect(login).toMatchObject({ method: 'POST', path: '/access/ticket' });
    expect(login!.headers.authorization).toBeUndefined();
    expect(get!.headers.cookie).toBe(`PVEAuthCookie=${pve.ticket()}`);
    expect(get!.headers.csrfpreventiontoken).toBeUndefined();
    expect(get!.headers.authorization).toBeUndefined();
    expect(put!.headers.csrfpreventiontoken).toBe(pve.csrf());
    expect(api.identity).toBe('alice@pve');
    expect(api.requestCount).toBe(3);
  });

  it('logs in again once when the ticket has expired, also for parallel requests', async () => {
    const pve = ticketServer(h.server);
    const api = await h.client(passwordAuth);
    pve.expireAll();
    await Promise.all([api.listAcl(), api.listAcl(), api.updateGroup('ops', 'y')]);
    expect(pve.state.logins).toBe(2);
    expect(h.server.apiRequests.filter((r) => r.headers.cookie === `PVEAuthCookie=${pve.ticket()}`)).toHaveLength(3);
  });

  it('renews the ticket before its two hours are up', async () => {
    const pve = ticketServer(h.server);
    let now = 1_000_000;
    const api = await h.client({ ...passwordAuth, now: () => now });
    await api.listAcl();
    now += 95 * 60 * 1000;
    await api.listAcl();
    expect(pve.state.logins).toBe(2);
    expect(h.server.requests.map((r) => r.path)).toEqual(['/access/ticket', '/access/acl', '/access/ticket', '/access/acl']);
    expect(h.server.requests[3]!.headers.cookie).toBe(`PVEAuthCookie=${pve.ticket()}`);
  });

  it('gives up after one re-login and names the user', async () => {
    const pve = ticketServer(h.server);
    const api = await h.client(passwordAuth);
    pve.state.refuseAll = true;
    const err = await api.listAcl().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProxmoxAuthError);
    expect((err as ProxmoxAuthError).credential).toBe('password');
    expect((err as Error).message).toContain('alice@pve');
    expect(h.server.requests.map((r) => r.path)).toEqual(['/access/ticket', '/access/acl', '/access/ticket', '/access/acl']);
  });

  it('fails at creation when the password is wrong', async () => {
    ticketServer(h.server);
    const err = await h.client({ auth: { username: 'alice@pve', password: 'wrong-password' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProxmoxAuthError);
    expect((err as Error).message).toMatch(/login as alice@pve with username and password failed/);
    expect(h.server.requests).toHaveLength(1);
  });
});

describe('retries', () => {
  it('retries an idempotent GET on 502/503/504 with growing backoff', async () => {
    const api = await h.client();
    let n = 0;
    h.server.reply = () => (++n < 3 ? unavailable() : { json: { data: [] } });
    await expect(api.listRoles()).resolves.toEqual([]);
    expect(h.server.requests).toHaveLength(3);
    expect(h.sleeps).toHaveLength(2);
    expect(h.sleeps[1]!).toBeGreaterThan(h.sleeps[0]!);
  });

  it('stops after the configured attempts', async () => {
    const api = await h.client({ retry: { attempts: 3 } });
    h.server.reply = unavailable;
    await expect(api.listRoles()).rejects.toMatchObject({ status: 503 });
    expect(h.server.requests).toHaveLength(3);
  });

  it('does not retry a POST that got a 503', async () => {
    const api = await h.client();
    h.server.reply = unavailable;
    await expect(api.createRole('Ops', [])).rejects.toMatchObject({ status: 503 });
    expect(h.server.requests).toHaveLength(1);
  });

  it('retries a POST and a PUT that hit the cfs lock timeout (nothing was written)', async () => {
    const api = await h.client();
    h.server.reply = once(lockTimeout());
    await api.createRole('Ops', ['VM.Audit']);
    h.server.reply = once(lockTimeout());
    await api.updateRole('Ops', ['VM.Audit']);
    expect(h.server.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'PUT', 'PUT']);
  });

  it('never retries a token create or a regenerate, not even on a lock timeout', async () => {
    const api = await h.client();
    h.server.reply = lockTimeout;
    const err = await api.createToken('alice@pve', 'ci', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProxmoxApiError);
    expect((err as ProxmoxApiError).lockTimeout).toBe(true);
    h.server.reply = unavailable;
    await expect(api.regenerateToken('alice@pve', 'ci')).rejects.toMatchObject({ status: 503 });
    expect(h.server.requests.map((r) => r.method)).toEqual(['POST', 'PUT']);
    expect(h.sleeps).toEqual([]);
  });

  it('retries a DELETE after a dropped connection but not a POST', async () => {
    const api = await h.client();
    h.server.reply = once({ fault: 'reset' });
    await api.deleteGroup('ops');
    expect(h.server.requests).toHaveLength(2);
    h.server.requests.length = 0;
    h.server.reply = () => ({ fault: 'reset' });
    await expect(api.createGroup('ops', '')).rejects.toThrow(TransportError);
    expect(h.server.requests).toHaveLength(1);
  });

  it('does not retry a deterministic 500', async () => {
    const api = await h.client();
    h.server.reply = () => ({ status: 500, reason: "role 'x' does not exist", json: { data: null, message: "role 'x' does not exist\n" } });
    await expect(api.getRole('x')).rejects.toMatchObject({ notFound: true });
    expect(h.server.requests).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('gives up waiting for response headers', async () => {
    const api = await h.client({ timeouts: { headersMs: 300 }, retry: { attempts: 2 } });
    h.server.reply = () => ({ fault: 'headers' });
    const err = await api.getVersion().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/timeout waiting for the response headers/);
    expect(h.server.requests).toHaveLength(2);
  });

  it('gives up on a stalled body', async () => {
    const api = await h.client({ timeouts: { bodyMs: 300 }, retry: { attempts: 1 } });
    h.server.reply = () => ({ fault: 'body', json: { data: [] } });
    await expect(api.listAcl()).rejects.toThrow(/timeout while reading the response body/);
  });
});

describe('error mapping', () => {
  it('maps a 500 "does not exist" to a not-found ProxmoxApiError', async () => {
    const api = await h.client();
    h.server.reply = () => ({ status: 500, reason: "role 'x' does not exist", json: { data: null, message: "role 'x' does not exist\n" } });
    const err = (await api.getRole('x').catch((e: unknown) => e)) as ProxmoxApiError;
    expect(err).toBeInstanceOf(ProxmoxApiError);
    expect(err).toMatchObject({ method: 'GET', path: '/access/roles/x', status: 500, reason: "role 'x' does not exist", notFound: true });
  });

  it('keeps the errors object of a 400', async () => {
    const api = await h.client();
    const errors = { privs: "invalid format - invalid privilege 'Foo.Bar'\n" };
    h.server.reply = () => ({
      status: 400,
      reason: 'Parameter verification failed.',
      json: { data: null, message: 'Parameter verification failed.\n', errors },
    });
    const err = (await api.createRole('R', ['Foo.Bar']).catch((e: unknown) => e)) as ProxmoxApiError;
    expect(err.status).toBe(400);
    expect(err.reason).toBe('Parameter verification failed.');
    expect(err.errors).toEqual({ privs: "invalid format - invalid privilege 'Foo.Bar'" });
    expect(err.message).toContain("privs: invalid format - invalid privilege 'Foo.Bar'");
  });

  it('reads the reason phrase when an older server sends no message', async () => {
    const api = await h.client();
    h.server.reply = () => ({ status: 500, reason: "group 'g' does not exist", json: { data: null } });
    await expect(api.getGroup('g')).rejects.toMatchObject({ reason: "group 'g' does not exist", notFound: true });
  });

  it('splits a parameter error raised inside the lock into errors', async () => {
    const api = await h.client();
    const message =
      "ACL update failed: 400 Parameter verification failed.\nrole: Cannot add role 'R' - requires 'Permissions.Modify' or superset of privileges.\n";
    h.server.reply = () => ({
      status: 500,
      reason: 'ACL update failed: 400 Parameter verification failed.',
      json: { data: null, message },
    });
    const err = (await api
      .updateAcl({ path: '/', roles: ['R'], users: ['u@pve'], propagate: true })
      .catch((e: unknown) => e)) as ProxmoxApiError;
    expect(err.reason).toBe('ACL update failed: 400 Parameter verification failed.');
    expect(err.errors.role).toMatch(/^Cannot add role 'R'/);
  });

  it('reports a 401 without a body by its reason phrase', async () => {
    const api = await h.client();
    h.server.reply = () => ({ status: 401, reason: 'No ticket' });
    await expect(api.listAcl()).rejects.toMatchObject({ status: 401, reason: 'No ticket' });
  });

  it('refuses a 200 that is not PVE JSON', async () => {
    const api = await h.client();
    h.server.reply = () => ({ raw: '<html>proxy</html>' });
    await expect(api.listAcl()).rejects.toThrow(ProxmoxApiError);
  });
});

describe('request encoding', () => {
  it('sends booleans as 1/0, lists comma-joined and values percent-encoded', async () => {
    const api = await h.client();
    const comment = 'a=b;c&d é';
    await api.updateUser('al ice@pve', { enable: false, expire: 0, groups: ['ops', 'qa'], comment });
    const req = h.server.requests[0]!;
    expect(req.rawUrl).toBe('/api2/json/access/users/al%20ice%40pve');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(req.form)).toEqual({ enable: '0', expire: '0', groups: 'ops,qa', comment });
    expect(req.rawBody).toContain('comment=a%3Db%3Bc%26d%20%C3%A9');
  });

  it('puts GET parameters in the query and sends no body', async () => {
    const api = await h.client();
    h.server.reply = () => ({ json: { data: [] } });
    await api.listUsersFull();
    const req = h.server.requests[0]!;
    expect(req.rawUrl).toBe('/api2/json/access/users?full=1');
    expect(req.rawBody).toBe('');
    expect(req.headers['content-length'] ?? '0').toBe('0');
  });

  it('writes one ACL PUT with every subject and leaves out empty lists', async () => {
    const api = await h.client();
    await api.updateAcl({ path: '/vms', roles: ['A', 'B'], users: [], groups: ['g'], tokens: ['a@pve!t1', 'a@pve!t2'], propagate: false });
    expect(Object.fromEntries(h.server.requests[0]!.form)).toEqual({
      path: '/vms',
      roles: 'A,B',
      groups: 'g',
      tokens: 'a@pve!t1,a@pve!t2',
      propagate: '0',
    });
  });

  it('returns a created token secret and hands it to onSecret first', async () => {
    const value = randomUUID();
    const seen: string[] = [];
    const api = await h.client({ onSecret: (s) => void seen.push(s) });
    h.server.reply = () => ({ json: { data: { 'full-tokenid': 'alice@pve!ci', value, info: { privsep: '1' } } } });
    await expect(api.createToken('alice@pve', 'ci', { privsep: true, expire: 4102444800 })).resolves.toEqual({
      fullTokenId: 'alice@pve!ci',
      value,
    });
    expect(Object.fromEntries(h.server.requests[0]!.form)).toEqual({ privsep: '1', expire: '4102444800' });
    expect(h.server.requests[0]!.rawUrl).toBe('/api2/json/access/users/alice%40pve/token/ci');
    expect(seen).toEqual([value]);
  });

  it('regenerates with regenerate=1 on a PUT', async () => {
    const value = randomUUID();
    const api = await h.client();
    h.server.reply = () => ({ json: { data: { 'full-tokenid': 'alice@pve!ci', value, privsep: 1, expire: 0 } } });
    await expect(api.regenerateToken('alice@pve', 'ci')).resolves.toEqual({ fullTokenId: 'alice@pve!ci', value });
    expect(h.server.requests[0]!.method).toBe('PUT');
    expect(Object.fromEntries(h.server.requests[0]!.form)).toEqual({ regenerate: '1' });
  });
});

describe('credentials never leak', () => {
  it('keeps secrets, passwords, tickets and new token values out of errors and logs', async () => {
    const logger = recordingLogger();
    const created = randomUUID();
    const failures: unknown[] = [];
    const capture = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => void failures.push(e),
      );

    const tokenApi = await h.client({ logger, retry: { attempts: 2 } });
    h.server.reply = () => ({ json: { data: { 'full-tokenid': 'alice@pve!ci', value: created } } });
    await tokenApi.createToken('alice@pve', 'ci', {});
    h.server.reply = () => ({ status: 401, reason: 'Authentication failed!' });
    await capture(tokenApi.getVersion());
    h.server.reply = () => ({ status: 500, reason: 'boom', json: { data: null, message: 'boom\n' } });
    await capture(tokenApi.deleteUser('alice@pve'));
    h.server.reply = () => ({ fault: 'reset' });
    await capture(tokenApi.listAcl());
    await capture(tokenApi.createToken('alice@pve', 'ci', {}));

    const pve = ticketServer(h.server);
    const ticketApi = await h.client({ logger, auth: { username: 'alice@pve', password: PASSWORD } });
    pve.expireAll();
    await ticketApi.listAcl();
    pve.state.refuseAll = true;
    await capture(ticketApi.updateGroup('ops', 'z'));
    await capture(h.client({ logger, auth: { username: 'alice@pve', password: `${PASSWORD}-wrong` } }));
    await capture(h.client({ logger, auth: { tokenId: `${TOKEN_ID}=${SECRET}`, secret: SECRET } }));

    expect(failures.length).toBe(7);
    expect(logger.lines.filter((l) => l.startsWith('debug: ')).length).toBeGreaterThan(10);
    const haystack = [
      ...logger.lines,
      ...failures.flatMap((e) => [String(e), (e as Error).stack ?? '', inspect(e, { depth: 10 }), JSON.stringify(e)]),
    ].join('\n');
    for (const needle of [SECRET, PASSWORD, created, 'PVE:alice@pve:6650A1B2', '6650A1B2:csrf', 'PVEAPIToken', 'PVEAuthCookie']) {
      expect(haystack).not.toContain(needle);
    }
  });
});
