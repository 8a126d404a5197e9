/**
 * The field-level lines under one change, as plain text. Field changes come first; then what a
 * reviewer also needs for creates and rotations (a new token's delivery targets, a grant's path),
 * unless a field change already said it.
 */
import type { AclChange, Change, TokenChange, UserChange } from '../plan/model.js';
import { describeDeliverTarget } from '../spec/deliver-target-label.js';
import { poolExtras } from './pool-details.js';
import { realmExtras } from './realm-details.js';
import { formatDuration, formatFieldChange, formatValue } from './values.js';

export interface ChangeDetail {
  readonly label: string;
  readonly text: string;
}

/** `PVEVMAdmin to group ops on /vms (propagates)` */
export function describeAclEntry(change: AclChange): string {
  const { entry } = change;
  const propagation = entry.propagate ? 'propagates' : 'this path only';
  return `${entry.roleid} to ${entry.type} ${entry.ugid} on ${entry.path} (${propagation})`;
}

const ROTATION_TEXT = {
  regenerate: 'regenerate the secret (keeps the token and its ACLs)',
  recreate: 'delete, create and re-grant its ACLs (PVE before 9.1 cannot regenerate)',
  overlap: 'overlap: a new token beside this one gets its ACLs and the secret; this one then expires after the overlap',
} as const;

function tokenExtras(change: TokenChange): ChangeDetail[] {
  if (change.action !== 'create' && change.action !== 'rotate') return [];
  const extras: ChangeDetail[] = [];
  if (change.rotation !== undefined) extras.push({ label: 'rotation', text: ROTATION_TEXT[change.rotation] });
  if (change.generation !== undefined) {
    extras.push({ label: 'new token', text: change.generation.fullid });
    extras.push({ label: 'overlap', text: formatDuration(change.generation.overlap) });
  }
  if (change.action === 'create') extras.push({ label: 'privsep', text: String(change.privsep) });
  if (change.lifetime !== undefined) extras.push({ label: 'lifetime', text: formatDuration(change.lifetime) });
  if (change.deliver.length > 0) {
    extras.push({ label: 'deliver', text: change.deliver.map(describeDeliverTarget).join(', ') });
  }
  if (change.format !== 'full') extras.push({ label: 'format', text: change.format });
  return extras;
}

function userExtras(change: UserChange): ChangeDetail[] {
  if (change.action !== 'create') return [];
  return Object.entries(change.set)
    .filter(([, value]) => value !== '' && !(Array.isArray(value) && value.length === 0))
    .map(([field, value]) => ({ label: field, text: formatValue(field, value) }));
}

function extras(change: Change): ChangeDetail[] {
  switch (change.kind) {
    case 'role':
      return change.action === 'create' ? [{ label: 'privileges', text: formatValue('privileges', change.privileges) }] : [];
    case 'realm':
      return realmExtras(change);
    case 'group':
      return change.action === 'create' && change.comment !== ''
        ? [{ label: 'comment', text: formatValue('comment', change.comment) }]
        : [];
    case 'user':
      return userExtras(change);
    case 'token':
      return tokenExtras(change);
    case 'acl':
      return [{ label: change.action === 'delete' ? 'revoke' : 'grant', text: describeAclEntry(change) }];
    case 'pool':
      return poolExtras(change);
  }
}

/** Every detail line of a change, field changes first, no label twice. */
export function changeDetails(change: Change): readonly ChangeDetail[] {
  const fromFields = change.fields.map((f) => ({ label: f.field, text: formatFieldChange(f.field, f.before, f.after) }));
  const seen = new Set(fromFields.map((d) => d.label));
  return [...fromFields, ...extras(change).filter((d) => !seen.has(d.label))];
}
