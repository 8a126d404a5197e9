/**
 * The action's inputs, read and checked in one place: the only file that knows their names.
 * Everything else gets a typed, defaulted `Inputs`, so a workflow typo fails here, naming the
 * input, before anything talks to a cluster. Credential values never appear in a message.
 * Longer than most files on purpose: input names are known here and nowhere else.
 */
/* eslint-disable max-lines -- the one file that knows every input name (docs/architecture.md) */
import { InputError } from './errors.js';
import type { RunMode } from './github/context.js';
import { oneLine } from './log-line.js';
import { REALM_PATTERN, TOKEN_ID_PATTERN, USERID_PATTERN } from './model/identity.js';
import type { ProxmoxCredentials } from './proxmox/auth.js';
import { parseVaultUrl } from './vault/url.js';

export type InputMode = 'auto' | RunMode;

export interface Inputs {
  readonly mode: InputMode;
  readonly spec: string;
  /** `https://host:8006`, without a trailing slash. */
  readonly proxmoxUrl?: string;
  readonly auth?: ProxmoxCredentials;
  /** As given (colon hex or bare hex); the client normalises it. */
  readonly fingerprint?: string;
  /** PEM text or a path to a PEM file (the client reads it). */
  readonly caCert?: string;
  readonly insecure: boolean;
  readonly githubToken?: string;
  readonly secretsToken?: string;
  readonly comment: boolean;
  readonly requireApprovedPlan: boolean;
  /** `all`, or de-duplicated full token ids. */
  readonly rotate: 'all' | readonly string[];
  readonly failOnDrift: boolean;
  readonly driftIssue: boolean;
  readonly allowDeletions: boolean;
  /** Plan this pull request's spec, read from its head commit through the API (mode plan only). */
  readonly pullRequest?: number;
  /** Where `vault` deliver targets go; absent without `vault-url`. */
  readonly vault?: VaultSettings;
  /** `realm-secrets`: realm id → its bind password or client key; absent when not given. */
  readonly realmSecrets?: Readonly<Record<string, string>>;
  /** `set-realm-secrets`: realms whose secret apply sets again from `realm-secrets`. */
  readonly setRealmSecrets?: readonly string[];
  /** `sync-realms`: declared directory realms apply syncs although nothing changed, or `all`. */
  readonly syncRealms?: readonly string[] | 'all';
}

/** `core.getInput` semantics: the value, or `''` when the input is not set. */
export type InputReader = (name: string) => string;

export const DEFAULT_SPEC = 'proxmox-access.yml';
const MODES: readonly InputMode[] = ['auto', 'plan', 'apply', 'drift', 'rotate', 'validate'];
// The same spellings @actions/core's getBooleanInput accepts (YAML 1.2 core schema).
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];
const MISSING_SECRET_HINT =
  'Secrets are not passed to workflows run for pull requests from forks or by Dependabot, and a ' +
  '`${{ secrets.NAME }}` that does not exist expands to an empty string: check the name and where the secret is defined.';

/** Inputs that hold a credential; `maskCredentialInputs` registers them before anything logs. */
const CREDENTIAL_INPUTS = [
  'proxmox-token-secret',
  'proxmox-password',
  'secrets-token',
  'github-token',
  'vault-token',
  'realm-secrets',
] as const;

/**
 * Registers every credential input with the runner's masker, first thing in a run. The runner
 * masks a `${{ secrets.NAME }}` by itself, but not a credential that reaches the input another
 * way (a step output, a variable, an expression that builds it), so the action does not rely on it.
 * A password written into `proxmox-url` is masked too: that input is refused, but it is still a secret.
 */
export function maskCredentialInputs(getInput: InputReader, setSecret: (value: string) => void): void {
  const values = [
    ...CREDENTIAL_INPUTS.map((name) => getInput(name)),
    urlPassword(getInput('proxmox-url')),
    ...realmSecretValues(getInput('realm-secrets')),
  ];
  const masked = new Set<string>();
  for (const value of values) {
    // The whole value as given, as the action uses it (trimmed), and each line on its own.
    for (const part of [value, value.trim(), ...value.split(/\r\n|\r|\n/).map((line) => line.trim())]) {
      if (part.trim() === '' || masked.has(part)) continue;
      masked.add(part);
      setSecret(part);
    }
  }
}

export interface ReadInputsOptions {
  /**
   * The run needs no cluster (validate mode): the connection inputs are not read. A fork's pull
   * request gets no secrets, so a token id or user name written in the workflow arrives without
   * its secret; that must not fail the offline validation the fork is routed to.
   */
  readonly offline?: boolean;
}

/** The `mode` input alone, which decides (with the event) whether the others are needed. */
export function readModeInput(getInput: InputReader): InputMode {
  return readMode(getInput('mode').trim());
}

/** Reads and validates every input; throws `InputError` naming the first bad one. */
export function readInputs(getInput: InputReader, options: ReadInputsOptions = {}): Inputs {
  const read = (name: string): string => getInput(name).trim();
  const mode = readMode(read('mode'));
  const url = options.offline ? undefined : readProxmoxUrl(read('proxmox-url'));
  const auth = options.offline ? undefined : readAuth(read);
  const tls = options.offline ? { insecure: false } : readTls(read);
  const githubToken = read('github-token');
  const secretsToken = read('secrets-token');
  const pullRequest = readPullRequest(read('pull-request'), mode);
  const vault = options.offline ? undefined : readVaultInputs(read);
  const realmSecrets = options.offline ? undefined : readRealmSecrets(read('realm-secrets'));
  const setRealmSecrets = options.offline ? [] : readSetRealmSecrets(read('set-realm-secrets'), realmSecrets);
  const syncRealms = options.offline ? [] : readSyncRealms(read('sync-realms'));
  return {
    mode,
    spec: read('spec') || DEFAULT_SPEC,
    ...(url === undefined ? {} : { proxmoxUrl: url }),
    ...(auth === undefined ? {} : { auth }),
    ...tls,
    ...(githubToken === '' ? {} : { githubToken }),
    ...(secretsToken === '' ? {} : { secretsToken }),
    comment: readBoolean(read, 'comment', true),
    requireApprovedPlan: readBoolean(read, 'require-approved-plan', true),
    rotate: readRotate(read('rotate')),
    failOnDrift: readBoolean(read, 'fail-on-drift', false),
    driftIssue: readBoolean(read, 'drift-issue', true),
    allowDeletions: readBoolean(read, 'allow-deletions', true),
    ...(pullRequest === undefined ? {} : { pullRequest }),
    ...(vault === undefined ? {} : { vault }),
    ...(realmSecrets === undefined ? {} : { realmSecrets }),
    ...(setRealmSecrets.length === 0 ? {} : { setRealmSecrets }),
    ...(syncRealms.length === 0 ? {} : { syncRealms }),
  };
}

/** Realm ids, comma or line separated, or `all` (every declared `ldap` and `ad` realm). */
function readSyncRealms(value: string): string[] | 'all' {
  if (value === 'all') return 'all';
  const realms = [...new Set(value.split(/[,\n]/).map((item) => item.trim()))].filter((item) => item !== '');
  const bad = realms.find((realm) => !REALM_PATTERN.test(realm));
  if (bad !== undefined) throw new InputError('sync-realms', `sync-realms: '${oneLine(bad)}' is not a realm id (or write all)`);
  return realms;
}

/** Realm ids, comma or line separated, each of which `realm-secrets` must name. */
function readSetRealmSecrets(value: string, secrets: Readonly<Record<string, string>> | undefined): string[] {
  const realms = [...new Set(value.split(/[,\n]/).map((item) => item.trim()))].filter((item) => item !== '');
  for (const realm of realms) {
    if (!REALM_PATTERN.test(realm)) throw new InputError('set-realm-secrets', `set-realm-secrets: '${oneLine(realm)}' is not a realm id`);
    if (secrets?.[realm] === undefined) {
      throw new InputError('set-realm-secrets', `set-realm-secrets names realm '${realm}', but realm-secrets holds no secret for it`);
    }
  }
  return realms;
}

/** Each secret in `realm-secrets`, for the masker; nothing when the text is no JSON object (readInputs then refuses it). */
function realmSecretValues(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return [];
    return Object.values(parsed).filter((v): v is string => typeof v === 'string');
  } catch {
    return [];
  }
}

/** `realm-secrets` (in the CLI `PROXMOX_REALM_SECRETS`): JSON realm id → secret; a message never quotes it, it is a credential. */
export function readRealmSecrets(text: string, name = 'realm-secrets'): Readonly<Record<string, string>> | undefined {
  if (text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError(
      name,
      `${name} must be a JSON object of realm id → secret, e.g. {"ldap1": "\${{ secrets.LDAP_BIND }}"}; it is not valid JSON`,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError(name, `${name} must be a JSON object of realm id → secret`);
  }
  const entries = Object.entries(parsed);
  for (const [realm, value] of entries) {
    if (typeof value !== 'string' || value === '') {
      throw new InputError(name, `${name}: the value for realm '${oneLine(realm)}' must be a non-empty string`);
    }
  }
  return Object.fromEntries(entries);
}

/** Only a plan posts the comment a merge's apply trusts; nothing else may act on another ref's spec. */
function readPullRequest(value: string, mode: InputMode): number | undefined {
  if (value === '') return undefined;
  if (!/^#?[1-9]\d{0,9}$/.test(value)) {
    throw new InputError('pull-request', `pull-request must be a pull request number, e.g. 42, got '${oneLine(value)}'`);
  }
  if (mode !== 'plan') {
    throw new InputError(
      'pull-request',
      `pull-request plans that pull request's spec and posts its plan comment: set mode: plan with it (mode is ${mode})`,
    );
  }
  return Number(value.replace('#', ''));
}

/** The cluster address and credentials a live mode needs; throws `InputError` explaining what is missing. */
export function requireConnection(inputs: Inputs, mode: string): { url: string; auth: ProxmoxCredentials } {
  if (inputs.proxmoxUrl === undefined) {
    throw new InputError(
      'proxmox-url',
      `mode ${mode} reads the live cluster and needs proxmox-url (https://host:8006); only mode validate works without a cluster`,
    );
  }
  if (inputs.auth === undefined) {
    throw new InputError(
      'proxmox-token-id',
      `mode ${mode} needs credentials: proxmox-token-id and proxmox-token-secret (an API token), or proxmox-username and proxmox-password. ${MISSING_SECRET_HINT}`,
    );
  }
  return { url: inputs.proxmoxUrl, auth: inputs.auth };
}

function readMode(value: string): InputMode {
  const mode = (value || 'auto').toLowerCase();
  const known = MODES.find((m) => m === mode);
  if (known === undefined) {
    throw new InputError('mode', `mode '${oneLine(value)}' is not one of ${MODES.join(', ')}`);
  }
  return known;
}

function readBoolean(read: (name: string) => string, name: string, fallback: boolean): boolean {
  const value = read(name);
  if (value === '') return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new InputError(name, `${name} must be true or false (true | True | TRUE | false | False | FALSE), got '${oneLine(value)}'`);
}

/**
 * Where a URL's userinfo would be: after the scheme, up to the last `@`. Taken that wide on
 * purpose, so a URL that does not parse (`https://u:p@ss@host`, a space in the host) still has
 * its password found and hidden.
 */
const USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)?(.*)@/s;

/** The password part of a URL's userinfo, or `''`. */
function urlPassword(value: string): string {
  const userinfo = USERINFO.exec(value.trim())?.[2] ?? '';
  const colon = userinfo.indexOf(':');
  return colon < 0 ? '' : userinfo.slice(colon + 1);
}

/** The URL as a message may show it: userinfo replaced by `***`, on one line. */
export function redactUrl(value: string): string {
  return oneLine(value.replace(USERINFO, (_all, scheme: string | undefined) => `${scheme ?? ''}***@`));
}

function readProxmoxUrl(value: string): string | undefined {
  if (value === '') return undefined;
  const shown = redactUrl(value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError('proxmox-url', `proxmox-url '${shown}' is not a URL; expected https://host:8006`);
  }
  // Checked before anything echoes the value: a URL with user:password@ must not reach a log.
  if (url.username !== '' || url.password !== '') {
    throw new InputError(
      'proxmox-url',
      'proxmox-url must not carry credentials; use proxmox-token-id/-secret or proxmox-username/-password',
    );
  }
  if (url.protocol !== 'https:') {
    throw new InputError(
      'proxmox-url',
      `proxmox-url must use https (the PVE API listens on HTTPS only, port 8006 by default), got '${shown}'`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new InputError('proxmox-url', `proxmox-url must be a base URL without query or fragment, got '${shown}'`);
  }
  return value.replace(/\/+$/, '');
}

function readAuth(read: (name: string) => string): ProxmoxCredentials | undefined {
  const tokenId = read('proxmox-token-id');
  const secret = read('proxmox-token-secret');
  const username = read('proxmox-username');
  const password = read('proxmox-password');
  const wantsToken = tokenId !== '' || secret !== '';
  const wantsTicket = username !== '' || password !== '';
  if (wantsToken && wantsTicket) {
    throw new InputError(
      'proxmox-username',
      'set either proxmox-token-id and proxmox-token-secret, or proxmox-username and proxmox-password, not both',
    );
  }
  if (wantsToken) {
    if (tokenId === '')
      throw new InputError('proxmox-token-id', 'proxmox-token-secret is set but proxmox-token-id is empty; set it to user@realm!name');
    checkTokenId('proxmox-token-id', tokenId);
    if (secret === '')
      throw new InputError('proxmox-token-secret', `proxmox-token-id is set but proxmox-token-secret is empty. ${MISSING_SECRET_HINT}`);
    return { tokenId, secret };
  }
  if (wantsTicket) {
    if (username === '')
      throw new InputError('proxmox-username', 'proxmox-password is set but proxmox-username is empty; set it to user@realm');
    if (!USERID_PATTERN.test(username)) {
      throw new InputError('proxmox-username', 'proxmox-username must be user@realm, e.g. automation@pve or root@pam');
    }
    if (password === '')
      throw new InputError('proxmox-password', `proxmox-username is set but proxmox-password is empty. ${MISSING_SECRET_HINT}`);
    return { username, password };
  }
  return undefined;
}

/** The value is never echoed: people paste `id=secret`, or the secret itself, into the id field. */
function checkTokenId(input: string, value: string): void {
  if (value.includes('=')) {
    throw new InputError(
      input,
      `${input} looks like a whole token string (id=secret): give only the token id, user@realm!name (the secret belongs in proxmox-token-secret)`,
    );
  }
  if (!TOKEN_ID_PATTERN.test(value)) {
    throw new InputError(input, `${input} must look like user@realm!name, e.g. automation@pve!ci`);
  }
}

function readTls(read: (name: string) => string): Pick<Inputs, 'fingerprint' | 'caCert' | 'insecure'> {
  const fingerprint = read('proxmox-fingerprint');
  const caCert = read('proxmox-ca-cert');
  const insecure = readBoolean(read, 'proxmox-insecure', false);
  if (fingerprint !== '') checkFingerprint('proxmox-fingerprint', fingerprint);
  if (fingerprint !== '' && caCert !== '') {
    throw new InputError(
      'proxmox-ca-cert',
      'set proxmox-fingerprint or proxmox-ca-cert, not both: a pinned fingerprint alone decides which certificate is trusted',
    );
  }
  if (insecure && (fingerprint !== '' || caCert !== '')) {
    throw new InputError(
      'proxmox-insecure',
      'proxmox-insecure: true turns verification off, which contradicts proxmox-fingerprint / proxmox-ca-cert; drop it',
    );
  }
  return {
    ...(fingerprint === '' ? {} : { fingerprint }),
    ...(caCert === '' ? {} : { caCert }),
    insecure,
  };
}

function checkFingerprint(input: string, value: string): void {
  const hex = value.replace(/:/g, '');
  if (/^[0-9a-fA-F]{64}$/.test(hex)) return;
  const hint = /^[0-9a-fA-F]{40}$/.test(hex) ? ' This looks like a SHA-1 fingerprint; PVE shows the SHA-256 one too.' : '';
  const where =
    input === 'proxmox-fingerprint'
      ? 'as the PVE UI shows it (Node → System → Certificates)'
      : '(openssl x509 -noout -fingerprint -sha256)';
  throw new InputError(input, `${input} must be the certificate's SHA-256 fingerprint, 32 hex bytes separated by colons ${where}.${hint}`);
}

function readRotate(value: string): 'all' | readonly string[] {
  const items = value
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.some((item) => item.toLowerCase() === 'all')) {
    if (items.length === 1) return 'all';
    throw new InputError('rotate', 'rotate is either all or a list of token ids, not both');
  }
  for (const item of items) {
    if (item.includes('=')) checkTokenId('rotate', item);
    if (!TOKEN_ID_PATTERN.test(item)) throw new InputError('rotate', `rotate: '${oneLine(item)}' is not a full token id user@realm!name`);
  }
  return [...new Set(items)];
}

/** The Vault inputs (docs/vault.md): where Vault is, how the action logs in, how it trusts the server. */
export interface VaultSettings {
  readonly url: string;
  readonly namespace?: string | undefined;
  /** A JWT login with the workflow's GitHub OIDC token for this role (preferred over `token`). */
  readonly role?: string | undefined;
  /** The OIDC token's audience; default the Vault URL. */
  readonly audience: string;
  /** A static Vault token; used only without `role`. */
  readonly token?: string | undefined;
  readonly caCert?: string | undefined;
  readonly fingerprint?: string | undefined;
}

/** The Vault settings, or undefined when `vault-url` is not set; throws InputError naming a bad input. */
function readVaultInputs(read: (name: string) => string): VaultSettings | undefined {
  const url = read('vault-url');
  const others = ['vault-namespace', 'vault-role', 'vault-audience', 'vault-token', 'vault-ca-cert', 'vault-fingerprint'].filter(
    (name) => read(name) !== '',
  );
  if (url === '') {
    if (others.length > 0)
      throw new InputError(others[0]!, `${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} set but vault-url is empty`);
    return undefined;
  }
  try {
    parseVaultUrl(url);
  } catch (err) {
    throw new InputError('vault-url', `vault-url: ${err instanceof Error ? err.message : String(err)}`);
  }
  const role = read('vault-role');
  const token = read('vault-token');
  if (role === '' && token === '') {
    throw new InputError(
      'vault-role',
      'vault-url is set but neither vault-role (a JWT login with the workflow OIDC token; the job needs `permissions: id-token: write`) nor vault-token is',
    );
  }
  const fingerprint = read('vault-fingerprint');
  const caCert = read('vault-ca-cert');
  if (fingerprint !== '') checkFingerprint('vault-fingerprint', fingerprint);
  if (fingerprint !== '' && caCert !== '') {
    throw new InputError(
      'vault-ca-cert',
      'set vault-fingerprint or vault-ca-cert, not both: a pinned fingerprint alone decides which certificate is trusted',
    );
  }
  const namespace = read('vault-namespace');
  if (/[\p{Cc}\p{Cf}]/u.test(namespace))
    throw new InputError('vault-namespace', `vault-namespace '${oneLine(namespace)}' holds an invisible character`);
  return {
    url: url.replace(/\/+$/, ''),
    ...(namespace === '' ? {} : { namespace }),
    ...(role === '' ? {} : { role }),
    audience: read('vault-audience') || url.replace(/\/+$/, ''),
    // With a role the token is not used: the login is preferred, and a token left over is ignored.
    ...(token === '' || role !== '' ? {} : { token }),
    ...(caCert === '' ? {} : { caCert }),
    ...(fingerprint === '' ? {} : { fingerprint }),
  };
}
