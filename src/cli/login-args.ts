/**
 * How the CLI logs in to Proxmox and trusts its certificate, from flags and the environment:
 * a flag beats the environment, and whatever is then not used is said once.
 */
import { InputError } from '../errors.js';
import type { CliOptions } from './args.js';

/** The flags that choose the login and the trust. */
interface LoginFlags {
  readonly 'token-id'?: string | undefined;
  readonly username?: string | undefined;
  readonly fingerprint?: string | undefined;
  readonly 'ca-cert'?: string | undefined;
}

/** The environment's value, or undefined when the variable is unset or blank (`PROXMOX_FINGERPRINT=`). */
export function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

export function requireConnection(options: CliOptions): void {
  if (!options.proxmoxUrl) {
    throw new InputError('PROXMOX_URL', `${options.command} needs a cluster: set PROXMOX_URL or pass --url https://host:8006`);
  }
  if (!options.auth) {
    throw new InputError(
      'PROXMOX_TOKEN_ID',
      'no Proxmox credentials: set PROXMOX_TOKEN_ID and PROXMOX_TOKEN_SECRET (or pass --token-id), ' +
        'or PROXMOX_USERNAME and PROXMOX_PASSWORD (or pass --username)',
    );
  }
}

/**
 * The login method: a flag beats the environment, so `--username` works in a shell that has a
 * token exported (and says so, since the environment's token is then not used).
 */
export function credentials(values: LoginFlags, env: NodeJS.ProcessEnv, notes: string[], usage: string): CliOptions['auth'] {
  const flagToken = values['token-id'];
  const flagUser = values.username;
  if (flagToken !== undefined && flagUser !== undefined) {
    throw new InputError('arguments', `--token-id and --username are two ways to log in: give one\n${usage}`);
  }
  const envToken = envValue(env, 'PROXMOX_TOKEN_ID');
  const envUser = envValue(env, 'PROXMOX_USERNAME');
  if (flagUser !== undefined && envToken !== undefined) {
    notes.push(`note: logging in as --username ${flagUser}; PROXMOX_TOKEN_ID from the environment is not used`);
  }
  if (flagToken !== undefined && envUser !== undefined) {
    notes.push(`note: logging in with --token-id ${flagToken}; PROXMOX_USERNAME from the environment is not used`);
  }
  const tokenId = flagToken ?? (flagUser === undefined ? envToken : undefined);
  const username = flagUser ?? (flagToken === undefined ? envUser : undefined);
  if (tokenId) {
    const secret = envValue(env, 'PROXMOX_TOKEN_SECRET');
    if (!secret) throw new InputError('PROXMOX_TOKEN_SECRET', `set PROXMOX_TOKEN_SECRET to the secret of ${tokenId}`);
    return { tokenId, secret };
  }
  if (username) {
    const password = envValue(env, 'PROXMOX_PASSWORD');
    if (!password) throw new InputError('PROXMOX_PASSWORD', `set PROXMOX_PASSWORD to the password of ${username}`);
    return { username, password };
  }
  return undefined;
}

/**
 * How the server certificate is trusted. A fingerprint and a CA are two ways to do it: as flags
 * both is a mistake; a flag beats the environment; from the environment alone the fingerprint
 * wins, as it does in the action. Whatever is not used is said once.
 */
export function trust(
  values: LoginFlags,
  env: NodeJS.ProcessEnv,
  notes: string[],
  usage: string,
): Pick<CliOptions, 'fingerprint' | 'caCert'> {
  const flagPin = values.fingerprint;
  const flagCa = values['ca-cert'];
  if (flagPin !== undefined && flagCa !== undefined) {
    throw new InputError('arguments', `--fingerprint and --ca-cert are two ways to trust the server: give one\n${usage}`);
  }
  const envPin = envValue(env, 'PROXMOX_FINGERPRINT');
  const envCa = envValue(env, 'PROXMOX_CA_CERT');
  if (flagCa !== undefined) {
    if (envPin !== undefined) notes.push('note: trusting --ca-cert; PROXMOX_FINGERPRINT from the environment is not used');
    return { fingerprint: undefined, caCert: flagCa };
  }
  const fingerprint = flagPin ?? envPin;
  if (fingerprint !== undefined && envCa !== undefined) {
    const pin = flagPin !== undefined ? '--fingerprint' : 'PROXMOX_FINGERPRINT';
    notes.push(`note: trusting the certificate pinned by ${pin}; PROXMOX_CA_CERT is not used`);
    return { fingerprint, caCert: undefined };
  }
  return { fingerprint, caCert: envCa };
}
