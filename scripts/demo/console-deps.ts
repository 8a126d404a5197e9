/**
 * ActionDeps for a terminal: what the runner would print, with every masked value shown as ***,
 * as the runner shows it.
 */
import { readFileSync } from 'node:fs';
import type { ActionDeps } from '../../src/deps.js';
import { createOctokit } from '../../src/github/octokit.js';
import type { Logger } from '../../src/log.js';
import { createProxmoxClient } from '../../src/proxmox/client.js';

export interface ConsoleDeps extends ActionDeps {
  readonly outputs: Map<string, string>;
  readonly summaries: string[];
  readonly failures: string[];
}

export function consoleDeps(env: NodeJS.ProcessEnv, inputs: Record<string, string>, quiet: boolean): ConsoleDeps {
  const masks: string[] = [];
  const mask = (text: string): string => masks.reduce((out, secret) => out.split(secret).join('***'), text);
  const print = (text: string): void => void (quiet ? undefined : console.log(mask(text)));
  const logger: Logger = {
    info: (m) => print(`  ${m.replace(/\n/g, '\n  ')}`),
    warning: (m) => print(`  ⚠ ${m}`),
    error: (m) => print(`  ✖ ${m}`),
    debug: () => {},
    group: async (title, fn) => {
      print(`  ▸ ${title}`);
      return fn();
    },
  };
  const outputs = new Map<string, string>();
  const summaries: string[] = [];
  return {
    env,
    outputs,
    summaries,
    failures: [],
    getInput: (name) => inputs[name] ?? '',
    setOutput: (name, value) => void outputs.set(name, value),
    setSecret: (value) => void masks.push(value),
    annotate: (kind, message, props) => print(`  [${kind}] ${props.file ? `${props.file}:${props.startLine ?? 1}: ` : ''}${message}`),
    logger,
    readFile: (path) => readFileSync(path, 'utf8'),
    writeSummary: async (markdown) => void summaries.push(markdown),
    now: () => Math.floor(Date.now() / 1000),
    connectProxmox: createProxmoxClient,
    octokit: createOctokit,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

export const maskedOutput = (deps: ConsoleDeps, name: string, secretOutputs: readonly string[]): string =>
  secretOutputs.includes(name) ? '***' : (deps.outputs.get(name) ?? '');
