/**
 * How a drift item reads: always the cluster as it is first, then what the spec says, for every
 * kind of object and field, so a reader never has to guess which side of an arrow is which.
 */
import type { FieldChange } from './model.js';
import { formatDuration, formatValue } from '../render/values.js';

const isList = (value: unknown): value is readonly string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** `privileges on the cluster include Sys.Audit, which the spec does not list, and lack VM.Audit, which the spec lists` */
export function listDrift(field: string, cluster: readonly string[], spec: readonly string[]): string | undefined {
  const extra = cluster.filter((item) => !spec.includes(item));
  const missing = spec.filter((item) => !cluster.includes(item));
  const parts = [
    ...(extra.length > 0 ? [`include ${extra.join(', ')}, which the spec does not list`] : []),
    ...(missing.length > 0 ? [`lack ${missing.join(', ')}, which the spec lists`] : []),
  ];
  return parts.length > 0 ? `${field} on the cluster ${parts.join(', and ')}` : undefined;
}

/** `comment is "HACKED" on the cluster, the spec says "Terraform provisioning"` */
export function fieldDrift(change: FieldChange): string {
  const { field, before: cluster, after: spec } = change;
  if (isList(cluster) && isList(spec)) {
    const list = listDrift(field, cluster, spec);
    if (list !== undefined) return list;
  }
  // A lifetime is no cluster field: the token's expiry lies beyond what the lifetime allows.
  if (field === 'lifetime' && typeof spec === 'number') {
    return `expires later on the cluster than the spec's lifetime of ${formatDuration(spec)} allows`;
  }
  if (field === 'overlap' && typeof spec === 'number') {
    return `a previous generation expires later on the cluster than the overlap of ${formatDuration(spec)} allows`;
  }
  const onCluster =
    cluster === undefined ? `${field} is not set on the cluster` : `${field} is ${formatValue(field, cluster)} on the cluster`;
  const inSpec = spec === undefined ? 'the spec sets none' : `the spec says ${formatValue(field, spec)}`;
  return `${onCluster}, ${inSpec}`;
}

export const fieldsDrift = (fields: readonly FieldChange[]): string => fields.map(fieldDrift).join('; ');

export const MISSING_FROM_CLUSTER = 'missing from the cluster, the spec declares it';

/** `on the cluster, not in the spec (matches prune "*@pve")` */
export function notInSpec(reason: string | undefined): string {
  const why = reason?.replace(/^not in spec, /, '');
  return `on the cluster, not in the spec${why ? ` (${why})` : ''}`;
}

/** `the role on the cluster lacks VM.Monitor, which the spec lists: PVE 9.1.1 no longer knows it` */
export function strippedDrift(privileges: readonly string[], version: string): string {
  const it = privileges.length === 1 ? 'it' : 'them';
  return `the role on the cluster lacks ${privileges.join(', ')}, which the spec lists: PVE ${version} no longer knows ${it}`;
}
