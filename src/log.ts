/**
 * Logging without @actions/core in the core: the action passes a core-backed logger,
 * the CLI a console one, tests a recording one.
 */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  /** Runs `fn` inside a collapsible log group. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

export const nullLogger: Logger = {
  info: () => {},
  warning: () => {},
  error: () => {},
  debug: () => {},
  group: (_title, fn) => fn(),
};

/** A logger that keeps every line, for tests and for searching logs for leaked secrets. */
export function recordingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(m),
    warning: (m) => void lines.push(`warning: ${m}`),
    error: (m) => void lines.push(`error: ${m}`),
    debug: (m) => void lines.push(`debug: ${m}`),
    group: async (title, fn) => {
      lines.push(`::group::${title}`);
      try {
        return await fn();
      } finally {
        lines.push('::endgroup::');
      }
    },
  };
}
