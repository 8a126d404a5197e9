/** The terminal the CLI talks to; tests and the demo pass their own. */
import type { Logger } from '../log.js';

export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly isTTY: boolean;
  /**
   * A line (or lines) on stdout. Lines a workflow runner would read as commands are escaped,
   * unless `exact`: data a user saves (export's spec) outside a runner's log.
   */
  out(text: string, options?: { readonly exact?: boolean }): void;
  err(text: string): void;
  confirm(question: string): Promise<boolean>;
  /** `create` fails with EEXIST when the file exists, so nothing is replaced by accident. */
  writeFile(path: string, text: string, mode: 'create' | 'overwrite'): Promise<void>;
  /** Resolves with the signal's name once the user stops a long-running command (Ctrl-C, SIGTERM). */
  untilStopped(): Promise<string>;
}

/** Progress and warnings go to stderr so stdout stays the plan (or JSON) alone. */
export function stderrLogger(io: CliIo, verbose = false): Logger {
  return {
    info: (m) => io.err(m),
    warning: (m) => io.err(`warning: ${m}`),
    error: (m) => io.err(`error: ${m}`),
    debug: (m) => (verbose ? io.err(`debug: ${m}`) : undefined),
    group: async (title, fn) => {
      io.err(`── ${title}`);
      return fn();
    },
  };
}
