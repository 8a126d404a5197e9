/**
 * Shared setup for the Vault client tests: the Vault fake over HTTPS, the GitHub fake's runner
 * OIDC endpoint whose keys Vault's JWT method trusts, and clients that pin the fake's
 * certificate, record their log lines and masks in one ordered list, and back off instantly.
 */
import * as core from '@actions/core';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import { createVaultClient, type VaultClient, type VaultClientOptions } from '../../src/vault/client.js';
import { githubOidcToken } from '../../src/vault/github-oidc.js';
import { installOidcRoutes, type FakeOidc } from '../fakes/github/oidc.js';
import { FakeGitHub } from '../fakes/github/server.js';
import { startVaultFake, type FakeVault } from '../fakes/vault/index.js';
import { GITHUB_ISSUER } from '../fakes/vault/oidc-tokens.js';

export const REPO = 'acme/infra';
export const ROLE = 'proxmox-access';

/** One thing the client did that a reader of the job log would see, in order. */
export type Event = { readonly kind: 'log'; readonly line: string } | { readonly kind: 'mask'; readonly value: string };

export interface VaultHarness {
  readonly vault: FakeVault;
  readonly oidc: FakeOidc;
  /** Log lines and mask calls of every client of the current test, in order. */
  readonly events: Event[];
  /** Backoff delays the clients asked for. */
  readonly sleeps: number[];
  /** A client pinning the fake's certificate; closed after the test. */
  client(extra?: Partial<VaultClientOptions>): Promise<VaultClient>;
  /** A GitHub OIDC token for the Vault URL from the runner endpoint, as the action gets it. */
  runnerJwt(audience?: string): Promise<string>;
  /** Log lines written so far. */
  lines(): string[];
  /** Every token Vault issued (live or revoked), every JWT minted, and `extra`: none may be in a log line. */
  expectNoSecretsLogged(extra?: readonly string[]): void;
}

/** Registers the hooks; call once at the top of a test file. */
export function useVaultHarness(): VaultHarness {
  const clients: VaultClient[] = [];
  const events: Event[] = [];
  const sleeps: number[] = [];
  let vault: FakeVault | undefined;
  let github: FakeGitHub | undefined;
  let oidc: FakeOidc | undefined;

  beforeAll(async () => {
    vault = await startVaultFake();
    github = await new FakeGitHub().start();
    oidc = installOidcRoutes(github, { repository: REPO, ref: 'refs/heads/main' });
    oidc.now = () => vault!.clock.now();
    vault.configureJwt({ jwks: () => oidc!.jwks(), boundIssuer: GITHUB_ISSUER });
    vault.writePolicy(
      'deliver',
      'path "secret/data/proxmox/*" { capabilities = ["create", "update", "read"] }\npath "secret/metadata/proxmox/*" { capabilities = ["read"] }',
    );
    vault.writeJwtRole(ROLE, {
      boundAudiences: [vault.url],
      boundClaims: { repository: REPO, ref: 'refs/heads/main' },
      userClaim: 'repository',
      tokenPolicies: ['deliver'],
      tokenTtl: 600,
    });
  });
  afterAll(async () => {
    await github?.stop();
    await vault?.stop();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    events.length = 0;
    sleeps.length = 0;
    vault!.faults.unseal();
    vault!.faults.clearDenied();
    vault!.faults.latencyMs = 0;
    vault!.resetRequests();
    vi.unstubAllEnvs();
  });

  const record = (line: string): void => void events.push({ kind: 'log', line });
  const harness: VaultHarness = {
    get vault() {
      return vault!;
    },
    get oidc() {
      return oidc!;
    },
    events,
    sleeps,
    async client(extra = {}) {
      const created = await createVaultClient({
        url: vault!.url,
        tls: { fingerprint: vault!.fingerprint },
        timeoutMs: 5_000,
        logger: {
          info: record,
          warning: (m) => record(`warning: ${m}`),
          error: (m) => record(`error: ${m}`),
          debug: (m) => record(`debug: ${m}`),
          group: (_title, fn) => fn(),
        },
        mask: (value) => void events.push({ kind: 'mask', value }),
        retry: { sleep: async (ms) => void sleeps.push(ms) },
        ...extra,
      });
      clients.push(created);
      return created;
    },
    async runnerJwt(audience = vault!.url) {
      for (const [name, value] of Object.entries(oidc!.env())) vi.stubEnv(name, value);
      // getIDToken writes its own mask and debug commands to stdout; keep them out of the test output.
      const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        return await githubOidcToken(audience, core.getIDToken, { mask: (value) => void events.push({ kind: 'mask', value }) });
      } finally {
        stdout.mockRestore();
      }
    },
    lines: () => events.flatMap((e) => (e.kind === 'log' ? [e.line] : [])),
    expectNoSecretsLogged(extra = []) {
      const secrets = [
        ...vault!.tokens.live().map((t) => t.id),
        ...vault!.tokens.revoked().map((t) => t.id),
        ...oidc!.minted.map((m) => m.token),
        ...extra,
      ];
      expect(secrets.length).toBeGreaterThan(0);
      const lines = harness.lines();
      // A check over no lines would pass without looking at anything.
      expect(lines.length).toBeGreaterThan(0);
      for (const secret of secrets) {
        expect(lines.filter((line) => line.includes(secret))).toEqual([]);
      }
    },
  };
  return harness;
}

/** Runs `promise` and returns what it threw (failing the test when it did not throw). */
export async function thrown(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return err as Error;
}
