/**
 * Where a token secret goes, named for humans. Only names: a secret value never reaches a
 * renderer, and the plan does not hold one. The words are the delivery's own, so a target reads
 * the same in the plan as in the apply log and its errors.
 */
import { describeOutput, describeTarget } from '../secrets/targets.js';
import type { DeliverTarget } from '../spec/model.js';

/** `output terraform_token`, `github-secret acme/infra:production/PM_API_TOKEN`, `github-secret org acme/PM_API_TOKEN (visibility private)`. */
export function describeDeliverTarget(target: DeliverTarget): string {
  return target.kind === 'output' ? describeOutput(target) : describeTarget(target, undefined);
}
