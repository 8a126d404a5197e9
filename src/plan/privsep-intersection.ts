/**
 * A privilege-separated token can use only what both it and its user hold. A token granted a
 * role its user lacks looks right in the spec and silently gets nothing: say so in the plan.
 */
import type { LoadedSpec } from '../spec/model.js';
import { finding, type Finding } from '../model/finding.js';
import { privilegesAt, rolesAt } from './permissions.js';
import { currentTokenId, type PlanContext } from './plan-context.js';
import type { IndexedState } from './privileges.js';
import { positionOf } from '../spec/positions.js';

export function privsepIntersectionFindings(loaded: LoadedSpec, ctx: PlanContext, after: IndexedState): Finding[] {
  const out: Finding[] = [];
  for (const user of Object.values(ctx.spec.users)) {
    for (const token of Object.values(user.tokens ?? {})) {
      if (!token.privsep) continue;
      const fullid = currentTokenId(ctx, user.userid, token.tokenid);
      const paths = [...new Set((after.entriesBySubject.get(`token:${fullid}`) ?? []).map((e) => e.path))].sort();
      const cut = paths.flatMap((path) => {
        const effective = privilegesAt(after.model, fullid, path);
        const granted = [...rolesAt(after.model, fullid, path).keys()].flatMap((role) => after.model.roles[role] ?? []);
        const lost = [...new Set(granted)].filter((p) => !(p in effective)).sort();
        return lost.length > 0 ? [`${path}: ${lost.join(', ')}`] : [];
      });
      if (cut.length === 0) continue;
      out.push(
        finding(
          'warning',
          'privsep-intersection',
          `${fullid} is privilege-separated, so it holds only what its user ${user.userid} holds too; ` +
            `these grants give it nothing: ${cut.join('; ')}. Grant the user the same roles, or set privsep: false`,
          {
            address: `token:${fullid}`,
            position: positionOf(loaded, `users.${user.userid}.tokens.${token.tokenid}`, `users.${user.userid}`),
          },
        ),
      );
    }
  }
  return out;
}
