/**
 * Command-line arguments of the CLI. Secrets come from the environment only, so they never sit
 * in shell history or a process listing. Every option belongs to the commands it changes; any
 * other use is an error, so a misplaced option never looks as if it had been obeyed.
 */
import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { oneLine } from '../log-line.js';
import { editDistance } from '../spec/edit-distance.js';
import type { ConnectionSettings } from '../engine/connect.js';
import { credentials, envValue, requireConnection, trust } from './login-args.js';
import { envSettings, type EnvSettings } from './env-settings.js';

export const COMMANDS = ['validate', 'plan', 'apply', 'drift', 'rotate', 'export', 'simulate'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliOptions extends ConnectionSettings, EnvSettings {
  readonly command: Command;
  readonly spec: string;
  readonly yes: boolean;
  readonly json: boolean;
  /** drift: print the token inventory as JSON instead of the drift. */
  readonly audit: boolean;
  readonly color: boolean;
  readonly rotate: 'all' | readonly string[];
  readonly allowDeletions: boolean;
  /** export: write here instead of stdout. */
  readonly out?: string | undefined;
  /** export: replace an existing --out file. */
  readonly force: boolean;
  /** simulate: start with a freshly installed node instead of the demo cluster. */
  readonly empty: boolean;
  /** Said once on stderr before the command runs: which of two given settings wins. */
  readonly notes: readonly string[];
}

export const USAGE = `Usage: proxmox-access <command> [<spec file>] [options]

Commands:
  validate          check the spec offline (schema, privileges, ACL paths)
  plan              show what apply would change on the cluster
  apply             apply the plan (asks for confirmation unless --yes)
  drift             report what changed on the cluster behind the spec's back
  rotate            rotate only the tokens that are due, change nothing else (asks unless --yes)
  export            write a spec from the live cluster (token secrets are never readable)
  simulate          run a simulated Proxmox VE on this machine to try the other commands

Options:
  --spec <file>           spec file (default proxmox-access.yml; or give it after the command)
  --url <url>             https://host:8006            (env PROXMOX_URL)
  --token-id <id>         user@realm!name              (env PROXMOX_TOKEN_ID; secret in PROXMOX_TOKEN_SECRET)
  --username <user>       ticket login instead         (env PROXMOX_USERNAME; password in PROXMOX_PASSWORD)
  --fingerprint <sha256>  pin the server certificate   (env PROXMOX_FINGERPRINT)
  --ca-cert <file|pem>    trust this CA                (env PROXMOX_CA_CERT)
  --insecure              skip TLS verification (not recommended)
  --rotate <ids|all>      plan, apply, rotate: rotate these tokens now (comma separated full ids)
  --no-deletions          plan, apply: refuse any delete
  --repository <o/r>      apply, rotate: repository for github-secret targets (env GITHUB_REPOSITORY; token in GITHUB_SECRETS_TOKEN)
  --yes                   apply, rotate: do not ask
  PROXMOX_REALM_SECRETS   plan, apply (environment only): JSON realm id → bind password or client key, sent when the realm is created
  --json                  plan, drift: print JSON instead of text
  --audit                 drift: print the token inventory (every token, its privileges, expiry, targets) as JSON
  --no-color              plan, apply: plain text
  --out <file>            export: write the spec here
  --force                 export: overwrite the --out file if it exists
  --empty                 simulate: start with a new node (root@pam only) instead of the demo cluster
  --version               print the version
  --help                  print this help
`;

const HELP_HINT = 'run `proxmox-access --help` for the commands and options';

const OPTIONS = {
  spec: { type: 'string', placeholder: '<file>' },
  url: { type: 'string', placeholder: '<url>' },
  'token-id': { type: 'string', placeholder: '<id>' },
  username: { type: 'string', placeholder: '<user>' },
  fingerprint: { type: 'string', placeholder: '<sha256>' },
  'ca-cert': { type: 'string', placeholder: '<file|pem>' },
  insecure: { type: 'boolean' },
  rotate: { type: 'string', placeholder: '<ids|all>' },
  'no-deletions': { type: 'boolean' },
  repository: { type: 'string', placeholder: '<owner/repo>' },
  yes: { type: 'boolean' },
  json: { type: 'boolean' },
  audit: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  out: { type: 'string', placeholder: '<file>' },
  force: { type: 'boolean' },
  empty: { type: 'boolean' },
} as const satisfies Record<string, { type: 'string' | 'boolean'; placeholder?: string }>;
type OptionName = keyof typeof OPTIONS;

const PARSE_OPTIONS = Object.fromEntries(Object.entries(OPTIONS).map(([name, { type }]) => [name, { type }])) as {
  [K in OptionName]: { type: (typeof OPTIONS)[K]['type'] };
};

const CONNECTION: readonly OptionName[] = ['url', 'token-id', 'username', 'fingerprint', 'ca-cert', 'insecure'];

/** The options each command reads; `spec` also says that the command takes a spec file argument. */
export const COMMAND_OPTIONS: Readonly<Record<Command, readonly OptionName[]>> = {
  validate: ['spec'],
  plan: ['spec', ...CONNECTION, 'rotate', 'no-deletions', 'json', 'no-color'],
  apply: ['spec', ...CONNECTION, 'rotate', 'no-deletions', 'repository', 'yes', 'no-color'],
  drift: ['spec', ...CONNECTION, 'json', 'audit'],
  rotate: ['spec', ...CONNECTION, 'rotate', 'repository', 'yes'],
  export: [...CONNECTION, 'out', 'force'],
  simulate: ['empty'],
};

/** `Usage: proxmox-access plan [<spec file>] [--spec <file>] …` for one command. */
export function commandUsage(command: Command): string {
  const options = COMMAND_OPTIONS[command];
  const file = options.includes('spec') ? ' [<spec file>]' : '';
  const flags = options.map((name) => {
    const option = OPTIONS[name];
    const placeholder = 'placeholder' in option ? ` ${option.placeholder}` : '';
    return `[--${name}${placeholder}]`;
  });
  return `Usage: proxmox-access ${command}${file} ${flags.join(' ')}`;
}

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv, isTTY: boolean): CliOptions {
  const { values, positionals } = parseOptions(argv);
  const command = positionals[0];
  if (!command || !(COMMANDS as readonly string[]).includes(command)) {
    const problem = command ? `unknown command "${command}"` : 'a command is required';
    throw new InputError('command', `${problem} (one of ${COMMANDS.join(', ')}); ${HELP_HINT}`);
  }
  const cmd = command as Command;
  checkApplicable(cmd, values);
  if (values.audit && values.json) {
    throw new InputError('arguments', `--audit and --json each print a JSON document of their own: give one\n${commandUsage(cmd)}`);
  }
  if (values.force && values.out === undefined) {
    throw new InputError(
      'arguments',
      `--force only lets --out replace an existing file; without --out, export writes to stdout\n${commandUsage(cmd)}`,
    );
  }
  const spec = specFile(cmd, values.spec, positionals.slice(1));
  const connects = COMMAND_OPTIONS[cmd].includes('url');
  const notes: string[] = [];
  const options: CliOptions = {
    command: cmd,
    spec,
    proxmoxUrl: values.url ?? envValue(env, 'PROXMOX_URL'),
    // Commands that never connect must not fail on a half-set credential in the environment.
    auth: connects ? credentials(values, env, notes, commandUsage(cmd)) : undefined,
    ...trust(values, env, notes, commandUsage(cmd)),
    insecure: values.insecure ?? false,
    yes: values.yes ?? false,
    json: values.json ?? false,
    audit: values.audit ?? false,
    color: isTTY && !values['no-color'] && !envValue(env, 'NO_COLOR'),
    rotate: parseRotate(values.rotate),
    allowDeletions: !values['no-deletions'],
    out: values.out,
    force: values.force ?? false,
    empty: values.empty ?? false,
    ...envSettings(values.repository, env),
    notes,
  };
  if (connects) requireConnection(options);
  return options;
}

function parseOptions(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, options: PARSE_OPTIONS });
  } catch (err) {
    // node:util reports unknown or malformed options as TypeErrors with an ERR_PARSE_ARGS_* code.
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw err;
    throw new InputError('arguments', parseProblem(code, (err as Error).message, argv));
  }
}

/** node:util's wording names its own placeholders (`<value>`); this says it the CLI's way, with the usage. */
function parseProblem(code: string, nodeMessage: string, argv: readonly string[]): string {
  const command = argv.find((arg): arg is Command => (COMMANDS as readonly string[]).includes(arg));
  const usage = command !== undefined ? commandUsage(command) : HELP_HINT;
  const option = /'(-[^' ]*)/.exec(nodeMessage)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const guess = closestOption(option, command);
    const hint = guess !== undefined ? ` (did you mean --${guess}?)` : '';
    return `unknown option ${option}${hint}\n${usage}`;
  }
  const name = option.replace(/^-+/, '') as OptionName;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && name in OPTIONS) {
    const spec = OPTIONS[name];
    if ('placeholder' in spec) return `${option} needs a value: ${option} ${spec.placeholder}\n${usage}`;
    return `${option} takes no value: give ${option} alone\n${usage}`;
  }
  return `${oneLine(nodeMessage.split('\n')[0] ?? '')}\n${usage}`;
}

/** The option a typo most likely meant: the command's own options first, then any. */
function closestOption(typed: string, command: Command | undefined): string | undefined {
  const bare = typed.replace(/^-+/, '').split('=')[0] ?? '';
  const pick = (names: readonly string[]) =>
    names
      .map((name) => ({ name, distance: editDistance(bare, name) }))
      .filter(({ distance }) => distance <= Math.max(1, Math.floor(bare.length / 3)))
      .sort((a, b) => a.distance - b.distance)[0]?.name;
  return (command !== undefined ? pick(COMMAND_OPTIONS[command]) : undefined) ?? pick(Object.keys(OPTIONS));
}

type Values = ReturnType<typeof parseOptions>['values'];

function checkApplicable(command: Command, values: Values): void {
  const allowed = COMMAND_OPTIONS[command];
  for (const [name, value] of Object.entries(values) as [OptionName, string | boolean | undefined][]) {
    if (!allowed.includes(name)) {
      const owners = COMMANDS.filter((c) => COMMAND_OPTIONS[c].includes(name));
      throw new InputError('arguments', `--${name} does not apply to ${command} (only to ${owners.join(', ')})\n${commandUsage(command)}`);
    }
    // `--fingerprint "$FP"` with FP unset must not quietly mean "no fingerprint".
    if (value === '') throw new InputError('arguments', `--${name} was given an empty value\n${commandUsage(command)}`);
  }
}

function specFile(command: Command, flag: string | undefined, rest: readonly string[]): string {
  const takesSpec = COMMAND_OPTIONS[command].includes('spec');
  if (rest.length > (takesSpec ? 1 : 0)) {
    const extra = rest
      .slice(takesSpec ? 1 : 0)
      .map((a) => `"${a}"`)
      .join(' ');
    throw new InputError('arguments', `unexpected argument ${extra} after ${command}\n${commandUsage(command)}`);
  }
  const positional = rest[0];
  if (positional !== undefined && flag !== undefined && positional !== flag) {
    throw new InputError('arguments', `two spec files given ("${positional}" and --spec "${flag}"): give one\n${commandUsage(command)}`);
  }
  return positional ?? flag ?? 'proxmox-access.yml';
}

function parseRotate(value: string | undefined): 'all' | readonly string[] {
  if (!value) return [];
  if (value.trim() === 'all') return 'all';
  return value
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
}
