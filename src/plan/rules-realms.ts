/**
 * Plan rules for realms and external principals: what the realm diff could not do, secrets the
 * `realm-secrets` input gives for realms that take none (or withholds from a new realm that binds
 * as an account), and external users and groups, which the plan only refers to.
 */
import { finding, type Finding } from '../model/finding.js';
import { REALM_SECRET_LABEL, REALM_SECRET_PARAM, type RealmType } from '../model/realm.js';
import { positionOf } from '../spec/positions.js';
import { serverRule, type PlanRule, type PlanRuleInput } from './rule-facts.js';

/** A diff note, placed at the realm's declaration. */
const realmNoteRule = (code: string): PlanRule =>
  serverRule(code, ({ loaded, server }) =>
    server.diffNotes
      .filter((f) => f.code === code)
      .map((f) => {
        const position = positionOf(loaded, `realms.${(f.address ?? '').replace(/^realm:/, '')}`);
        return position ? { ...f, position } : f;
      }),
  );

function realmTypeOf({ loaded, server }: PlanRuleInput, realm: string): RealmType | undefined {
  return loaded.spec.realms?.[realm]?.type ?? server.live.realms?.[realm]?.type;
}

function secretNotTaken(input: PlanRuleInput): Finding[] {
  return (input.server.ctx.options.realmSecretNames ?? []).flatMap((realm) => {
    const type = realmTypeOf(input, realm);
    if (type === undefined) {
      const message = `realm-secrets names realm '${realm}', which is neither declared nor on the cluster; the secret is not used`;
      return [finding('warning', 'realm-secret-not-taken', message, { address: `realm:${realm}` })];
    }
    if (REALM_SECRET_PARAM[type] !== undefined) return [];
    const message = `realm-secrets names realm '${realm}', but a ${type} realm takes no secret; remove it from the input`;
    return [finding('error', 'realm-secret-not-taken', message, { address: `realm:${realm}` })];
  });
}

function secretMissing({ loaded, server }: PlanRuleInput): Finding[] {
  const named = server.ctx.options.realmSecretNames;
  if (named === undefined) return [];
  return server.changes.flatMap((c) => {
    if (c.kind !== 'realm' || c.action !== 'create' || c.secret !== true || named.includes(c.realm)) return [];
    const label = REALM_SECRET_LABEL[c.type] ?? 'secret';
    const message = `realm '${c.realm}' is created without its ${label}: the realm-secrets input does not name it`;
    return [finding('warning', 'realm-secret-missing', message, { address: c.address, position: positionOf(loaded, `realms.${c.realm}`) })];
  });
}

interface ExternalPrincipal {
  readonly kind: 'user' | 'group';
  readonly id: string;
  readonly exists: boolean;
  readonly referenced: boolean;
}

function externals({ loaded, server }: PlanRuleInput): ExternalPrincipal[] {
  const { ctx, live } = server;
  const users = Object.values(loaded.spec.users)
    .filter((u) => u.external === true)
    .map((u) => ({
      kind: 'user' as const,
      id: u.userid,
      exists: Object.hasOwn(live.users, u.userid),
      referenced: ctx.referenced.users.has(u.userid),
    }));
  const groups = Object.values(loaded.spec.groups)
    .filter((g) => g.external === true)
    .map((g) => ({
      kind: 'group' as const,
      id: g.groupid,
      exists: Object.hasOwn(live.groups, g.groupid),
      referenced: ctx.referenced.groups.has(g.groupid),
    }));
  return [...users, ...groups];
}

function externalPrincipals(input: PlanRuleInput): Finding[] {
  return externals(input)
    .filter((p) => p.exists)
    .map((p) =>
      finding('notice', 'external-principal', `${p.kind} '${p.id}' is external: left to realm sync, never changed or deleted here`, {
        address: `${p.kind}:${p.id}`,
        position: positionOf(input.loaded, `${p.kind}s.${p.id}`),
      }),
    );
}

function externalMissing(input: PlanRuleInput): Finding[] {
  return externals(input)
    .filter((p) => !p.exists)
    .map((p) => {
      const consequence = p.referenced
        ? 'the grants and memberships that name it would fail; sync the realm first'
        : 'nothing refers to it yet; sync the realm before granting it anything';
      return finding(
        p.referenced ? 'error' : 'warning',
        'external-missing',
        `external ${p.kind} '${p.id}' is not on the cluster: ${consequence}`,
        {
          address: `${p.kind}:${p.id}`,
          position: positionOf(input.loaded, `${p.kind}s.${p.id}`),
        },
      );
    });
}

export const REALM_PLAN_RULES: readonly PlanRule[] = [
  realmNoteRule('realm-type-change'),
  realmNoteRule('realm-fixed-option'),
  realmNoteRule('realm-unreadable'),
  serverRule('realm-secret-not-taken', secretNotTaken),
  serverRule('realm-secret-missing', secretMissing),
  serverRule('external-principal', externalPrincipals),
  serverRule('external-missing', externalMissing),
];
