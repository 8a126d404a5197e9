/**
 * The fake's time, which tests move by hand: token expiry, JWT `exp`/`nbf` checks and the
 * `created_time` of secret versions all read it.
 */
export class FakeClock {
  #offsetMs = 0;
  #fixedMs: number | undefined;

  /** Milliseconds since the epoch. */
  now(): number {
    return this.#fixedMs ?? Date.now() + this.#offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Stops time at `ms` (a Date or epoch milliseconds). */
  set(ms: number | Date): void {
    this.#fixedMs = typeof ms === 'number' ? ms : ms.getTime();
  }

  advance(seconds: number): void {
    if (this.#fixedMs !== undefined) this.#fixedMs += seconds * 1000;
    else this.#offsetMs += seconds * 1000;
  }

  /** RFC 3339 with nanoseconds, as Vault writes `created_time`. */
  iso(): string {
    return new Date(this.now()).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
  }
}
