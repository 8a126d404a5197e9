/**
 * What the simulated node holds besides access control: a single node `pve1` with a fixed set
 * of guests and storages, as right after installation (see test/fixtures/pve-golden/README.md,
 * "Start state"). Only `/pools` shows them. There is no status data (no RRD yet), so every
 * pool member reads `status: unknown` and carries no usage fields.
 */

/** The node's name. */
export const NODE = 'pve1';

/** Guest type by vmid. */
export const GUESTS: ReadonlyMap<string, 'qemu' | 'lxc'> = new Map([
  ['100', 'qemu'],
  ['101', 'qemu'],
  ['200', 'lxc'],
]);

/** One entry of storage.cfg, as far as pool listings show it. */
export interface StorageConfig {
  readonly type: string;
  readonly content: readonly string[];
  readonly shared: 0 | 1;
}

/** storage.cfg after installation. */
export const STORAGES: ReadonlyMap<string, StorageConfig> = new Map([
  ['local', { type: 'dir', content: ['iso', 'vztmpl', 'backup'], shared: 0 }],
  ['local-lvm', { type: 'lvmthin', content: ['rootdir', 'images'], shared: 0 }],
]);

/** A guest as a pool member (`extract_vm_stats` without status data). */
export function guestMember(vmid: string, type: 'qemu' | 'lxc'): Record<string, unknown> {
  return { id: `${type}/${vmid}`, vmid: Number(vmid), node: NODE, type, status: 'unknown' };
}

/**
 * A storage as a pool member (`extract_storage_stats` without status data). PVE joins the
 * content types in hash order; sorted is one of those orders and the stable one.
 */
export function storageMember(storeid: string, config: StorageConfig): Record<string, unknown> {
  return {
    id: `storage/${NODE}/${storeid}`,
    storage: storeid,
    node: NODE,
    type: 'storage',
    status: 'unknown',
    plugintype: config.type,
    shared: config.shared,
    content: [...config.content].sort().join(','),
  };
}
