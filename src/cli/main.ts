/** The CLI on a real terminal: process streams, stdin for confirmations, signals, the file system. */
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { safeLines } from '../log-line.js';
import { defaultCliDeps, runCli } from './run.js';
import { startSimulatedPve } from './simulated-pve.js';

export async function main(): Promise<number> {
  return runCli(
    process.argv.slice(2),
    {
      env: process.env,
      isTTY: Boolean(process.stdout.isTTY),
      // The CLI also runs in workflow steps, where the runner reads both streams for commands.
      out: (text, options) => void process.stdout.write(`${options?.exact === true ? text : safeLines(text)}\n`),
      err: (text) => void process.stderr.write(`${safeLines(text)}\n`),
      confirm: async (question) => {
        const rl = createInterface({ input: process.stdin, output: process.stderr });
        // At the end of input (CI, `< /dev/null`) readline never answers the question: that is a no.
        const ended = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
        try {
          return (await Promise.race([rl.question(question), ended])).trim() === 'yes';
        } finally {
          rl.close();
          // Only a terminal echoes the answer with its newline; otherwise the next message would join the question's line.
          if (!process.stdin.isTTY) process.stderr.write('\n');
        }
      },
      writeFile: (path, text, mode) => writeFile(path, text, { encoding: 'utf8', flag: mode === 'create' ? 'wx' : 'w' }),
      untilStopped: () =>
        new Promise((resolve) => {
          for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
        }),
    },
    { ...defaultCliDeps, simulate: startSimulatedPve },
  );
}
