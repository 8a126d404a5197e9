/**
 * Realms: one request per change, with PVE's parameter names and encoding (property strings for
 * the sync defaults and the second factor, `delete=` for options the spec dropped). The realm's
 * secret is read from the `realm-secrets` input here and nowhere else, and goes only into the
 * request body; the log says that it was sent, never what it is. A sync follows a change that
 * asks for one; it is a task PVE runs on its own, so its task id is logged and its outcome is not
 * awaited: a sync that cannot start is a warning, as the realm itself was written.
 */
import { errorMessage } from '../errors.js';
import { oneLine } from '../log-line.js';
import { REALM_OPTIONS, REALM_SECRET_LABEL, REALM_SECRET_PARAM, type RealmValue } from '../model/realm.js';
import type { RealmWrite } from '../proxmox/api.js';
import type { RealmChange } from '../plan/realm-change.js';
import type { ApplyContext } from './context.js';

const wireName = (option: string): string => REALM_OPTIONS[option]?.wire ?? option;

function wireParams(set: Readonly<Record<string, RealmValue>>): Record<string, RealmValue> {
  return Object.fromEntries(Object.entries(set).map(([option, value]) => [wireName(option), value]));
}

/** The secret to send with this change, by PVE's parameter name; nothing when the input holds none. */
function secretParam(ctx: ApplyContext, change: RealmChange): Record<string, string> {
  const param = REALM_SECRET_PARAM[change.type];
  const value = ctx.realmSecrets?.[change.realm];
  if (change.secret !== true || param === undefined || value === undefined) return {};
  return { [param]: value };
}

function describe(change: RealmChange, secret: boolean): string {
  const options = [...Object.keys(change.set), ...change.unset.map((o) => `-${o}`)];
  const parts = [
    ...(change.action === 'create' ? [change.type] : []),
    ...(options.length > 0 ? [options.join(', ')] : []),
    ...(secret ? [`${REALM_SECRET_LABEL[change.type] ?? 'secret'} from realm-secrets`] : []),
  ];
  return `${change.action} realm ${oneLine(change.realm)}${parts.length > 0 ? ` (${parts.join('; ')})` : ''}`;
}

async function write(ctx: ApplyContext, change: RealmChange): Promise<void> {
  const secret = secretParam(ctx, change);
  const hasSecret = Object.keys(secret).length > 0;
  switch (change.action) {
    case 'create':
      ctx.logger.info(describe(change, hasSecret));
      return ctx.api.createRealm({ realm: change.realm, type: change.type, ...wireParams(change.set), ...secret });
    case 'update':
    case 'rotate': {
      ctx.logger.info(describe(change, hasSecret));
      const remove = change.unset.map(wireName);
      const params: RealmWrite = { ...wireParams(change.set), ...secret, ...(remove.length > 0 && { delete: remove.join(',') }) };
      return ctx.api.updateRealm(change.realm, params);
    }
    case 'delete':
      ctx.logger.info(`delete realm ${oneLine(change.realm)}`);
      return ctx.api.deleteRealm(change.realm);
  }
}

async function startSync(ctx: ApplyContext, realm: string): Promise<void> {
  try {
    const upid = await ctx.api.syncRealm(realm);
    ctx.logger.info(
      `sync of realm ${oneLine(realm)} started: task ${oneLine(upid)} (PVE runs it on its own; see the node's task log for its result)`,
    );
  } catch (err) {
    ctx.logger.warning(
      `realm ${oneLine(realm)} was written, but its sync did not start: ${oneLine(errorMessage(err))}; start it in PVE (Datacenter → Realms → Sync)`,
    );
  }
}

/** A sync asked for by the run alone writes nothing: the realm already is as declared. */
const writesNothing = (change: RealmChange): boolean =>
  change.action === 'update' && change.fields.length === 0 && change.secret !== true && Object.keys(change.set).length === 0;

export async function applyRealmChange(ctx: ApplyContext, change: RealmChange): Promise<void> {
  if (writesNothing(change)) ctx.logger.info(`sync realm ${oneLine(change.realm)} (the sync-realms input asks)`);
  else await write(ctx, change);
  if ((change.sync === true || change.syncRequested === true) && change.action !== 'delete') await startSync(ctx, change.realm);
}
