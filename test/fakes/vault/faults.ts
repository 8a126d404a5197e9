/**
 * Faults a test switches on: a sealed Vault (at once or after N more requests), a path whose
 * requests are refused whatever the policies say, and latency before every answer.
 */

interface DeniedPath {
  readonly path: string | RegExp;
  readonly methods: readonly string[] | undefined;
}

export class VaultFaults {
  latencyMs = 0;
  #sealed = false;
  #sealAfter: number | undefined;
  readonly #denied: DeniedPath[] = [];

  get sealed(): boolean {
    return this.#sealed;
  }

  seal(): void {
    this.#sealed = true;
    this.#sealAfter = undefined;
  }

  unseal(): void {
    this.#sealed = false;
    this.#sealAfter = undefined;
  }

  /** The next `requests` requests are answered; every one after that finds Vault sealed. */
  sealAfter(requests: number): void {
    this.#sealAfter = requests;
  }

  /**
   * Refuses requests to `path` (namespace-relative, without `/v1/`; a string is exact) with
   * Vault's 403, as a policy `deny` would; `methods` limits it to some HTTP methods.
   */
  denyPath(path: string | RegExp, methods?: readonly string[]): void {
    this.#denied.push({ path, methods: methods?.map((m) => m.toUpperCase()) });
  }

  clearDenied(): void {
    this.#denied.length = 0;
  }

  /** Counts one request; true when it finds Vault sealed. */
  countRequest(): boolean {
    if (this.#sealAfter !== undefined) {
      if (this.#sealAfter <= 0) this.seal();
      else this.#sealAfter -= 1;
    }
    return this.#sealed;
  }

  denies(method: string, path: string): boolean {
    return this.#denied.some(
      (d) =>
        (d.methods === undefined || d.methods.includes(method)) &&
        (typeof d.path === 'string' ? d.path.replace(/^\/+/, '') === path.replace(/\/$/, '') : d.path.test(path)),
    );
  }
}
