/**
 * The bundled privilege catalogue (src/data/pve-privileges.json): privileges and built-in roles
 * per PVE major version, how privileges changed between releases, and the ACL paths each release
 * accepts. The one place that reads the file, so every reader sees the same typed shape.
 */
import privilegeData from '../data/pve-privileges.json' with { type: 'json' };

export interface PrivilegeChange {
  /** The libpve-access-control version that made the change, e.g. `8.1.2` or `9.0.3~1`. */
  readonly 'libpve-access-control': string;
  readonly privileges_added: readonly string[];
  readonly privileges_removed: readonly string[];
}

/** ACL path whitelists as regular expression sources; the releases between are steps from these two. */
export interface AclPathTable {
  readonly '9.1.0+': readonly string[];
  readonly '7.0-5..7.4-3': readonly string[];
}

export interface PrivilegeCatalog {
  /** Major version -> every privilege it knows. */
  readonly versions: Readonly<Record<string, readonly string[]>>;
  /** Major version -> built-in role -> its privileges. */
  readonly builtin_roles: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  readonly changes_timeline: readonly PrivilegeChange[];
  readonly acl_paths_regex: AclPathTable;
}

// JSON imports are typed by their literal shape; the annotation checks it against the part the code relies on.
export const PRIVILEGE_CATALOG: PrivilegeCatalog = privilegeData;
