/**
 * The identifier formats of `/pools` with PVE's error texts: pool ids (`pve-poolid`, nested up
 * to three levels), vmids (`pve-vmid`) and storage ids (`pve-storage-id`). Like the validators
 * in ids.ts they throw a plain Error whose message ends in "\n".
 */

const POOL_COMPONENT = '[A-Za-z0-9.\\-_]+';
const POOLID = new RegExp(`^${POOL_COMPONENT}(?:/${POOL_COMPONENT}){0,2}$`);

/** `pve-poolid`: the depth is checked first, on Perl's split (trailing empty parts dropped). */
export function verifyPoolname(value: string): void {
  const parts = value.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length > 3) throw new Error(`pool name '${value}' nested too deeply (max levels = 3)\n`);
  if (!POOLID.test(value)) throw new Error(`pool name '${value}' contains invalid characters\n`);
}

/** `pve-vmid`: 100 to 999999999, no leading zero. */
export function verifyVmid(value: string): void {
  if (!/^[1-9][0-9]{2,8}$/.test(value)) throw new Error('value does not look like a valid VM ID\n');
}

/** `pve-storage-id`. */
export function verifyStorageId(value: string): void {
  if (!/^[a-z][a-z0-9\-_.]*[a-z0-9]$/i.test(value)) throw new Error(`storage ID '${value}' contains illegal characters\n`);
}

/** The parent of a nested pool id, undefined for a top-level one. */
export function parentPool(poolid: string): string | undefined {
  const cut = poolid.lastIndexOf('/');
  return cut < 0 ? undefined : poolid.slice(0, cut);
}
