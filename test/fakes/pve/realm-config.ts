/**
 * The simulator's domains.cfg. PVE rewrites and re-parses this file on every change, and its
 * bytes are what `digest` hashes, so the store keeps the file text itself and runs a writer and
 * a parser with PVE's rules: comment first and percent-encoded, then the required options, then
 * the optional ones, each group sorted; values are checked again when read back (a value that
 * fails is dropped, a section missing a required option vanishes); `pam` and `pve` always exist,
 * re-added with their built-in comments when absent. Directory bind passwords live beside the
 * file, never in it.
 */
import { createHash } from 'node:crypto';
import { REALM_OPTIONS, REALM_PROPERTIES } from './realm-schema.js';
import { validateParams } from './params.js';

/** One realm as the parser gives it back: strings, and numbers for booleans and integers. */
export type RealmSection = Record<string, string | number>;

/** A parsed domains.cfg: realms in file order, and the SHA-1 of the file. */
export interface RealmConfig {
  readonly ids: Map<string, RealmSection>;
  readonly digest: string;
}

const BUILTIN_COMMENTS: Readonly<Record<string, string>> = {
  pve: 'Proxmox VE authentication server',
  pam: 'Linux PAM standard authentication',
};

/** A fresh node's file, as the installer writes it. */
const INSTALLED = 'pam: pam\n\tcomment Linux PAM standard authentication\n\npve: pve\n\tcomment Proxmox VE authentication server\n\n';

/** Perl truthiness: undefined, "", "0" and 0 are false. */
export const perlTrue = (value: string | number | undefined): boolean =>
  value !== undefined && value !== '' && value !== '0' && value !== 0;

/** `encode_text`: UTF-8, then every byte outside printable ASCII, and `:`, as %XX. */
function encodeText(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const safe = (byte >= 0x20 && byte <= 0x39) || (byte >= 0x3b && byte <= 0x7e);
    out += safe ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `decode_text`: every %XX (not only the ones the encoder makes) back to bytes, then UTF-8. */
function decodeText(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(value[i]!, 'utf8'));
    }
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}

/**
 * `check_value`: the option must belong to the type; booleans and integers become numbers. The
 * schema check runs only when reading the file; the API has checked its parameters already.
 */
export function checkValue(type: string, key: string, value: string, schemaCheck: boolean): string | number {
  if (key === 'type' && value === type) return value;
  const options = REALM_OPTIONS[type];
  if (!options) throw new Error(`unknown section type '${type}'\n`);
  if (!options[key]) throw new Error(`unexpected property '${key}'\n`);
  const spec = REALM_PROPERTIES[key]!;
  if (/[\n\r]/.test(value)) throw new Error('property contains a line feed\n');
  if (schemaCheck) validateParams({ [key]: spec }, { [key]: value }, { privileges: new Set() });
  return spec.type === 'boolean' || spec.type === 'integer' ? Number(value) : value;
}

/**
 * `check_config`: every key checked (in sorted order, where PVE takes hash order), fixed ones
 * refused on update, and on creation every required option present.
 */
export function checkConfig(type: string, values: Readonly<Record<string, string>>, create: boolean): RealmSection {
  const options = REALM_OPTIONS[type] ?? {};
  const settings: RealmSection = { type };
  for (const key of Object.keys(values).sort()) {
    if (!create && options[key]?.fixed) throw new Error(`can't change value of fixed parameter '${key}'\n`);
    settings[key] = checkValue(type, key, values[key]!, false);
  }
  if (create) {
    for (const key of Object.keys(options).sort()) {
      if (!options[key]!.optional && values[key] === undefined) throw new Error(`missing value for required option '${key}'\n`);
    }
  }
  return settings;
}

function configLine(key: string, value: string | number): string {
  if (/[\n\r]/.test(key) || /[\n\r]/.test(String(value))) throw new Error(`property '${key}' contains a line feed\n`);
  if (REALM_PROPERTIES[key]?.type === 'boolean') return `\t${key} ${perlTrue(value) ? 1 : 0}\n`;
  return String(value) === '' ? '' : `\t${key} ${value}\n`;
}

/** The writer: throws PVE's error (e.g. a required option deleted) and then writes nothing. */
export function writeDomainsCfg(ids: ReadonlyMap<string, RealmSection>): string {
  let out = '';
  for (const [realm, section] of ids) {
    const type = String(section.type);
    const options = REALM_OPTIONS[type];
    if (!options) throw new Error(`unknown section type '${type}'\n`);
    let data = `${type}: ${realm}\n`;
    if (perlTrue(section.comment)) data += configLine('comment', encodeText(String(section.comment)));
    const keys = Object.keys(options)
      .filter((key) => key !== 'comment')
      .sort();
    for (const key of keys.filter((k) => !options[k]!.optional)) {
      const value = section[key];
      if (value === undefined) throw new Error(`section '${realm}' - missing value for required option '${key}'\n`);
      data += configLine(key, value);
    }
    for (const key of keys.filter((k) => options[k]!.optional)) {
      const value = section[key];
      if (value !== undefined) data += configLine(key, value);
    }
    out += `${data}\n`;
  }
  return out;
}

/** The section body lines of one realm, read with PVE's rules; undefined when the section is skipped. */
function parseSection(type: string, lines: readonly string[]): RealmSection | undefined {
  if (!REALM_OPTIONS[type]) return undefined;
  const section: RealmSection = {};
  for (const line of lines) {
    const match = /^\s+(\S+)(?:\s+(.*\S))?\s*$/.exec(line);
    if (!match) continue;
    const [, key, value] = match as unknown as [string, string, string | undefined];
    try {
      if (section[key] !== undefined) throw new Error('duplicate attribute');
      if (value === undefined) {
        if (REALM_PROPERTIES[key]?.type !== 'boolean') throw new Error('got undefined value');
        section[key] = checkValue(type, key, '1', true);
      } else {
        section[key] = checkValue(type, key, value, true);
      }
    } catch {
      // PVE warns and drops the value.
    }
  }
  try {
    return checkConfig(type, Object.fromEntries(Object.entries(section).map(([k, v]) => [k, String(v)])), true);
  } catch {
    return undefined;
  }
}

/** The parser, with the realm plugin's additions (one default, decoded comments, pam and pve). */
export function parseDomainsCfg(raw: string): RealmConfig {
  const ids = new Map<string, RealmSection>();
  const lines = raw.split('\n').filter((line) => !/^\s*#/.test(line));
  let i = 0;
  while (i < lines.length) {
    const line = lines[i++]!;
    if (line === '' || line === '0') continue;
    const header = /^(\S+):\s*(\S+)\s*$/.exec(line);
    // Anything else between sections is ignored, line by line.
    if (!header) continue;
    const body: string[] = [];
    while (i < lines.length && lines[i] !== '' && lines[i] !== '0') body.push(lines[i++]!);
    const type = header[1]!.toLowerCase();
    const realm = header[2]!;
    if (!/^[A-Za-z][A-Za-z0-9.\-_]+$/.test(realm)) continue;
    const section = parseSection(type, body);
    if (section) ids.set(realm, section);
  }
  let haveDefault = false;
  for (const section of ids.values()) {
    if (perlTrue(section.default)) {
      if (haveDefault) delete section.default;
      haveDefault = true;
    }
    if (perlTrue(section.comment)) section.comment = decodeText(String(section.comment));
  }
  for (const builtin of ['pve', 'pam']) {
    const section = ids.get(builtin) ?? {};
    section.type = builtin;
    if (builtin === 'pam') section.plugin = 'PVE::Auth::PAM';
    if (!perlTrue(section.comment)) section.comment = BUILTIN_COMMENTS[builtin]!;
    ids.set(builtin, section);
  }
  return { ids, digest: createHash('sha1').update(raw, 'utf8').digest('hex') };
}

/** domains.cfg and the directory bind passwords (priv/realm/<realm>.pw) of one simulated node. */
export class RealmStore {
  #raw = INSTALLED;
  #parsed: RealmConfig | undefined;
  readonly #bindPasswords = new Map<string, string>();

  /** The parsed file, shared: for reading only. */
  get current(): RealmConfig {
    this.#parsed ??= parseDomainsCfg(this.#raw);
    return this.#parsed;
  }

  /** A private copy to change and hand to `save`. */
  load(): RealmConfig {
    return parseDomainsCfg(this.#raw);
  }

  /** Writes the file; when the writer refuses, nothing changes. */
  save(config: RealmConfig): void {
    const ids = new Map<string, RealmSection>();
    for (const [realm, section] of config.ids) ids.set(realm, { ...section });
    this.#raw = writeDomainsCfg(ids);
    this.#parsed = undefined;
  }

  /** The realm's type, or undefined when the realm does not exist. */
  type(realm: string): string | undefined {
    const type = this.current.ids.get(realm)?.type;
    return type === undefined ? undefined : String(type);
  }

  /** `case-sensitive` defaults to on; an unknown realm is case-sensitive. */
  caseSensitive(realm: string): boolean {
    const value = this.current.ids.get(realm)?.['case-sensitive'];
    return value === undefined || perlTrue(value);
  }

  setBindPassword(realm: string, password: string | undefined): void {
    if (password === undefined) this.#bindPasswords.delete(realm);
    else this.#bindPasswords.set(realm, password);
  }

  hasBindPassword(realm: string): boolean {
    return this.#bindPasswords.has(realm);
  }
}
