import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SUMMARY_LIMIT_BYTES, writeJobSummary } from '../../src/github/summary.js';

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'summary-'));
  path = join(dir, 'step_summary');
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('writeJobSummary', () => {
  it('appends, so several sections of one step add up', async () => {
    await writeJobSummary('## Plan', path);
    await writeJobSummary('## Result\n', path);
    expect(await readFile(path, 'utf8')).toBe('## Plan\n## Result\n');
  });

  it('does nothing outside Actions', async () => {
    await expect(writeJobSummary('## Plan', undefined)).resolves.toBeUndefined();
  });

  it('cuts what would pass 1 MiB with a note, counting what the step already wrote, on a character boundary', async () => {
    await writeFile(path, 'x'.repeat(1000));
    await writeJobSummary(`${'| ✅ | tök€n |\n'.repeat(100_000)}`, path);
    const written = await readFile(path);
    expect(written.length).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(written.length).toBeGreaterThan(SUMMARY_LIMIT_BYTES - 8_192);
    const text = written.toString('utf8');
    expect(text).not.toContain('\uFFFD');
    expect(text).toMatch(/\| tök€n \|\n\n> \[!WARNING\]\n> The summary was cut/);
  });

  it('writes nothing more once the step used its whole budget', async () => {
    await writeFile(path, 'x'.repeat(SUMMARY_LIMIT_BYTES));
    await writeJobSummary('## More', path);
    expect((await readFile(path)).length).toBe(SUMMARY_LIMIT_BYTES);
  });
});
