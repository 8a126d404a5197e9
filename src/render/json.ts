/**
 * The `plan` output: a plain, JSON-safe object with a fixed shape (absent values are `null`, not
 * missing keys), built field by field so nothing the model grows later leaks into it. Plans hold
 * no secrets; delivery targets appear as names only.
 */
import { hasChanges, hasErrors, type Change, type ChangeCounts, type Plan, type PrincipalPrivileges } from '../plan/model.js';
import { describeDeliverTarget } from '../spec/deliver-target-label.js';
import { countChanges, summaryLine } from './summary-line.js';
import type { Finding } from '../model/finding.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface FieldChangeJson {
  readonly field: string;
  readonly before: JsonValue;
  readonly after: JsonValue;
}

export interface ChangeJson {
  readonly address: string;
  readonly kind: Change['kind'];
  readonly action: Change['action'];
  readonly fields: FieldChangeJson[];
  readonly reason: string | null;
  readonly implied: boolean;
  /** Token changes only: where the new secret goes, by name. */
  readonly deliver?: string[];
  /** Token changes only: `regenerate`, `recreate` or `overlap` for a rotation, else null. */
  readonly rotation?: string | null;
  /** Overlap rotations only: the full id of the new token. */
  readonly generation?: string;
}

export interface FindingJson {
  readonly severity: Finding['severity'];
  readonly code: string;
  readonly message: string;
  readonly address: string | null;
  readonly position: { file: string; line: number; column: number } | null;
}

export interface PrivilegesJson {
  readonly principal: string;
  readonly type: PrincipalPrivileges['type'];
  readonly paths: { path: string; before: Record<string, boolean>; after: Record<string, boolean> }[];
}

export interface PlanJson {
  /** Version of this JSON shape. */
  readonly version: 1;
  readonly digest: string;
  readonly server: { version: string; release: string; major: number; minor: number };
  readonly summary: string;
  readonly hasChanges: boolean;
  readonly hasErrors: boolean;
  readonly counts: ChangeCounts;
  readonly changes: ChangeJson[];
  readonly findings: FindingJson[];
  readonly privileges: PrivilegesJson[];
}

/** Any value as JSON would keep it, except that `undefined` and non-finite numbers become null. */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) out[key] = toJsonValue(item);
    return out;
  }
  return null;
}

function changeToJson(change: Change): ChangeJson {
  const base = {
    address: change.address,
    kind: change.kind,
    action: change.action,
    fields: change.fields.map((f) => ({ field: f.field, before: toJsonValue(f.before), after: toJsonValue(f.after) })),
    reason: change.reason ?? null,
    implied: change.implied === true,
  };
  if (change.kind !== 'token') return base;
  return {
    ...base,
    deliver: change.deliver.map(describeDeliverTarget),
    rotation: change.rotation ?? null,
    ...(change.generation !== undefined && { generation: change.generation.fullid }),
  };
}

const findingToJson = (finding: Finding): FindingJson => ({
  severity: finding.severity,
  code: finding.code,
  message: finding.message,
  address: finding.address ?? null,
  position:
    finding.position !== undefined ? { file: finding.position.file, line: finding.position.line, column: finding.position.column } : null,
});

const privilegesToJson = (p: PrincipalPrivileges): PrivilegesJson => ({
  principal: p.principal,
  type: p.type,
  paths: p.paths.map((path) => ({ path: path.path, before: { ...path.before }, after: { ...path.after } })),
});

/** The plan as the `plan` output and the CLI's `--json` print it. */
export function planToJson(plan: Plan): PlanJson {
  return {
    version: 1,
    digest: plan.digest,
    server: {
      version: plan.server.version,
      release: plan.server.release,
      major: plan.server.major,
      minor: plan.server.minor,
    },
    summary: summaryLine(plan),
    hasChanges: hasChanges(plan),
    hasErrors: hasErrors(plan),
    counts: countChanges(plan.changes),
    changes: plan.changes.map(changeToJson),
    findings: plan.findings.map(findingToJson),
    privileges: plan.privileges.map(privilegesToJson),
  };
}
