/** The benchmark's handle on a simulator running in a child process. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SimChild {
  readonly url: string;
  readonly fingerprint: string;
  readonly tokenId: string;
  readonly secret: string;
  seed(n: number): Promise<void>;
  setLatency(ms: number): Promise<void>;
  requests(): Promise<number>;
  stop(): Promise<void>;
}

interface Ready {
  readonly type: 'ready';
  readonly url: string;
  readonly fingerprint: string;
  readonly tokenId: string;
  readonly secret: string;
}

export async function startSimChild(version: string): Promise<SimChild> {
  const script = fileURLToPath(new URL('./sim-process.ts', import.meta.url));
  const child = fork(script, [version], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const inbox = mailbox(child);
  const ready = (await inbox()) as Ready;
  const ask = async (message: object): Promise<number> => {
    child.send(message);
    return ((await inbox()) as { requests: number }).requests;
  };
  return {
    url: ready.url,
    fingerprint: ready.fingerprint,
    tokenId: ready.tokenId,
    secret: ready.secret,
    seed: async (n) => void (await ask({ type: 'seed', n })),
    setLatency: async (ms) => void (await ask({ type: 'latency', ms })),
    requests: () => ask({ type: 'count' }),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}

/** One answer per question, in order; a dead child fails the waiting question. */
function mailbox(child: ChildProcess): () => Promise<unknown> {
  const waiting: { resolve: (m: unknown) => void; reject: (e: Error) => void }[] = [];
  child.on('message', (m) => waiting.shift()?.resolve(m));
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`simulator process exited with ${code}`));
  });
  return () => new Promise((resolve, reject) => waiting.push({ resolve, reject }));
}
