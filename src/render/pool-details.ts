/** The detail lines of a pool change beyond its fields: the comment of a new pool and each guest that changes pool. */
import type { PoolChange } from '../plan/model.js';
import { formatValue } from './values.js';

export interface PoolDetail {
  readonly label: string;
  readonly text: string;
}

/** `vm 101 moves from pool dev to prod` */
export const describeMove = (vmid: number, from: string, to: string): string => `vm ${vmid} moves from pool ${from} to ${to}`;

export function poolExtras(change: PoolChange): PoolDetail[] {
  const extras: PoolDetail[] = [];
  if (change.action === 'create' && change.comment !== '') extras.push({ label: 'comment', text: formatValue('comment', change.comment) });
  for (const move of change.moves) extras.push({ label: 'move', text: describeMove(move.vmid, move.from, change.poolid) });
  return extras;
}
