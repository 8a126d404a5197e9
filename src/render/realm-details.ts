/** The detail lines a realm change adds to its fields: when its secret is set and whether a sync follows. */
import { REALM_SECRET_LABEL } from '../model/realm.js';
import type { RealmChange } from '../plan/realm-change.js';

export interface RealmDetail {
  readonly label: string;
  readonly text: string;
}

export function realmExtras(change: RealmChange): RealmDetail[] {
  const extras: RealmDetail[] = [];
  const secret = REALM_SECRET_LABEL[change.type];
  if (change.secret === true && secret !== undefined) {
    extras.push({ label: 'secret', text: `${secret} set from the realm-secrets input, if it names ${change.realm}` });
  }
  if (change.sync === true) extras.push({ label: 'then', text: 'a realm sync starts after the write; its task id is logged' });
  else if (change.syncRequested === true)
    extras.push({ label: 'then', text: 'a realm sync starts, as the sync-realms input asks; its task id is logged' });
  return extras;
}
