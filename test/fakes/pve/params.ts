/**
 * Parameter typing as pve-common's JSON-schema engine does it: strict
 * booleans and integers, named formats with their `-list`/`-opt` variants, patterns, lengths,
 * `requires`, no additional properties, and every error of one request reported at once.
 */
import { paramError } from './errors.js';
import {
  charLength,
  splitList,
  verifyConfigId,
  verifyEmail,
  verifyGroupname,
  verifyRealm,
  verifyRolename,
  verifyTokenId,
  verifyUsername,
} from './ids.js';
import { verifyPoolname, verifyStorageId, verifyVmid } from './pool-ids.js';

/** A real JSON `true`/`false` from a JSON body, which Perl sees as a JSON::PP::Boolean object. */
export interface JsonBoolean {
  readonly jsonBoolean: boolean;
}

/** A raw parameter: one string, several when the key was repeated, or a JSON boolean. */
export type RawValue = string | readonly string[] | JsonBoolean;

const isJsonBoolean = (value: RawValue | undefined): value is JsonBoolean => typeof value === 'object' && 'jsonBoolean' in value;
/** Parameters as they arrive, before validation. */
export type RawParams = Readonly<Record<string, RawValue>>;
/** After validation every value is one string, as PVE echoes it. */
export type Params = Readonly<Record<string, string>>;

type ItemFormat =
  | 'pve-userid'
  | 'pve-roleid'
  | 'pve-groupid'
  | 'pve-priv'
  | 'pve-tokenid'
  | 'pve-configid'
  | 'pve-realm'
  | 'email'
  | 'pve-poolid'
  | 'pve-vmid'
  | 'pve-storage-id';
/** PVE's named formats, with their list and optional variants. */
export type Format = ItemFormat | `${ItemFormat}-list` | `${ItemFormat}-opt`;

/** One parameter of an API method's schema. */
export interface ParamSpec {
  readonly type: 'string' | 'boolean' | 'integer';
  readonly optional?: boolean;
  readonly format?: Format;
  /** Anchored at both ends. */
  readonly pattern?: RegExp;
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly string[];
  /** A format PVE implements as code or as a property string: throws an Error with the text after "invalid format - ". */
  readonly customFormat?: (value: string, key: string) => void;
  /** Another parameter that must be present whenever this one is. */
  readonly requires?: string;
}

/** All parameters of an API method; anything else is refused. */
export type Schema = Readonly<Record<string, ParamSpec>>;

/** What formats need to know about the running server. */
export interface FormatContext {
  readonly privileges: ReadonlySet<string>;
  /** Group ids also take `( ? ^ : )` (see PveFeatures.groupIdWrapperChars). */
  readonly groupIdWrapperChars?: boolean;
}

function checkItem(format: ItemFormat, value: string, ctx: FormatContext): void {
  switch (format) {
    case 'pve-userid':
      verifyUsername(value);
      return;
    case 'pve-roleid':
      verifyRolename(value);
      return;
    case 'pve-groupid':
      verifyGroupname(value, ctx.groupIdWrapperChars);
      return;
    case 'pve-priv':
      if (!ctx.privileges.has(value)) throw new Error(`invalid privilege '${value}'\n`);
      return;
    case 'pve-tokenid':
      verifyTokenId(value);
      return;
    case 'pve-configid':
      verifyConfigId(value);
      return;
    case 'pve-realm':
      verifyRealm(value);
      return;
    case 'email':
      verifyEmail(value);
      return;
    case 'pve-poolid':
      verifyPoolname(value);
      return;
    case 'pve-vmid':
      verifyVmid(value);
      return;
    case 'pve-storage-id':
      verifyStorageId(value);
      return;
  }
}

function checkFormat(format: Format, value: string, ctx: FormatContext): void {
  if (format.endsWith('-list')) {
    // Empty lists are valid; the first bad item decides the message.
    for (const item of splitList(value)) checkItem(format.slice(0, -'-list'.length) as ItemFormat, item, ctx);
    return;
  }
  if (format.endsWith('-opt')) {
    if (value !== '') checkItem(format.slice(0, -'-opt'.length) as ItemFormat, value, ctx);
    return;
  }
  checkItem(format as ItemFormat, value, ctx);
}

const isList = (spec: ParamSpec | undefined): boolean => spec?.format?.endsWith('-list') === true;

/** One property, in check_prop's order: type, format, pattern, maxLength, minLength, maximum, minimum, enum. */
function checkProp(key: string, spec: ParamSpec, value: RawValue | undefined, ctx: FormatContext): string | undefined {
  if (value === undefined) return spec.optional ? undefined : 'property is missing and it is not optional';
  // Only a boolean parameter takes a JSON boolean; anything else reports the object's class.
  if (isJsonBoolean(value)) return spec.type === 'boolean' ? undefined : `type check ('${spec.type}') failed - got JSON::PP::Boolean`;
  if (typeof value !== 'string') return `type check ('${spec.type}') failed - got ARRAY`;
  if (spec.type === 'boolean' && value !== '0' && value !== '1') return `type check ('boolean') failed - got '${value}'`;
  if (spec.type === 'integer' && !/^[+-]?\d+$/.test(value)) return `type check ('integer') failed - got '${value}'`;
  if (spec.format) {
    try {
      checkFormat(spec.format, value, ctx);
    } catch (err) {
      return `invalid format - ${(err as Error).message}`;
    }
  }
  if (spec.customFormat) {
    try {
      spec.customFormat(value, key);
    } catch (err) {
      return `invalid format - ${(err as Error).message}`;
    }
  }
  if (spec.pattern && !spec.pattern.test(value)) return 'value does not match the regex pattern';
  if (spec.maxLength !== undefined && charLength(value) > spec.maxLength) {
    return `value may only be ${spec.maxLength} characters long`;
  }
  if (spec.minLength !== undefined && charLength(value) < spec.minLength) {
    return `value must be at least ${spec.minLength} characters long`;
  }
  if (spec.maximum !== undefined && /^[+-]?\d+(\.\d+)?$/.test(value) && Number(value) > spec.maximum) {
    return `value must have a maximum value of ${spec.maximum}`;
  }
  if (spec.minimum !== undefined && /^[+-]?\d+(\.\d+)?$/.test(value) && Number(value) < spec.minimum) {
    return `value must have a minimum value of ${spec.minimum}`;
  }
  if (spec.enum && !spec.enum.includes(value)) {
    return `value '${value}' does not have a value in the enumeration '${spec.enum.join(', ')}'`;
  }
  return undefined;
}

/**
 * Validates and flattens: repeated keys of `*-list` parameters are joined with `,`, anything
 * else repeated is a type error. Throws the 400 with all errors found.
 */
export function validateParams(schema: Schema, raw: RawParams, ctx: FormatContext): Params {
  const errors: Record<string, string> = {};
  const add = (key: string, message: string): void => {
    errors[key] ??= message;
  };
  const values: Record<string, RawValue> = {};
  for (const [key, value] of Object.entries(raw)) {
    values[key] = Array.isArray(value) && isList(schema[key]) ? value.join(',') : value;
  }
  for (const [key, spec] of Object.entries(schema)) {
    const problem = checkProp(key, spec, values[key], ctx);
    if (problem) add(key, problem);
  }
  for (const key of Object.keys(values)) {
    const spec = schema[key];
    if (!spec) {
      add(key, 'property is not defined in schema and the schema does not allow additional properties');
    } else if (spec.requires && values[spec.requires] === undefined) {
      add(spec.requires, `missing property required by '${key}'`);
    }
  }
  if (Object.keys(errors).length > 0) throw paramError(errors);
  // Validated values are copied through a regex capture, which turns a JSON boolean into "1" or "0".
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, perlString(value)])) as Params;
}

/** Perl's stringification of a value that is not a plain string, for permission-check templates. */
export const perlString = (value: RawValue | undefined): string | undefined => {
  if (value === undefined || typeof value === 'string') return value;
  if (isJsonBoolean(value)) return value.jsonBoolean ? '1' : '0';
  return 'ARRAY(0x55d5c0ffee00)';
};
