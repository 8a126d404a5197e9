import { describe, expect, it } from 'vitest';
import { sharedPool } from '../../src/engine/shared-pool.js';

describe('sharedPool', () => {
  it('makes one pool on first use, hands the same one to every caller, and closes it once with the session', async () => {
    let built = 0;
    const shared = sharedPool(() => {
      built += 1;
      return { insecure: true };
    });
    await shared.close();
    expect(built).toBe(0);
    const [a, b] = await Promise.all([shared.get(), shared.get()]);
    expect(a).toBe(b);
    expect(built).toBe(1);
    expect(a.closed).toBe(false);
    await shared.close();
    expect(a.closed).toBe(true);
    const c = await shared.get();
    expect(c).not.toBe(a);
    await shared.close();
  });

  it('a pool that could not be made leaves nothing to close, and the error goes to the check that asked', async () => {
    const shared = sharedPool(() => ({ fingerprint: 'AB:CD' }));
    await expect(shared.get()).rejects.toThrow(/SHA-256/);
    await expect(shared.close()).resolves.toBeUndefined();
  });
});
