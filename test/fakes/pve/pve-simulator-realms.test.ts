/**
 * The simulator's realms beyond what golden file 22 records: bind passwords never come back,
 * refused writes change nothing (same digest), the digest guards concurrent edits, comments
 * survive the file's percent-encoding, the realm list is all a login box needs, and users
 * follow their realm (realm-type, refused passwords, case-insensitive realms).
 */
import { describe, expect, it } from 'vitest';
import type { PveSimulator } from './index.js';
import type { PveWire } from './pve-http.js';
import { simulatorPerFile } from './simulator-per-file.js';

let sim: PveSimulator;
let wire: PveWire;
simulatorPerFile((started) => ({ sim, wire } = started));

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const data = (answer: Answer): unknown => (answer.body as { data?: unknown }).data;
const message = (answer: Answer): string | undefined => (answer.body as { message?: string }).message;
const realm = (id: string): Record<string, unknown> => data(sim.exec('GET', `/access/domains/${id}`)) as Record<string, unknown>;

const LDAP = { type: 'ldap', server1: 'ldap.example.com', base_dn: 'dc=example,dc=com', user_attr: 'uid' };

function create(id: string, params: Record<string, unknown>): void {
  const answer = sim.exec('POST', '/access/domains', { realm: id, ...params });
  expect(answer, JSON.stringify(answer.body)).toMatchObject({ status: 200 });
}

describe('bind passwords', () => {
  it('are never returned, by any read of realms or users, over HTTPS', async () => {
    const secrets = ['ldap-bind-8c1f2e', 'ad-bind-77aa01', 'ldap-rebind-41d9c3'];
    create('sec-ldap', { ...LDAP, bind_dn: 'cn=svc,dc=example,dc=com', password: secrets[0] });
    create('sec-ad', { type: 'ad', server1: 'dc1.example.com', domain: 'example.com', password: secrets[1] });
    expect(sim.exec('PUT', '/access/domains/sec-ldap', { password: secrets[2], comment: 'rotated' }).status).toBe(200);
    expect(sim.exec('POST', '/access/users', { userid: 'dora@sec-ldap' }).status).toBe(200);
    const session = await wire.login('root@pam', sim.rootPassword);
    const headers = { cookie: `PVEAuthCookie=${encodeURIComponent(session.ticket)}` };
    const reads = ['/access/domains', '/access/domains/sec-ldap', '/access/domains/sec-ad', '/access/users', '/access/users/dora@sec-ldap'];
    const texts: string[] = [];
    for (const path of reads) {
      const answer = await wire.request('GET', path, { headers, ...(path === '/access/users' ? { params: { full: '1' } } : {}) });
      expect(answer.status, path).toBe(200);
      texts.push(answer.text);
    }
    expect(texts.join('\n')).toContain('rotated');
    for (const secret of secrets) for (const [i, text] of texts.entries()) expect(text.includes(secret), reads[i]).toBe(false);
    expect(Object.keys(realm('sec-ldap'))).not.toContain('password');
  });

  it('live beside the file: changing one alone leaves the file and its digest as they were', () => {
    create('sec-file', { ...LDAP, bind_dn: 'cn=svc,dc=example,dc=com', password: 'file-secret-5e0b' });
    const before = realm('sec-file');
    expect(sim.exec('PUT', '/access/domains/sec-file', { password: 'file-secret-9a7d' }).status).toBe(200);
    expect(realm('sec-file')).toEqual(before);
    expect(sim.exec('PUT', '/access/domains/sec-file', { delete: 'password' }).status).toBe(200);
    expect(realm('sec-file')).toEqual(before);
  });
});

describe('refused writes change nothing', () => {
  it('keeps the file when the writer refuses a value with a line break', () => {
    create('lf-ldap', LDAP);
    const before = realm('lf-ldap');
    const answer = sim.exec('PUT', '/access/domains/lf-ldap', { filter: '(uid=*)\n\tbase_dn dc=evil' });
    expect(answer.status).toBe(500);
    expect(message(answer)).toBe('update auth server failed: property contains a line feed\n');
    expect(realm('lf-ldap')).toEqual(before);
    expect(sim.exec('POST', '/access/domains', { realm: 'lf-new', ...LDAP, base_dn: 'dc=a\r\n' }).status).toBe(500);
    expect(sim.exec('GET', '/access/domains/lf-new').status).toBe(500);
  });

  it('refuses a line break in a comment too, although the file would store it percent-encoded', () => {
    const answer = sim.exec('POST', '/access/domains', { realm: 'lf-comment', ...LDAP, comment: 'first line\nsecond' });
    expect(message(answer)).toBe('add auth server failed: property contains a line feed\n');
    expect(sim.exec('GET', '/access/domains/lf-comment').status).toBe(500);
  });
});

describe('digest', () => {
  it('lets an update through with the current digest and refuses it with an outdated one', () => {
    create('dg-ldap', LDAP);
    const first = realm('dg-ldap').digest as string;
    expect(first).toMatch(/^[0-9a-f]{40}$/);
    expect(sim.exec('PUT', '/access/domains/dg-ldap', { digest: first, comment: 'one' }).status).toBe(200);
    const second = realm('dg-ldap').digest as string;
    expect(second).not.toBe(first);
    // Every realm shares the file's digest.
    expect(realm('pve').digest).toBe(second);
    const stale = sim.exec('PUT', '/access/domains/dg-ldap', { digest: first, comment: 'two' });
    expect(message(stale)).toBe('update auth server failed: detected modified configuration - file changed by other user? Try again.\n');
    expect(realm('dg-ldap').comment).toBe('one');
  });
});

describe('comments', () => {
  it('round-trip non-ASCII text and colons', () => {
    create('cm-ldap', { ...LDAP, comment: 'Büro: Zürich ☃' });
    expect(realm('cm-ldap').comment).toBe('Büro: Zürich ☃');
    const listed = (data(sim.exec('GET', '/access/domains')) as { realm: string; comment?: string }[]).find((r) => r.realm === 'cm-ldap');
    expect(listed?.comment).toBe('Büro: Zürich ☃');
  });

  it('lose an escape sequence typed by hand, as PVE decodes every %XX it reads', () => {
    create('cm-pct', { ...LDAP, comment: '100%41 sure' });
    expect(realm('cm-pct').comment).toBe('100A sure');
  });
});

describe('the realm list', () => {
  it('needs no credentials and carries only a summary per realm, no options', async () => {
    create('ls-ldap', { ...LDAP, comment: 'Directory', tfa: 'type=oath,digits=8', port: '636', mode: 'ldaps' });
    const answer = await wire.request('GET', '/access/domains');
    expect(answer.status).toBe(200);
    const entry = (data(answer) as Record<string, unknown>[]).find((r) => r.realm === 'ls-ldap');
    expect(entry).toEqual({ realm: 'ls-ldap', type: 'ldap', comment: 'Directory', tfa: 'oath' });
  });

  it('marks exactly one default realm, the one set last', () => {
    create('df-one', { ...LDAP, default: '1' });
    create('df-two', { ...LDAP, default: '1' });
    const defaults = (data(sim.exec('GET', '/access/domains')) as { realm: string; default?: number }[]).filter((r) => r.default);
    expect(defaults.map((r) => r.realm)).toEqual(['df-two']);
    expect(realm('df-one')).not.toHaveProperty('default');
  });
});

describe('users and their realms', () => {
  it('lists realm-type from the realm list, and none once the realm is gone', () => {
    create('ut-ad', { type: 'ad', server1: 'dc1.example.com', domain: 'example.com' });
    expect(sim.exec('POST', '/access/users', { userid: 'erin@ut-ad' }).status).toBe(200);
    const typeOf = (): unknown =>
      (data(sim.exec('GET', '/access/users')) as { userid: string; 'realm-type'?: string }[]).find((u) => u.userid === 'erin@ut-ad')?.[
        'realm-type'
      ];
    expect(typeOf()).toBe('ad');
    expect(sim.exec('DELETE', '/access/domains/ut-ad').status).toBe(200);
    expect(typeOf()).toBeUndefined();
  });

  it('refuses passwords for openid users, and for realms that do not exist', () => {
    create('ut-oidc', { type: 'openid', 'issuer-url': 'https://id.example.com', 'client-id': 'pve' });
    const oidc = sim.exec('POST', '/access/users', { userid: 'finn@ut-oidc', password: 'finn-pw-123' });
    expect(message(oidc)).toBe("create user failed: can't set password on auth type 'openid'\n");
    const missing = sim.exec('POST', '/access/users', { userid: 'gil@ut-none', password: 'gil-pw-1234' });
    expect(message(missing)).toBe("create user failed: auth domain 'ut-none' does not exist\n");
  });

  it('treats user ids of a case-insensitive realm as taken whatever their case', () => {
    create('ci-ldap', { ...LDAP, 'case-sensitive': '0' });
    create('cs-ldap', LDAP);
    expect(sim.exec('POST', '/access/users', { userid: 'Hana@ci-ldap' }).status).toBe(200);
    expect(message(sim.exec('POST', '/access/users', { userid: 'hana@ci-ldap' }))).toBe(
      "create user failed: user 'Hana@ci-ldap' already exists\n",
    );
    expect(sim.exec('POST', '/access/users', { userid: 'Ivo@cs-ldap' }).status).toBe(200);
    expect(sim.exec('POST', '/access/users', { userid: 'ivo@cs-ldap' }).status).toBe(200);
  });
});

describe('sync', () => {
  it('answers with a task id naming the task type, realm and caller', () => {
    create('sy-ldap', { ...LDAP, 'sync-defaults-options': 'scope=users' });
    const run = data(sim.exec('POST', '/access/domains/sy-ldap/sync', {})) as string;
    expect(run).toMatch(/^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:auth-realm-sync:sy-ldap:root@pam:$/);
    const dry = data(sim.exec('POST', '/access/domains/sy-ldap/sync', { 'dry-run': 1 })) as string;
    expect(dry).toMatch(/:auth-realm-sync-test:sy-ldap:root@pam:$/);
    expect(dry).not.toBe(run);
  });
});
