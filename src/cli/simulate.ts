/**
 * `proxmox-access simulate`: a simulated Proxmox VE on this machine, for trying the other
 * commands without a cluster. It prints how to reach it as shell lines on stdout (so they can be
 * pasted, or the output sourced) and serves until it is stopped.
 */
import type { CliOptions } from './args.js';
import type { CliIo } from './io.js';

/** A running simulated cluster, reachable on the loopback interface only. */
export interface SimulatedCluster {
  readonly url: string;
  readonly fingerprint: string;
  readonly version: string;
  /** A privilege-separation-free token of root@pam, made for this session. */
  readonly token: { readonly id: string; readonly secret: string };
  stop(): Promise<void>;
}

export type StartSimulatedCluster = (options: { readonly empty: boolean }) => Promise<SimulatedCluster>;

/** Single quotes keep `!` (in token ids) away from interactive shells' history expansion. */
const shellQuote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

/** The `export NAME='value'` lines that point the CLI at `cluster`. */
export function connectionLines(cluster: SimulatedCluster): string[] {
  const variables: [string, string][] = [
    ['PROXMOX_URL', cluster.url],
    ['PROXMOX_FINGERPRINT', cluster.fingerprint],
    ['PROXMOX_TOKEN_ID', cluster.token.id],
    ['PROXMOX_TOKEN_SECRET', cluster.token.secret],
  ];
  return variables.map(([name, value]) => `export ${name}=${shellQuote(value)}`);
}

export async function simulateCommand(options: CliOptions, io: CliIo, start: StartSimulatedCluster): Promise<number> {
  const cluster = await start({ empty: options.empty });
  try {
    const seeded = options.empty
      ? 'a freshly installed node: root@pam and the built-in roles'
      : 'a demo cluster: an admin, a hand-edited role, a token made on a laptop, a stray ACL and a leftover user';
    io.err(`Simulated Proxmox VE ${cluster.version} at ${cluster.url} (this machine only), holding ${seeded}.`);
    io.err('Paste these lines into another shell (or save them and source the file), then run plan, apply, rotate, drift or export:');
    for (const line of connectionLines(cluster)) io.out(line);
    io.err('Its state lives in memory only. Stop it with Ctrl-C.');
    const signal = await io.untilStopped();
    io.err(`${signal}: simulated cluster stopped`);
    return 0;
  } finally {
    await cluster.stop();
  }
}
