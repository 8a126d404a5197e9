/** Builds Proxmox client options from the action's settings; the action and the CLI share it. */
import { InputError } from '../errors.js';
import type { Logger } from '../log.js';
import type { ProxmoxClientOptions, ProxmoxCredentials } from '../proxmox/client.js';

export interface ConnectionSettings {
  readonly proxmoxUrl?: string | undefined;
  readonly auth?: ProxmoxCredentials | undefined;
  readonly fingerprint?: string | undefined;
  readonly caCert?: string | undefined;
  readonly insecure: boolean;
}

export function proxmoxClientOptions(
  settings: ConnectionSettings,
  logger: Logger,
  onSecret: (secret: string) => void,
): ProxmoxClientOptions {
  if (!settings.proxmoxUrl) {
    throw new InputError('proxmox-url', 'input proxmox-url is required in plan, apply and drift modes (only validate runs offline)');
  }
  if (!settings.auth) {
    throw new InputError(
      'proxmox-token-id',
      'no Proxmox credentials: set proxmox-token-id and proxmox-token-secret, or proxmox-username and proxmox-password',
    );
  }
  if (tlsUnverified(settings)) {
    logger.warning('proxmox-insecure is true: the server certificate is NOT verified; pin it with proxmox-fingerprint instead');
  }
  return {
    url: settings.proxmoxUrl,
    auth: settings.auth,
    fingerprint: settings.fingerprint,
    caCert: settings.caCert,
    insecure: settings.insecure,
    logger,
    onSecret,
  };
}

/** `insecure` without a pinned fingerprint: the only case where nothing checks the server. */
export const tlsUnverified = (settings: Pick<ConnectionSettings, 'insecure' | 'fingerprint'>): boolean =>
  settings.insecure && !settings.fingerprint;
