/**
 * What the real PVE code does beyond the golden vectors, and the simulator with it: routing on
 * path components with whitespace, Unicode e-mail addresses, JSON booleans for non-boolean
 * parameters, and two differences of PVE 8.4 (401 reason phrases, group id characters).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPveSimulator, type PveSimulator } from './index.js';
import { PveWire, ticketHeaders, tokenHeaders, type WireAnswer } from './pve-http.js';

const VERSIONS = ['9.1.1', '8.4.1'] as const;
const sims = new Map<string, { sim: PveSimulator; wire: PveWire; root: Record<string, string> }>();

beforeAll(async () => {
  for (const version of VERSIONS) {
    const sim = await startPveSimulator({ version });
    const { fullTokenId, value } = sim.createToken('root@pam', 'facts', { privsep: false });
    sims.set(version, { sim, wire: new PveWire(sim), root: tokenHeaders(fullTokenId, value) });
  }
});
afterAll(async () => {
  for (const { sim, wire } of sims.values()) {
    wire.close();
    await sim.stop();
  }
});

const on = (version: (typeof VERSIONS)[number]) => sims.get(version)!;
const current = () => on('9.1.1');
const seen = (answer: WireAnswer) => ({ status: answer.status, reason: answer.reason, body: answer.body });

describe('routing: a path component with whitespace matches no route', () => {
  it.each([
    ['a space inside a user id', '/access/users/bob x@pve', 'GET'],
    ['a trailing space', '/access/users/root@pam ', 'GET'],
    ['a tab in a token id', '/access/users/root@pam/token/a\tb', 'DELETE'],
    ['a component that is only a space', '/access/groups/ ', 'GET'],
    ['a space after a literal component', '/access/users /root@pam', 'GET'],
  ])('%s answers 501 with the path as sent', async (_what, path, method) => {
    const { sim, wire, root } = current();
    const message = `Method '${method} ${path}' not implemented`;
    const answer = await wire.request(method, path, { headers: root });
    expect(seen(answer)).toEqual({ status: 501, reason: message, body: { data: null, message } });
    expect(sim.exec(method, path.split('/').map(encodeURIComponent).join('/'))).toEqual({ status: 501, body: { data: null, message } });
  });

  it('still matches the same path without the whitespace', async () => {
    const { wire, root } = current();
    const answer = await wire.request('GET', '/access/users/root@pam', { headers: root });
    expect(answer.status).toBe(200);
  });

  it("lets one final newline through, as Perl's `$` does, and leaves it out of the parameter", async () => {
    const { wire, root } = current();
    const answer = await wire.request('GET', '/access/users/root@pam\n', { headers: root });
    expect(answer.status).toBe(200);
    expect((answer.body as { data: { email?: string } }).data.email).toBe('root@example.com');
    const inside = await wire.request('GET', '/access/users/ro\not@pam', { headers: root });
    expect(inside.status).toBe(501);
  });

  it('refuses a tokenid with a space before schema validation could', async () => {
    const { sim, wire, root } = current();
    const answer = await wire.request('POST', '/access/users/root@pam/token/my token', { headers: root });
    expect([answer.status, answer.reason]).toEqual([501, "Method 'POST /access/users/root@pam/token/my token' not implemented"]);
    expect(sim.exec('GET', '/access/users/root@pam/token').body).not.toEqual(
      expect.objectContaining({ data: expect.arrayContaining([expect.objectContaining({ tokenid: 'my token' })]) }),
    );
  });
});

describe('e-mail addresses', () => {
  it.each(['jürgen.müller@example.com', 'ærøskøbing@example.dk', '名前@example.jp', 'Ωmega_1+tag~x@mail-1.example.org'])(
    'accepts any Unicode letter in the local part: %s',
    async (email) => {
      const { sim, wire, root } = current();
      const userid = `mail${email.length}x${[...email].length}@pve`;
      const created = await wire.request('POST', '/access/users', { params: { userid, email }, headers: root });
      expect(created.status).toBe(200);
      expect((sim.exec('GET', `/access/users/${userid}`).body as { data: { email: string } }).data.email).toBe(email);
    },
  );

  it.each(['jürgen@bücher.de', 'two words@example.com', 'dot.@example.com', '@example.com', 'ünïcödé'])(
    'still refuses %s',
    async (email) => {
      const { sim, wire, root } = current();
      const answer = await wire.request('POST', '/access/users', { params: { userid: 'refused@pve', email }, headers: root });
      expect(seen(answer)).toEqual({
        status: 400,
        reason: 'Parameter verification failed.',
        body: {
          data: null,
          message: 'Parameter verification failed.\n',
          errors: { email: 'invalid format - value does not look like a valid email address\n' },
        },
      });
      expect(sim.exec('GET', '/access/users/refused@pve').status).toBe(500);
    },
  );
});

describe('JSON bodies', () => {
  const json = (body: unknown) => ({
    rawBody: JSON.stringify(body),
    headers: { ...current().root, 'content-type': 'application/json' },
  });

  it.each([true, false])('refuse a JSON %s for an integer parameter with a 400 naming the Perl class', async (flag) => {
    const { sim, wire } = current();
    const answer = await wire.request('POST', '/access/users/root@pam/token/jsonint', json({ expire: flag }));
    expect(seen(answer)).toEqual({
      status: 400,
      reason: 'Parameter verification failed.',
      body: {
        data: null,
        message: 'Parameter verification failed.\n',
        errors: { expire: "type check ('integer') failed - got JSON::PP::Boolean" },
      },
    });
    expect(sim.exec('GET', '/access/users/root@pam/token/jsonint').status).toBe(500);
  });

  it('refuse it for a string parameter too, and report every bad parameter at once', async () => {
    const { sim, wire } = current();
    const answer = await wire.request('POST', '/access/users', json({ userid: 'jb@pve', comment: true, expire: false }));
    expect((answer.body as { errors: unknown }).errors).toEqual({
      comment: "type check ('string') failed - got JSON::PP::Boolean",
      expire: "type check ('integer') failed - got JSON::PP::Boolean",
    });
    expect(sim.exec('GET', '/access/users/jb@pve').status).toBe(500);
  });

  it('accept true/false for boolean parameters and echo them as "1"/"0"', async () => {
    const { sim, wire } = current();
    const answer = await wire.request('POST', '/access/users/root@pam/token/jsonbool', json({ privsep: false, expire: 0 }));
    expect(answer.status).toBe(200);
    expect((answer.body as { data: { info: unknown } }).data.info).toEqual({ privsep: '0', expire: '0' });
    const acl = await wire.request(
      'PUT',
      '/access/acl',
      json({ path: '/vms', roles: 'PVEAuditor', tokens: 'root@pam!jsonbool', propagate: false }),
    );
    expect(acl.status).toBe(200);
    expect((sim.exec('GET', '/access/acl').body as { data: unknown[] }).data).toContainEqual({
      path: '/vms',
      type: 'token',
      ugid: 'root@pam!jsonbool',
      roleid: 'PVEAuditor',
      propagate: 0,
    });
  });
});

describe('PVE 8.4 differences', () => {
  async function bad401s(version: (typeof VERSIONS)[number]): Promise<string[]> {
    const { sim, wire } = on(version);
    sim.exec('POST', '/access/users', { userid: 'carol@pve', password: 'secret-pass-1' });
    const session = await wire.login('carol@pve', 'secret-pass-1');
    sim.exec('PUT', '/access/users/carol@pve', { enable: 0 });
    const real = sim.createToken('root@pam', 'real');
    const answers = [
      await wire.request('GET', '/version', { headers: tokenHeaders('bob@pve!ci', 'secret') }),
      await wire.request('GET', '/version', { headers: tokenHeaders('root@pam!nope', 'secret') }),
      await wire.request('GET', '/version', { headers: tokenHeaders(real.fullTokenId, 'not-the-secret') }),
      await wire.request('GET', '/version', { headers: tokenHeaders('root@pam!x', 'secret') }),
      await wire.request('GET', '/version', { headers: { cookie: 'PVEAuthCookie=PVE:root@pam:00000000::forged' } }),
      await wire.request('GET', '/version', { headers: ticketHeaders('GET', session) }),
    ];
    for (const answer of answers) expect([answer.status, answer.text]).toEqual([401, '']);
    return answers.map((answer) => answer.reason);
  }

  it('8.4 puts the failed check into the 401 reason phrase', async () => {
    expect(await bad401s('8.4.1')).toEqual([
      "no such user ('bob@pve')",
      "no such token 'nope' for user 'root@pam'",
      'invalid token value!',
      "'root@pam!x' is not a valid token ID - not able to split into user and token parts",
      'permission denied - invalid PVE ticket',
      "user 'carol@pve' is disabled",
    ]);
  });

  it('9.1 says only "Authentication failed!"', async () => {
    expect(new Set(await bad401s('9.1.1'))).toEqual(new Set(['Authentication failed!']));
  });

  it('8.4 also lets ( ? ^ : ) into group ids, which 9.1 refuses; other characters stay refused on both', async () => {
    for (const groupid of ['ops(eu)', 'why?', '^top', 'a:b']) {
      expect(on('8.4.1').sim.exec('POST', '/access/groups', { groupid }).status, groupid).toBe(200);
      expect(on('9.1.1').sim.exec('POST', '/access/groups', { groupid }).body, groupid).toEqual({
        data: null,
        message: 'Parameter verification failed.\n',
        errors: { groupid: `invalid format - group name '${groupid}' contains invalid characters\n` },
      });
    }
    for (const groupid of ['a b', 'x/y', 'ü']) {
      expect(on('8.4.1').sim.exec('POST', '/access/groups', { groupid }).status, groupid).toBe(400);
    }
    const groups = (on('8.4.1').sim.exec('GET', '/access/groups').body as { data: { groupid: string }[] }).data;
    expect(groups.map((g) => g.groupid).sort()).toEqual(['^top', 'a:b', 'ops(eu)', 'why?']);
  });
});
