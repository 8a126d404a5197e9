/**
 * Reads a job log the way the Actions runner does, to find every line it would run as a
 * workflow command: `::name props::data` once leading white space is trimmed, and the older
 * `##[name props]data` anywhere in a line. The runner matches those prefixes with culture-aware
 * comparisons, which skip weightless characters, so this reader drops control and format
 * characters before matching: it finds at least every command the runner finds.
 */
import { expect } from 'vitest';

export interface RunnerCommand {
  readonly name: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly data: string;
  readonly line: string;
}

/** The commands the runner registers; any other name is plain output. */
const REGISTERED = new Set([
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo',
  'stop-commands',
]);

/** The runner's reader splits on CR, LF and CRLF. */
const LINE_BREAK = /\r\n|\r|\n/;
const WEIGHTLESS = /[\p{Cc}\p{Cf}]/gu;
/** .NET's TrimStart: Unicode white space, NEL included. */
const LEADING_SPACE = /^[\s\p{Z}\u0085]+/u;

const unescapeData = (s: string): string => s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string): string => unescapeData(s).replace(/%3A/gi, ':').replace(/%2C/gi, ',');

function parseProperties(text: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
  }
  return properties;
}

function parseV2(line: string): RunnerCommand | undefined {
  const text = line.replace(WEIGHTLESS, '').replace(LEADING_SPACE, '');
  if (!text.startsWith('::')) return undefined;
  const end = text.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = text.slice(2, end);
  const space = info.indexOf(' ');
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase();
  if (!REGISTERED.has(name)) return undefined;
  return { name, properties: space < 0 ? {} : parseProperties(info.slice(space + 1)), data: unescapeData(text.slice(end + 2)), line };
}

function parseLegacy(line: string): RunnerCommand | undefined {
  const text = line.replace(WEIGHTLESS, '');
  const start = text.indexOf('##[');
  if (start < 0) return undefined;
  const end = text.indexOf(']', start);
  if (end < 0) return undefined;
  const info = text.slice(start + 3, end);
  const space = info.indexOf(' ');
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase();
  if (!REGISTERED.has(name)) return undefined;
  return { name, properties: {}, data: text.slice(end + 1), line };
}

/** Every line of `log` the runner would run as a command, in order. */
export function parseRunnerCommands(log: string): RunnerCommand[] {
  return log
    .split(LINE_BREAK)
    .map((line) => parseV2(line) ?? parseLegacy(line))
    .filter((command): command is RunnerCommand => command !== undefined);
}

export interface OwnCommandRules {
  /** Values the action may mask, alone or in a derived form (`id=secret`, a header): the secrets it created and the credentials it was given. */
  readonly secrets: readonly string[];
  /** Text every injected payload starts with; no command may carry it at the start of its data or a property. */
  readonly marker: string;
}

/**
 * The only commands the action writes on purpose: masks of real secrets, its own annotations and
 * debug lines, and log groups. Anything else, or any command whose data starts with the marker of
 * an injected payload, was written by text that came from outside.
 */
export function expectOnlyOwnCommands(log: string, rules: OwnCommandRules): RunnerCommand[] {
  const commands = parseRunnerCommands(log);
  for (const command of commands) {
    const where = `command line ${JSON.stringify(command.line)}`;
    expect(['add-mask', 'group', 'endgroup', 'debug', 'error', 'warning', 'notice'], where).toContain(command.name);
    if (command.name === 'add-mask') {
      expect(
        rules.secrets.some((secret) => command.data.includes(secret)),
        `${where} masks something that is not a secret`,
      ).toBe(true);
    }
    expect(command.data.startsWith(rules.marker), where).toBe(false);
    for (const value of Object.values(command.properties)) expect(value.startsWith(rules.marker), where).toBe(false);
  }
  return commands;
}
