/**
 * Everything the orchestrator touches outside itself. `index.ts` builds the real ones from
 * @actions/core and the process; end-to-end tests run the bundle, unit tests pass fakes.
 */
import type { SessionDeps } from './engine/run-session.js';
import type { AnnotationKind, AnnotationProps } from './github/annotations.js';
import type { Logger } from './log.js';
import type { Octokit } from './github/octokit.js';
import type { ProxmoxClient, ProxmoxClientOptions } from './proxmox/client.js';

export type { AnnotationKind, AnnotationProps as AnnotationProperties } from './github/annotations.js';

/** The run session's dependencies (clients, clock, masking) and the runner's own. */
export interface ActionDeps extends SessionDeps {
  readonly env: NodeJS.ProcessEnv;
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  /** Registers a value with the runner's log masking. */
  setSecret(value: string): void;
  annotate(kind: AnnotationKind, message: string, properties: AnnotationProps): void;
  readonly logger: Logger;
  /** Synchronous read, for the event payload and a CA file. */
  readFile(path: string): string;
  /** Appends Markdown to the job summary. */
  writeSummary(markdown: string): Promise<void>;
  /** Epoch seconds. */
  now(): number;
  connectProxmox(options: ProxmoxClientOptions): Promise<ProxmoxClient>;
  octokit(token: string, baseUrl: string): Octokit;
  sleep(ms: number): Promise<void>;
}
