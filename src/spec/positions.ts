/** Where in the spec file a part of it was written. */
import type { SourcePosition } from '../model/finding.js';
import type { LoadedSpec } from './model.js';

/** The position of the first key the spec has one for; keys follow LoadedSpec.positions. */
export function positionOf(spec: LoadedSpec, ...keys: readonly string[]): SourcePosition | undefined {
  for (const key of keys) {
    const position = spec.positions.get(key);
    if (position) return position;
  }
  return undefined;
}
