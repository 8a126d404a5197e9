/**
 * The in-process runner: `run(deps)` with deps that record everything a run leaves behind
 * (outputs, masks, log lines, annotations, summaries). Retries sleep for no time, so fault tests
 * stay fast while the retry logic still runs for real.
 */
import { readFileSync } from 'node:fs';
import type { ActionDeps, AnnotationKind, AnnotationProperties } from '../../src/deps.js';
import { createOctokit } from '../../src/github/octokit.js';
import type { Logger } from '../../src/log.js';
import { run, type RunOutcome } from '../../src/main.js';
import { createProxmoxClient } from '../../src/proxmox/client.js';

export interface RecordedAnnotation {
  readonly kind: AnnotationKind;
  readonly message: string;
  readonly properties: AnnotationProperties;
}

/** Everything one run left behind. */
export interface RunRecord {
  readonly outcome: RunOutcome;
  readonly outputs: Readonly<Record<string, string>>;
  /** Values registered with setSecret, in order. */
  readonly masks: readonly string[];
  /** Log lines as `level: message` (groups as `::group::title`). */
  readonly lines: readonly string[];
  readonly annotations: readonly RecordedAnnotation[];
  readonly summaries: readonly string[];
  /** Simulator requests made during this run. */
  readonly simRequests: readonly { method: string; path: string; body: string; status: number }[];
  /** The log as one text, for matching. */
  readonly log: string;
  /** Masks, outputs and log lines in the order they happened: a secret must be masked before it shows anywhere. */
  readonly journal: readonly { readonly kind: 'mask' | 'output' | 'log'; readonly text: string }[];
}

/** One in-process run with recording deps; `writeSummary` may be replaced to inject a failing summary file. */
export async function runRecorded(
  env: NodeJS.ProcessEnv,
  inputs: Readonly<Record<string, string>>,
  overrides: Partial<ActionDeps> = {},
): Promise<Omit<RunRecord, 'simRequests'>> {
  const outputs: Record<string, string> = {};
  const masks: string[] = [];
  const lines: string[] = [];
  const annotations: RecordedAnnotation[] = [];
  const summaries: string[] = [];
  const journal: { kind: 'mask' | 'output' | 'log'; text: string }[] = [];
  const line = (text: string): void => {
    lines.push(text);
    journal.push({ kind: 'log', text });
  };
  const logger: Logger = {
    info: (m) => line(`info: ${m}`),
    warning: (m) => line(`warning: ${m}`),
    error: (m) => line(`error: ${m}`),
    debug: (m) => line(`debug: ${m}`),
    group: async (title, fn) => {
      line(`::group::${title}`);
      try {
        return await fn();
      } finally {
        line('::endgroup::');
      }
    },
  };
  const noWait = (): Promise<void> => Promise.resolve();
  const deps: ActionDeps = {
    env,
    getInput: (name) => inputs[name] ?? '',
    setOutput: (name, value) => {
      outputs[name] = value;
      journal.push({ kind: 'output', text: `${name}=${value}` });
    },
    setSecret: (value) => {
      masks.push(value);
      journal.push({ kind: 'mask', text: value });
    },
    annotate: (kind, message, properties) => void annotations.push({ kind, message, properties }),
    logger,
    readFile: (file) => readFileSync(file, 'utf8'),
    writeSummary: async (markdown) => void summaries.push(markdown),
    now: () => Math.floor(Date.now() / 1000),
    // Real client, real retries; only the backoff waits are skipped.
    connectProxmox: (options) => createProxmoxClient({ ...options, sleep: noWait }),
    octokit: createOctokit,
    sleep: noWait,
    ...overrides,
  };
  const outcome = await run(deps);
  return { outcome, outputs, masks, lines, annotations, summaries, log: lines.join('\n'), journal };
}

/** Requests that change something (PVE's API writes are everything but GET). */
export const writesOf = (record: RunRecord): RunRecord['simRequests'] => record.simRequests.filter((r) => r.method !== 'GET');
