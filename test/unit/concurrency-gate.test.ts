import { describe, expect, it } from 'vitest';
import { concurrencyGate } from '../../src/proxmox/concurrency-gate.js';

describe('concurrencyGate', () => {
  it('runs at most the limit at once, starts the rest in the order they came, and passes results and errors through', async () => {
    const gate = concurrencyGate(3);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = Array.from({ length: 10 }, (_, i) =>
      gate(async () => {
        started.push(i);
        running += 1;
        most = Math.max(most, running);
        // Later tasks finish first, so slots are handed over out of order.
        await new Promise((resolve) => setTimeout(resolve, 10 - i));
        running -= 1;
        if (i === 4) throw new Error('task 4 failed');
        return i * 2;
      }),
    );
    const settled = await Promise.allSettled(results);
    expect(most).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(settled[4]).toMatchObject({ status: 'rejected', reason: new Error('task 4 failed') });
    expect(settled.filter((s) => s.status === 'fulfilled').map((s) => s.value)).toEqual([0, 2, 4, 6, 10, 12, 14, 16, 18]);
    // A slot freed by a failed task is handed on: the gate is usable afterwards.
    expect(await gate(async () => 'after')).toBe('after');
  });
});
