/**
 * `drift`: what changed on the cluster behind the spec's back, as text or JSON; with `--audit`,
 * the token inventory instead (the JSON of the action's `audit` output). Exit 0 clean, 2 drift.
 */
import type { LivePlan } from '../engine/plan-live.js';
import { oneLine } from '../log-line.js';
import { detectDrift } from '../plan/drift.js';
import type { Plan } from '../plan/model.js';
import { tokenInventory, type RepositoryName } from '../plan/token-inventory.js';
import type { LoadedSpec } from '../spec/model.js';
import type { CliOptions } from './args.js';
import type { CliIo } from './io.js';

export function driftCommand(options: CliOptions, io: CliIo, loaded: LoadedSpec, planned: LivePlan, plan: Plan, now: number): number {
  const drift = detectDrift(loaded, planned.live, plan, { now });
  if (options.audit) io.out(JSON.stringify(tokenInventory(loaded, planned.live, now, repositoryOf(options.repository)), null, 2));
  else if (options.json) io.out(JSON.stringify(drift, null, 2));
  else io.out(drift.clean ? 'No drift.' : drift.items.map((i) => `${i.kind}: ${oneLine(i.address)}: ${oneLine(i.message)}`).join('\n'));
  return drift.clean ? 0 : 2;
}

/** `owner/repo` names the repository of targets without their own; anything else leaves them unqualified. */
function repositoryOf(fullName: string | undefined): RepositoryName | undefined {
  const [owner, repo, ...rest] = (fullName ?? '').split('/');
  return owner && repo && rest.length === 0 ? { owner, repo } : undefined;
}
