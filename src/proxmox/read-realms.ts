/**
 * Realms: the list (`GET /access/domains`, which anyone may read) names every realm with its
 * type, comment and default flag only, so each realm with more to it needs its own GET: 1 + N
 * requests for N such realms. `pam` and `pve` take only comment, default and tfa, and the list
 * shows whether a tfa is set, so they are read on their own only when one is. A realm GET needs
 * Sys.Audit or Realm.Allocate on /access/realm; without it the realm is kept as listed and
 * marked not detailed, which the planner reports only when the spec manages realms.
 */
import { ProxmoxApiError } from '../errors.js';
import { compareText } from '../model/compare.js';
import { isBuiltinRealm, type LiveRealm } from '../model/realm.js';
import type { ProxmoxApi, Wire } from './api.js';
import { READS_AT_ONCE, concurrencyGate } from './concurrency-gate.js';
import { normalizeRealm } from './normalize-realms.js';

const needsOwnRead = (listed: Wire): boolean => !isBuiltinRealm(String(listed.realm)) || listed.tfa !== undefined;

async function readDetail(api: ProxmoxApi, realm: string, denied: { value: boolean }): Promise<Wire | undefined> {
  // Every realm's GET is checked on /access/realm itself: one refusal answers for all of them.
  if (denied.value) return undefined;
  try {
    return await api.getRealm(realm);
  } catch (err) {
    if (err instanceof ProxmoxApiError && err.status === 403) {
      denied.value = true;
      return undefined;
    }
    throw err;
  }
}

export async function readRealms(api: ProxmoxApi, gate = concurrencyGate(READS_AT_ONCE)): Promise<Record<string, LiveRealm>> {
  const listed = await api.listRealms();
  const denied = { value: false };
  const realms = await Promise.all(
    // A built-in realm without tfa is complete in the list: its entry is its detail.
    listed.map(async (entry) =>
      normalizeRealm(entry, needsOwnRead(entry) ? await gate(() => readDetail(api, String(entry.realm), denied)) : entry),
    ),
  );
  const found = realms.filter((r): r is LiveRealm => r !== undefined).sort((a, b) => compareText(a.realm, b.realm));
  return Object.fromEntries(found.map((r) => [r.realm, r]));
}
