/**
 * The rule table: every finding the action reports comes from exactly one rule here, under its
 * own code. Validate runs the rules that need only the spec; the planner runs all of them. The
 * README's "Findings" table lists every code, what it means and what it needs.
 */
import { finding, type Finding } from '../model/finding.js';
import { fullTokenId, splitTokenId } from '../model/identity.js';
import { generationOf } from '../model/token-generations.js';
import { runRules } from '../model/rule.js';
import { positionOf } from '../spec/positions.js';
import type { Spec } from '../spec/model.js';
import { SPEC_RULES } from '../spec/rules.js';
import { diffNoteRule, serverRule, type PlanRule, type PlanRuleInput } from './rule-facts.js';
import { POOL_PLAN_RULES } from './pool-rules.js';
import { REALM_PLAN_RULES } from './rules-realms.js';
import { SAFETY_RULES } from './safety.js';

function rootGrants({ loaded, server }: PlanRuleInput): Finding[] {
  return server.desired.rootGrants.map((index) =>
    finding(
      'warning',
      'root-acl',
      'root@pam always holds every privilege; PVE does not store ACL entries for it, so this grant is skipped',
      {
        position: positionOf(loaded, `acl.${index}`),
      },
    ),
  );
}

/** The declared overlap token whose generation `id` is: the outputs show generation ids, the rotate input takes declared ones. */
function generationOwner(spec: Spec, id: string): string | undefined {
  const parts = splitTokenId(id);
  const tokens = parts && Object.hasOwn(spec.users, parts.userid) ? spec.users[parts.userid]!.tokens : undefined;
  const owner = Object.values(tokens ?? {}).find((t) => t.rotation === 'overlap' && generationOf(t.tokenid, parts!.tokenid) !== undefined);
  return owner ? fullTokenId(parts!.userid, owner.tokenid) : undefined;
}

function unknownRotations({ server }: PlanRuleInput): Finding[] {
  const { rotate } = server.ctx.options;
  if (rotate === 'all') return [];
  return rotate
    .filter((id) => !server.ctx.declaredTokens.has(id))
    .map((id) => {
      const owner = generationOwner(server.ctx.spec, id);
      const hint = owner ? `; it is a generation of ${owner} (rotation: overlap): name ${owner} to rotate it` : '';
      return finding(
        'warning',
        'rotate-unknown',
        `rotate names ${id}, which is not a token declared in the spec; it is not rotated${hint}`,
        {
          address: `token:${id}`,
        },
      );
    });
}

const INSECURE_TLS =
  'TLS verification is OFF (proxmox-insecure: true): anyone on the path to the cluster could read this plan and the new token secrets. Pin the certificate with proxmox-fingerprint instead.';

export const RULES: readonly PlanRule[] = [
  serverRule('insecure-tls', ({ server }) =>
    server.ctx.options.insecure === true ? [finding('warning', 'insecure-tls', INSECURE_TLS)] : [],
  ),
  ...SPEC_RULES,
  serverRule('root-acl', rootGrants),
  serverRule('rotate-unknown', unknownRotations),
  diffNoteRule('token-comment'),
  diffNoteRule('self-rotation'),
  ...POOL_PLAN_RULES,
  ...REALM_PLAN_RULES,
  diffNoteRule('token-retiring'),
  ...SAFETY_RULES,
];

export const runPlanRules = (input: PlanRuleInput): Finding[] => runRules(RULES, input);
