/**
 * Runs at most `limit` of the tasks handed to it at a time; the others wait their turn in the
 * order they came. A finished task hands its slot straight to the next waiting one.
 */
/** How many per-object reads (a pool's members, a realm's options) one state read keeps in flight. */
export const READS_AT_ONCE = 8;

export function concurrencyGate(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < limit) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}
