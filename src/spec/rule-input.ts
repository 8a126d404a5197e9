/**
 * What a spec rule judges: the loaded spec, what the caller knows about the target offline, and,
 * at plan time, the connected server. A spec rule works without a server; where it has one it
 * judges against it instead of against the bundled catalogue.
 */
import type { SourcePosition } from '../model/finding.js';
import type { LiveState } from '../model/live-state.js';
import type { Rule } from '../model/rule.js';
import type { LoadedSpec } from './model.js';

export interface ValidateOptions {
  /** Every privilege the connected server knows (its Administrator role). */
  readonly serverPrivileges?: readonly string[];
  /** Major version of the target server; without it, checks accept what any known major accepts. */
  readonly pveMajor?: number;
  /** Groups that exist on the server: users may be members without the spec declaring them. */
  readonly existingGroups?: readonly string[];
  /** Epoch seconds, to judge expiries; without it an expiry in the past goes unnoticed. */
  readonly now?: number;
}

/** The connected server, as far as the spec rules need it. */
export interface ServerFacts {
  readonly live: LiveState;
  /** Every privilege the server knows. */
  readonly serverPrivileges: readonly string[];
  /** Epoch seconds. */
  readonly now: number;
  /** The identity this run authenticates as, when known. */
  readonly acting?: string;
}

export interface SpecRuleInput {
  readonly loaded: LoadedSpec;
  readonly options: ValidateOptions;
  readonly server?: ServerFacts;
}

export type SpecRule = Rule<SpecRuleInput> & { readonly needs: 'spec' };

/** The first of `keys` the spec file has a position for, else the top of the file: offline, every finding gets a line. */
export function specWhere(loaded: LoadedSpec, ...keys: readonly string[]): SourcePosition {
  for (const key of keys) {
    const position = loaded.positions.get(key);
    if (position) return position;
  }
  return loaded.positions.get('') ?? { file: loaded.file, line: 1, column: 1 };
}

/** `PVE 9`, or `any known PVE version` offline without a target. */
export const targetText = (major: number | undefined): string => (major === undefined ? 'any known PVE version' : `PVE ${major}`);
