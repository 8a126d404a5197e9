/**
 * Command-line arguments of the CLI. Secrets come from the environment only, so they never sit
 * in shell history or a process listing.
 */
import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import type { ConnectionSettings } from '../engine/connect.js';

export const COMMANDS = ['validate', 'plan', 'apply', 'drift', 'export'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliOptions extends ConnectionSettings {
  readonly command: Command;
  readonly spec: string;
  readonly yes: boolean;
  readonly json: boolean;
  readonly color: boolean;
  readonly rotate: 'all' | readonly string[];
  readonly allowDeletions: boolean;
  /** export: write here instead of stdout. */
  readonly out?: string | undefined;
  /** apply: GitHub secrets targets need a token and the current repository. */
  readonly secretsToken?: string | undefined;
  readonly repository?: string | undefined;
  readonly githubApiUrl: string;
}

export const USAGE = `Usage: proxmox-access <command> [options]

Commands:
  validate          check the spec offline (schema, privileges, ACL paths)
  plan              show what apply would change on the cluster
  apply             apply the plan (asks for confirmation unless --yes)
  drift             report what changed on the cluster behind the spec's back
  export            write a spec from the live cluster (token secrets are never readable)

Options:
  --spec <file>           spec file (default proxmox-access.yml)
  --url <url>             https://host:8006            (env PROXMOX_URL)
  --token-id <id>         user@realm!name              (env PROXMOX_TOKEN_ID; secret in PROXMOX_TOKEN_SECRET)
  --username <user>       ticket login instead         (env PROXMOX_USERNAME; password in PROXMOX_PASSWORD)
  --fingerprint <sha256>  pin the server certificate   (env PROXMOX_FINGERPRINT)
  --ca-cert <file|pem>    trust this CA                (env PROXMOX_CA_CERT)
  --insecure              skip TLS verification (not recommended)
  --rotate <ids|all>      rotate these tokens now (comma separated full ids)
  --no-deletions          refuse any delete
  --repository <o/r>      apply: repository for github-secret targets (env GITHUB_REPOSITORY; token in GITHUB_SECRETS_TOKEN)
  --out <file>            export: write the spec here
  --json                  plan, drift: print JSON instead of text
  --yes                   apply: do not ask
  --no-color              plain text
`;

const HELP_HINT = 'run `proxmox-access --help` for the commands and options';

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv, isTTY: boolean): CliOptions {
  const { values, positionals } = parseOptions(argv);
  const command = positionals[0];
  if (!command || !(COMMANDS as readonly string[]).includes(command)) {
    const problem = command ? `unknown command "${command}"` : 'a command is required';
    throw new InputError('command', `${problem} (one of ${COMMANDS.join(', ')}); ${HELP_HINT}`);
  }
  return {
    command: command as Command,
    spec: values.spec ?? 'proxmox-access.yml',
    proxmoxUrl: values.url ?? env['PROXMOX_URL'],
    // validate runs offline: a half-set credential in the environment must not stop it.
    auth:
      command === 'validate'
        ? undefined
        : credentials(values['token-id'] ?? env['PROXMOX_TOKEN_ID'], values.username ?? env['PROXMOX_USERNAME'], env),
    fingerprint: values.fingerprint ?? env['PROXMOX_FINGERPRINT'],
    caCert: values['ca-cert'] ?? env['PROXMOX_CA_CERT'],
    insecure: values.insecure ?? false,
    yes: values.yes ?? false,
    json: values.json ?? false,
    color: isTTY && !values['no-color'] && !env['NO_COLOR'],
    rotate: parseRotate(values.rotate),
    allowDeletions: !values['no-deletions'],
    out: values.out,
    secretsToken: env['GITHUB_SECRETS_TOKEN'],
    repository: values.repository ?? env['GITHUB_REPOSITORY'],
    githubApiUrl: env['GITHUB_API_URL'] ?? 'https://api.github.com',
  };
}

function parseOptions(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        spec: { type: 'string' },
        url: { type: 'string' },
        'token-id': { type: 'string' },
        username: { type: 'string' },
        fingerprint: { type: 'string' },
        'ca-cert': { type: 'string' },
        insecure: { type: 'boolean' },
        rotate: { type: 'string' },
        'no-deletions': { type: 'boolean' },
        repository: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
        yes: { type: 'boolean' },
        'no-color': { type: 'boolean' },
      },
    });
  } catch (err) {
    // node:util reports unknown or malformed options as TypeErrors with an ERR_PARSE_ARGS_* code.
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw err;
    throw new InputError('arguments', `${(err as Error).message.split('. ')[0]}; ${HELP_HINT}`);
  }
}

function credentials(tokenId: string | undefined, username: string | undefined, env: NodeJS.ProcessEnv): CliOptions['auth'] {
  if (tokenId) {
    const secret = env['PROXMOX_TOKEN_SECRET'];
    if (!secret) throw new InputError('PROXMOX_TOKEN_SECRET', `set PROXMOX_TOKEN_SECRET to the secret of ${tokenId}`);
    return { tokenId, secret };
  }
  if (username) {
    const password = env['PROXMOX_PASSWORD'];
    if (!password) throw new InputError('PROXMOX_PASSWORD', `set PROXMOX_PASSWORD to the password of ${username}`);
    return { username, password };
  }
  return undefined;
}

function parseRotate(value: string | undefined): 'all' | readonly string[] {
  if (!value) return [];
  if (value.trim() === 'all') return 'all';
  return value.split(',').map((id) => id.trim()).filter(Boolean);
}
