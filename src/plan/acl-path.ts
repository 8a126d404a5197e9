/**
 * PVE's ACL path rules (golden vectors 11 and 12): normalisation, then a per-version whitelist for
 * adding entries. Pure; shared by spec validation, the planner and the simulator.
 */
import privilegeData from '../data/pve-privileges.json' with { type: 'json' };

/**
 * Normalises as PVE does: non-empty and not "0", collapse `//`, drop one trailing `/`,
 * empty becomes `/`, add the leading `/`, then only alphanumerics and `. - _ /`.
 * Returns null where PVE answers `invalid ACL path`.
 */
export function normalizeAclPath(input: string): string | null {
  if (input === '' || input === '0') return null;
  let path = input.replace(/\/+/g, '/');
  if (path.endsWith('/')) path = path.slice(0, -1);
  if (path === '') path = '/';
  if (!path.startsWith('/')) path = `/${path}`;
  return /^[A-Za-z0-9.\-_/]+$/.test(path) ? path : null;
}

interface PathTable {
  readonly '9.1.0+': string[];
  readonly '7.0-5..7.4-3': string[];
}

// The 7.x table writes its ids as `<id>`, which PVE 7's check_path spelled [[:alnum:]\.\-\_]+.
const toJsRegex = (source: string): RegExp =>
  new RegExp(`^(?:${source.replace(/<id>/g, '[[:alnum:]._-]+').replace(/\[:alnum:\]/g, 'A-Za-z0-9')})$`);

const table = (privilegeData as unknown as { acl_paths_regex: PathTable }).acl_paths_regex;

/**
 * The data file lists 9.1.0+ and 7.x in full and describes the steps between in words;
 * those steps are encoded here, newest first.
 */
function whitelistSources(version: number): string[] {
  if (version < 80000) {
    const seven = table['7.0-5..7.4-3'];
    return version < 70005 ? seven.filter((p) => !p.startsWith('/sdn/vnets')) : seven;
  }
  let list = table['9.1.0+'];
  const without = (...prefixes: string[]) => (list = list.filter((p) => !prefixes.some((x) => p.startsWith(x))));
  if (version < 90100) without('/sdn/prefix-lists', '/sdn/route-maps');
  if (version < 90001) without('/sdn/fabrics');
  if (version < 80007) list = list.map((p) => (p.startsWith('/pool/') ? '/pool/[[:alnum:]._-]+' : p));
  if (version < 80006) without('/sdn/controllers', '/sdn/dns', '/sdn/ipams');
  return list;
}

const cache = new Map<number, RegExp[]>();

/** Whether PVE of this version accepts adding an ACL entry on the (normalised) path. */
export function isAllowedAclPath(path: string, version: { major: number; minor: number; patch?: number }): boolean {
  const key = version.major * 10000 + version.minor * 100 + (version.patch ?? 0);
  let list = cache.get(key);
  if (!list) {
    list = whitelistSources(key).map(toJsRegex);
    cache.set(key, list);
  }
  return list.some((re) => re.test(path));
}
