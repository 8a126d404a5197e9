/**
 * The keys a zod schema allows at a place in the spec, and the one a misspelt key most likely
 * meant: what turns "unknown key" into "did you mean".
 */
import type { z } from 'zod';
import type { PathSegment } from './source.js';
import { editDistance } from './edit-distance.js';

interface SchemaDef {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly valueType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** Every concrete (non-wrapper) schema `schema` can be, through optional, nullable and unions. */
function unwrap(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  if (def.type === 'union' && def.options) return def.options.flatMap(unwrap);
  return [schema];
}

/** The keys the schema allows for the object at `path`, for spelling suggestions. */
export function allowedKeys(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let current = unwrap(schema);
  for (const segment of path) {
    current = current.flatMap((s) => {
      const def = defOf(s);
      if (def.type === 'object' && def.shape) {
        const child = def.shape[String(segment)];
        return child ? unwrap(child) : [];
      }
      if (def.type === 'record' && def.valueType) return unwrap(def.valueType);
      if (def.type === 'array' && def.element) return unwrap(def.element);
      return [];
    });
  }
  const keys = current.flatMap((s) => {
    const def = defOf(s);
    return def.type === 'object' && def.shape ? Object.keys(def.shape).filter((k) => k !== '$schema') : [];
  });
  return [...new Set(keys)];
}

const squash = (key: string): string => key.toLowerCase().replace(/[-_\s]/g, '');

/** A known key the author probably meant: same letters in another case style, an abbreviation, or one or two typos away. */
export function suggest(key: string, known: readonly string[]): string | undefined {
  const exact = known.find((k) => k !== key && squash(k) === squash(key));
  if (exact) return exact;
  const abbreviated = squash(key).length >= 3 ? known.filter((k) => k !== key && squash(k).startsWith(squash(key))) : [];
  if (abbreviated.length === 1) return abbreviated[0];
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known.filter((k) => k !== key)) {
    const distance = editDistance(squash(key), squash(candidate));
    if (distance <= (candidate.length > 5 ? 2 : 1) && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}
