/**
 * The simulator's test hooks around token secrets: a gateway answer after the request was
 * applied (`status-after`), and the in-process view of secrets that PVE shows only once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PveSimulator } from './index.js';
import { tokenHeaders, type PveWire, type WireAnswer } from './pve-http.js';
import { simulatorPerFile } from './simulator-per-file.js';

let sim: PveSimulator;
let wire: PveWire;
let headers: Record<string, string>;

simulatorPerFile((started) => ({ sim, wire } = started));
beforeAll(() => {
  const token = sim.createToken('root@pam', 'hooks', { privsep: false });
  headers = tokenHeaders(token.fullTokenId, token.value);
  expect(sim.exec('POST', '/access/users', { userid: 'hooks@pve' }).status).toBe(200);
});

const secretOf = (answer: WireAnswer): string | undefined => (answer.body as { data?: { value?: string } } | null)?.data?.value;

describe('status-after', () => {
  it('applies the request, then answers the given status: the token exists but its secret never arrived', async () => {
    const issuedBefore = sim.issuedSecrets.length;
    sim.inject({ method: 'POST', path: '/access/users/hooks@pve/token/gw', kind: 'status-after', status: 502, message: 'Bad Gateway' });
    const answer = await wire.request('POST', '/access/users/hooks@pve/token/gw', { headers });
    expect([answer.status, answer.reason, secretOf(answer)]).toEqual([502, 'Bad Gateway', undefined]);
    expect(sim.exec('GET', '/access/users/hooks@pve/token/gw').status).toBe(200);
    expect(sim.issuedSecrets).toHaveLength(issuedBefore + 1);
    expect(sim.tokenSecret('hooks@pve!gw')).toBe(sim.issuedSecrets.at(-1));
    expect(sim.requests.at(-1)).toMatchObject({ method: 'POST', status: 502 });
  });

  it('leaves a request that PVE refuses refused', async () => {
    sim.inject({ method: 'POST', path: '/access/groups', kind: 'status-after', status: 502 });
    const answer = await wire.request('POST', '/access/groups', { params: { groupid: 'bad id' }, headers });
    expect(answer.status).toBe(502);
    expect(sim.exec('GET', '/access/groups/bad%20id').status).not.toBe(200);
  });
});

describe('secrets seen in-process', () => {
  it('tokenSecret follows create, regenerate and delete', async () => {
    const created = secretOf(await wire.request('POST', '/access/users/hooks@pve/token/seen', { headers }));
    expect(created).toMatch(/^[0-9a-f-]{36}$/);
    expect(sim.tokenSecret('hooks@pve!seen')).toBe(created);
    const regenerated = secretOf(await wire.request('PUT', '/access/users/hooks@pve/token/seen', { params: { regenerate: '1' }, headers }));
    expect(regenerated).not.toBe(created);
    expect(sim.tokenSecret('hooks@pve!seen')).toBe(regenerated);
    expect(sim.issuedSecrets.slice(-2)).toEqual([created, regenerated]);
    expect((await wire.request('DELETE', '/access/users/hooks@pve/token/seen', { headers })).status).toBe(200);
    expect(sim.tokenSecret('hooks@pve!seen')).toBeUndefined();
  });
});
