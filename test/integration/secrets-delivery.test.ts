import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretDeliveryError } from '../../src/errors.js';
import { createOctokit } from '../../src/github/octokit.js';
import { recordingLogger } from '../../src/log.js';
import type { TokenChange } from '../../src/plan/model.js';
import type { TokenSecret } from '../../src/proxmox/api.js';
import type { DeliverTarget, TokenFormat } from '../../src/spec/model.js';
import { createSecretDelivery } from '../../src/secrets/delivery.js';
import { DeliveryPreflightError, IncompleteDeliveryError } from '../../src/secrets/delivery-errors.js';
import { formatSecret } from '../../src/secrets/format.js';
import { sealForGitHub } from '../../src/secrets/seal.js';
import { createGitHubSecretsClient, type GitHubSecretsClient } from '../../src/secrets/github-secrets.js';
import { installSecretsRoutes, type FakeSecrets } from '../fakes/github/secrets.js';
import { FakeGitHub, error } from '../fakes/github/server.js';

const SECRETS_TOKEN = 'ghp_secrets_writer';
const GITHUB_TOKEN = 'ghs_workflow_default';

const repoTarget = (name: string, extra: Partial<Extract<DeliverTarget, { kind: 'github-secret' }>> = {}): DeliverTarget => ({
  kind: 'github-secret',
  name,
  ...extra,
});

function tokenChange(fullid: string, deliver: readonly DeliverTarget[], format: TokenFormat = 'full'): TokenChange {
  const [userid = '', tokenid = ''] = fullid.split('!');
  return {
    kind: 'token',
    address: `token:${fullid}`,
    action: 'create',
    fields: [],
    userid,
    tokenid,
    fullid,
    privsep: true,
    comment: '',
    deliver,
    format,
  };
}

const newSecret = (fullTokenId: string): TokenSecret => ({ fullTokenId, value: randomUUID() });

describe('secret delivery against the GitHub fake', () => {
  let fake: FakeGitHub;
  let secrets: FakeSecrets;
  let logger: ReturnType<typeof recordingLogger>;
  let outputs: Map<string, string>;
  let masked: string[];
  let sleeps: number[];

  beforeEach(async () => {
    fake = await new FakeGitHub().start();
    secrets = installSecretsRoutes(fake, {
      repositories: { 'acme/app': 101, 'acme/infra': 102, 'acme/web': 103 },
      environments: { 'acme/infra': ['production'] },
      orgs: ['acme'],
    });
    fake.tokens.set(SECRETS_TOKEN, { secrets: true, environments: true, orgSecrets: true, contents: 'read' });
    fake.tokens.set(GITHUB_TOKEN, { issues: 'write', pullRequests: 'write', contents: 'read' });
    logger = recordingLogger();
    outputs = new Map();
    masked = [];
    sleeps = [];
  });

  afterEach(async () => {
    await fake.stop();
  });

  function client(token = SECRETS_TOKEN): GitHubSecretsClient {
    return createGitHubSecretsClient({
      octokit: createOctokit(token, fake.origin),
      repository: { owner: 'acme', repo: 'app' },
      logger,
      retry: { baseDelayMs: 5, sleep: async (ms) => void sleeps.push(ms) },
    });
  }

  function delivery(github: GitHubSecretsClient | null = client()) {
    return createSecretDelivery({
      mask: (v) => void masked.push(v),
      setOutput: (name, value) => void outputs.set(name, value),
      ...(github ? { github } : {}),
      logger,
    });
  }

  const puts = () => fake.requests.filter((r) => r.method === 'PUT');

  /** Every place a secret could leak to, apart from the masked outputs it was meant for. */
  function assertNoLeak(secret: TokenSecret, extra: readonly string[] = []): void {
    const haystacks = [fake.transcript(), ...logger.lines, ...extra];
    for (const hay of haystacks) expect(hay).not.toContain(secret.value);
    for (const r of puts()) {
      const body = JSON.parse(r.body) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(expect.arrayContaining(['encrypted_value', 'key_id']));
    }
  }

  it('seals a repository secret that the fake opens to the formatted value, then updates it', async () => {
    const change = tokenChange('terraform-prov@pve!terraform', [repoTarget('PROXMOX_TERRAFORM_TOKEN')]);
    const d = delivery();
    await d.preflight([change]);
    const first = newSecret(change.fullid);
    expect(await d.deliver(change, first)).toEqual(['github-secret acme/app/PROXMOX_TERRAFORM_TOKEN']);
    expect(secrets.secretValue('acme/app', 'PROXMOX_TERRAFORM_TOKEN')).toBe(formatSecret(first, 'full'));
    expect(puts().map((r) => r.status)).toEqual([201]);

    const second = newSecret(change.fullid);
    await d.deliver({ ...change, action: 'rotate', rotation: 'regenerate' }, second);
    expect(secrets.secretValue('acme/app', 'PROXMOX_TERRAFORM_TOKEN')).toBe(formatSecret(second, 'full'));
    expect(puts().map((r) => r.status)).toEqual([201, 204]);
    expect(d.tokensOutput()).toEqual({ [change.fullid]: { id: change.fullid, secret: second.value } });
    assertNoLeak(first);
    assertNoLeak(second);
  });

  it('delivers to an environment, an org secret for selected repositories and another repository in one change', async () => {
    const change = tokenChange(
      'ci@pve!deploy',
      [
        { kind: 'output', name: 'deploy_token' },
        repoTarget('PM_API_TOKEN', { repository: 'acme/infra', environment: 'production' }),
        repoTarget('PM_API_TOKEN', { org: 'acme', visibility: 'selected', selectedRepositories: ['infra', 'acme/web'] }),
        repoTarget('PM_API_TOKEN_PRIVATE', { org: 'acme', visibility: 'private' }),
        repoTarget('PM_HEADER', { repository: 'acme/web' }),
      ],
      'header',
    );
    const d = delivery();
    await d.preflight([change]);
    const secret = newSecret(change.fullid);
    const targets = await d.deliver(change, secret);
    const expected = formatSecret(secret, 'header');
    expect(targets).toEqual([
      'output deploy_token',
      'github-secret acme/infra:production/PM_API_TOKEN',
      'github-secret org acme/PM_API_TOKEN (visibility selected: infra, acme/web)',
      'github-secret org acme/PM_API_TOKEN_PRIVATE (visibility private)',
      'github-secret acme/web/PM_HEADER',
    ]);
    expect(outputs.get('deploy_token')).toBe(expected);
    expect(secrets.secretValue('acme/infra:production', 'PM_API_TOKEN')).toBe(expected);
    expect(secrets.secretValue('acme/infra', 'PM_API_TOKEN')).toBeUndefined();
    expect(secrets.secret('org:acme', 'PM_API_TOKEN')).toMatchObject({
      value: expected,
      visibility: 'selected',
      selectedRepositoryIds: [102, 103],
    });
    expect(secrets.secret('org:acme', 'PM_API_TOKEN_PRIVATE')).toMatchObject({ value: expected, visibility: 'private' });
    expect(secrets.secret('org:acme', 'PM_API_TOKEN_PRIVATE')?.selectedRepositoryIds).toBeUndefined();
    expect(secrets.secretValue('acme/web', 'PM_HEADER')).toBe(expected);
    assertNoLeak(secret);
  });

  it('fetches each public key once per scope and each selected repository id once', async () => {
    const a = tokenChange('a@pve!t', [
      repoTarget('A1'),
      repoTarget('A2'),
      repoTarget('O1', { org: 'acme', visibility: 'selected', selectedRepositories: ['web'] }),
    ]);
    const b = tokenChange('b@pve!t', [
      repoTarget('B1'),
      repoTarget('O2', { org: 'acme', visibility: 'selected', selectedRepositories: ['web'] }),
    ]);
    const d = delivery();
    await d.preflight([a, b]);
    await d.deliver(a, newSecret(a.fullid));
    await d.deliver(b, newSecret(b.fullid));
    const gets = fake.requests.filter((r) => r.method === 'GET').map((r) => r.path);
    expect(gets.filter((p) => p === '/repos/acme/app/actions/secrets/public-key')).toHaveLength(1);
    expect(gets.filter((p) => p === '/orgs/acme/actions/secrets/public-key')).toHaveLength(1);
    expect(gets.filter((p) => p === '/repos/acme/web')).toHaveLength(1);
    expect(puts()).toHaveLength(5);
  });

  it('masks the raw secret and every formatted form before any output is set or secret written', async () => {
    const events: string[] = [];
    const real = client();
    const recording: GitHubSecretsClient = {
      ...real,
      putSecret: (target, value) => {
        events.push(`put ${target.name}`);
        return real.putSecret(target, value);
      },
    };
    const d = createSecretDelivery({
      mask: (v) => void events.push(`mask ${v}`),
      setOutput: (name) => void events.push(`output ${name}`),
      github: recording,
      logger,
    });
    const change = tokenChange('alice@pve!ci', [repoTarget('ALICE_TOKEN'), { kind: 'output', name: 'alice' }], 'json');
    const secret = newSecret(change.fullid);
    await d.deliver(change, secret);
    const masks = events.filter((e) => e.startsWith('mask '));
    const firstOther = events.findIndex((e) => !e.startsWith('mask '));
    expect(firstOther).toBe(masks.length);
    expect(masks).toEqual(
      expect.arrayContaining(
        [secret.value, ...(['full', 'secret', 'header', 'json'] as const).map((f) => formatSecret(secret, f))].map((v) => `mask ${v}`),
      ),
    );
    expect(events.slice(firstOther)).toEqual(['output alice', 'put ALICE_TOKEN']);
  });

  it('fails preflight with a GITHUB_TOKEN-like token, naming secrets-token and each permission, before any PUT', async () => {
    const change = tokenChange('ci@pve!deploy', [
      repoTarget('REPO_SECRET'),
      repoTarget('ENV_SECRET', { repository: 'acme/infra', environment: 'production' }),
      repoTarget('ORG_SECRET', { org: 'acme', visibility: 'all' }),
    ]);
    const d = delivery(client(GITHUB_TOKEN));
    const err = await d.preflight([change]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DeliveryPreflightError);
    const preflight = err as DeliveryPreflightError;
    expect(preflight.problems.map((p) => p.sink)).toEqual([
      'github-secret acme/app/REPO_SECRET',
      'github-secret acme/infra:production/ENV_SECRET',
      'github-secret org acme/ORG_SECRET (visibility all)',
    ]);
    expect(preflight.message).toContain('Resource not accessible by integration');
    expect(preflight.message).toContain('GITHUB_TOKEN cannot write Actions secrets');
    expect(preflight.message).toContain('`secrets-token`');
    expect(preflight.problems[0]!.message).toContain('`Secrets: write` (repository)');
    expect(preflight.problems[1]!.message).toContain('`Secrets: write` on environments');
    expect(preflight.problems[2]!.message).toContain('`Organization secrets: write`');
    expect(preflight.problems[0]!.message).toContain('secrets=read');
    expect(puts()).toHaveLength(0);
  });

  it('fails preflight naming secrets-token when none was given, and passes for output-only tokens', async () => {
    const outputsOnly = tokenChange('a@pve!t', [{ kind: 'output', name: 'a_token' }]);
    await expect(delivery(null).preflight([outputsOnly])).resolves.toBeUndefined();

    const change = tokenChange('b@pve!t', [repoTarget('B_TOKEN', { repository: 'acme/infra' })]);
    const err = await delivery(null)
      .preflight([outputsOnly, change])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryPreflightError);
    expect((err as DeliveryPreflightError).problems[0]!.sink).toBe('secrets-token');
    expect((err as Error).message).toContain('github-secret acme/infra/B_TOKEN');
    expect(fake.requests).toHaveLength(0);
  });

  it('with a token but no repository known, fails preflight for targets without one, saying so, and checks the others', async () => {
    const noRepository = createGitHubSecretsClient({ octokit: createOctokit(SECRETS_TOKEN, fake.origin), logger });
    const change = tokenChange('b@pve!t', [repoTarget('B_TOKEN'), repoTarget('B_INFRA', { repository: 'acme/infra' })]);
    const err = await delivery(noRepository)
      .preflight([change])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryPreflightError);
    const problems = (err as DeliveryPreflightError).problems;
    expect(problems.map((p) => p.sink)).toEqual(['github-secret this repository/B_TOKEN']);
    expect(problems[0]!.message).toContain('no repository is known for a target without `repository`');
    expect(problems[0]!.message).toContain('pass --repository owner/repo (or set GITHUB_REPOSITORY)');
    expect((err as Error).message).not.toContain('secrets-token');
    expect(fake.requests.map((r) => r.path)).toEqual(['/repos/acme/infra/actions/secrets/public-key']);
  });

  it('an unreachable GitHub is said to be unreachable, with the reason, not as a 500 of GitHub', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = createGitHubSecretsClient({
      octokit: createOctokit(SECRETS_TOKEN, `http://127.0.0.1:${port}`),
      repository: { owner: 'acme', repo: 'app' },
      logger,
      retry: { baseDelayMs: 5, sleep: async (ms) => void sleeps.push(ms) },
    });
    const change = tokenChange('c@pve!t', [repoTarget('C_TOKEN')]);
    const err = await delivery(offline)
      .preflight([change])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryPreflightError);
    const [problem] = (err as DeliveryPreflightError).problems;
    expect(problem!.message).toBe(
      `github-secret acme/app/C_TOKEN: could not reach GitHub: connection refused (connect ECONNREFUSED 127.0.0.1:${port}) after 3 attempts; check this machine's network and proxy settings`,
    );
    const retries = logger.lines.filter((line) => line.includes('retrying'));
    expect(retries).toHaveLength(2);
    for (const line of retries) expect(line).toContain('(public-key): could not reach GitHub: connection refused (connect ECONNREFUSED');
    expect([...logger.lines, (err as Error).message].join('\n')).not.toMatch(/GitHub answered 500|having trouble/);
  });

  it('ignores targets of changes that create no secret', async () => {
    const update = { ...tokenChange('a@pve!t', [repoTarget('X', { repository: 'acme/missing' })]), action: 'update' as const };
    await expect(delivery(client(GITHUB_TOKEN)).preflight([update])).resolves.toBeUndefined();
    expect(fake.requests).toHaveLength(0);
  });

  it('says a missing environment does not exist, and lists it together with every other problem', async () => {
    const change = tokenChange('ci@pve!deploy', [
      repoTarget('PM_API_TOKEN', { repository: 'acme/infra', environment: 'staging' }),
      repoTarget('OTHER', { repository: 'acme/ghost' }),
      repoTarget('GITHUB_BAD'),
      repoTarget('SEL', { org: 'acme', visibility: 'selected', selectedRepositories: ['nope'] }),
      { kind: 'output', name: '1bad' },
    ]);
    const err = await delivery()
      .preflight([change])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryPreflightError);
    const text = (err as Error).message;
    expect(text).toContain('environment "staging" does not exist in acme/infra');
    expect(text).toContain('Repository acme/ghost does not exist or the `secrets-token` cannot see it');
    expect(text).toContain('must not start with GITHUB_');
    expect(text).toContain('Repository acme/nope, selected for this organization secret, does not exist');
    expect(text).toContain('output name "1bad"');
    expect((err as DeliveryPreflightError).problems).toHaveLength(5);
    expect(puts()).toHaveLength(0);

    secrets.addEnvironment('acme/infra', 'staging');
    const ok = tokenChange('ci@pve!deploy', [repoTarget('PM_API_TOKEN', { repository: 'acme/infra', environment: 'staging' })]);
    await expect(delivery().preflight([ok])).resolves.toBeUndefined();
  });

  it('flags two tokens writing the same secret', async () => {
    const a = tokenChange('a@pve!t', [repoTarget('SHARED')]);
    const b = tokenChange('b@pve!t', [repoTarget('shared')]);
    const err = await delivery()
      .preflight([a, b])
      .catch((e: unknown) => e);
    expect((err as Error).message).toContain('both a@pve!t and b@pve!t deliver here');
  });

  it('retries a secret PUT that answers 5xx and succeeds', async () => {
    const change = tokenChange('a@pve!t', [repoTarget('A_TOKEN')]);
    fake.faults.push({ method: 'PUT', path: /\/actions\/secrets\/A_TOKEN$/, response: error(502, 'Server Error'), times: 2 });
    const secret = newSecret(change.fullid);
    await delivery().deliver(change, secret);
    expect(puts().map((r) => r.status)).toEqual([502, 502, 201]);
    expect(sleeps).toEqual([5, 10]);
    expect(secrets.secretValue('acme/app', 'A_TOKEN')).toBe(formatSecret(secret, 'full'));
    expect(logger.lines.some((l) => l.includes('retrying'))).toBe(true);
    assertNoLeak(secret);
  });

  it('gives up after the attempts, keeps the token out of the tokens output and says what already got it', async () => {
    const change = tokenChange('a@pve!t', [{ kind: 'output', name: 'a_out' }, repoTarget('A_TOKEN')]);
    fake.faults.push({ method: 'PUT', path: /\/actions\/secrets\/A_TOKEN$/, response: error(503, 'Service Unavailable'), times: 5 });
    const d = delivery();
    const secret = newSecret(change.fullid);
    const err = await d.deliver(change, secret).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IncompleteDeliveryError);
    expect(err).toBeInstanceOf(SecretDeliveryError);
    const incomplete = err as IncompleteDeliveryError;
    expect(incomplete.sink).toBe('github-secret acme/app/A_TOKEN');
    expect(incomplete.delivered).toEqual(['output a_out']);
    expect(incomplete.message).toContain('503');
    expect(incomplete.message).toContain('after 3 attempts');
    expect(puts()).toHaveLength(3);
    expect(d.tokensOutput()).toEqual({});
    assertNoLeak(secret, [incomplete.message, String(incomplete.stack)]);
  });

  it('does not retry a 403 on PUT and names the token to use', async () => {
    const change = tokenChange('a@pve!t', [repoTarget('A_TOKEN')]);
    const d = delivery();
    await d.preflight([change]);
    fake.faults.push({ method: 'PUT', path: /A_TOKEN$/, response: error(403, 'Resource not accessible by personal access token') });
    const err = await d.deliver(change, newSecret(change.fullid)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IncompleteDeliveryError);
    expect((err as Error).message).toContain('Resource not accessible by personal access token');
    expect((err as Error).message).toContain('`Secrets: write` (repository) as `secrets-token`');
    expect(puts()).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a public key fetch that answers 5xx during preflight', async () => {
    fake.faults.push({ method: 'GET', path: /public-key$/, response: error(500, 'Server Error') });
    await delivery().preflight([tokenChange('a@pve!t', [repoTarget('A_TOKEN')])]);
    expect(fake.requests.map((r) => r.status)).toEqual([500, 200]);
  });

  it('tells whether a secret exists, for drift', async () => {
    const github = client();
    secrets.seed('acme/infra:production', 'PM_API_TOKEN', 'old');
    expect(await github.secretExists(repoTarget('PM_API_TOKEN', { repository: 'acme/infra', environment: 'production' }) as never)).toBe(
      true,
    );
    expect(await github.secretExists({ kind: 'github-secret', name: 'PM_API_TOKEN' })).toBe(false);
    expect(await github.secretExists({ kind: 'github-secret', name: 'X', repository: 'acme/infra', environment: 'gone' })).toBe(false);
    expect(await github.secretExists({ kind: 'github-secret', name: 'pm_api_token', org: 'acme' })).toBe(false);
    secrets.seed('org:acme', 'PM_API_TOKEN', 'old');
    expect(await github.secretExists({ kind: 'github-secret', name: 'pm_api_token', org: 'acme' })).toBe(true);
    await expect(client(GITHUB_TOKEN).secretExists({ kind: 'github-secret', name: 'A' })).rejects.toThrow(/secrets-token/);
  });

  it('reports a rejected token as such', async () => {
    const err = await delivery(client('ghp_revoked'))
      .preflight([tokenChange('a@pve!t', [repoTarget('A')])])
      .catch((e: unknown) => e);
    expect((err as Error).message).toContain('was rejected');
  });

  it('refuses an empty secret and a secret of another token, after masking', async () => {
    const change = tokenChange('a@pve!t', [{ kind: 'output', name: 'a' }]);
    const d = delivery();
    await expect(d.deliver(change, { fullTokenId: 'a@pve!t', value: '' })).rejects.toThrow(/empty secret/);
    const other = newSecret('b@pve!t');
    await expect(d.deliver(change, other)).rejects.toThrow(/belongs to b@pve!t/);
    expect(masked).toContain(other.value);
    expect(outputs.size).toBe(0);
  });

  it('describes every target of a change', () => {
    const change = tokenChange('a@pve!t', [
      { kind: 'output', name: 'a_out' },
      repoTarget('A'),
      repoTarget('B', { repository: 'acme/infra', environment: 'production' }),
      repoTarget('C', { org: 'acme' }),
    ]);
    expect(delivery().describe(change)).toEqual([
      'output a_out',
      'github-secret acme/app/A',
      'github-secret acme/infra:production/B',
      'github-secret org acme/C (visibility private)',
    ]);
    expect(delivery(null).describe(change)[1]).toBe('github-secret this repository/A');
  });

  it('seals again when GitHub rotated the key after it was cached', async () => {
    const change = tokenChange('a@pve!t', [repoTarget('A_TOKEN')]);
    const d = delivery();
    await d.preflight([change]);
    const oldKey = secrets.keyId('acme/app');
    secrets.rotateKey('acme/app');
    const secret = newSecret(change.fullid);
    await d.deliver(change, secret);
    expect(puts().map((r) => r.status)).toEqual([422, 201]);
    expect(secrets.secret('acme/app', 'A_TOKEN')?.keyId).not.toBe(oldKey);
    expect(secrets.secretValue('acme/app', 'A_TOKEN')).toBe(formatSecret(secret, 'full'));
  });
});

describe('the GitHub secrets fake', () => {
  let fake: FakeGitHub;
  let secrets: FakeSecrets;
  beforeEach(async () => {
    fake = await new FakeGitHub().start();
    secrets = installSecretsRoutes(fake, { repositories: { 'acme/app': 101, 'other/lib': 201 } });
    fake.tokens.set(SECRETS_TOKEN, { secrets: true, orgSecrets: true });
  });
  afterEach(async () => {
    await fake.stop();
  });

  async function status(method: string, path: string, body?: Record<string, unknown>): Promise<number> {
    const response = await fetch(`${fake.origin}${path}`, {
      method,
      headers: { authorization: `token ${SECRETS_TOKEN}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return response.status;
  }

  async function key(path: string): Promise<{ key_id: string; key: string }> {
    const response = await fetch(`${fake.origin}${path}`, { headers: { authorization: `token ${SECRETS_TOKEN}` } });
    return (await response.json()) as { key_id: string; key: string };
  }

  it("rejects bodies GitHub's API description rejects", async () => {
    const { key_id, key: publicKey } = await key('/repos/acme/app/actions/secrets/public-key');

    const sealed = await sealForGitHub('value', publicKey);
    const urlSafe = sealed.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(await status('PUT', '/repos/acme/app/actions/secrets/S', { encrypted_value: sealed })).toBe(422);
    expect(await status('PUT', '/repos/acme/app/actions/secrets/S', { key_id })).toBe(422);
    expect(await status('PUT', '/repos/acme/app/actions/secrets/S', { encrypted_value: `${urlSafe}_`, key_id })).toBe(422);
    expect(await status('PUT', '/repos/acme/app/actions/secrets/S', { encrypted_value: sealed, key_id: 'stale' })).toBe(422);
    expect(await status('PUT', '/repos/acme/app/actions/secrets/S', { encrypted_value: 'c2VjcmV0', key_id })).toBe(422);
    expect(await status('PUT', '/repos/acme/app/actions/secrets/GITHUB_S', { encrypted_value: sealed, key_id })).toBe(422);
    expect(secrets.secretValue('acme/app', 'S')).toBeUndefined();
    expect(await status('PUT', '/repos/acme/app/actions/secrets/s', { encrypted_value: sealed, key_id })).toBe(201);
    expect(secrets.secretValue('acme/app', 'S')).toBe('value');

    const org = await key('/orgs/acme/actions/secrets/public-key');
    const orgSealed = await sealForGitHub('org value', org.key);
    const orgPut = (body: Record<string, unknown>) =>
      status('PUT', '/orgs/acme/actions/secrets/O', { encrypted_value: orgSealed, key_id: org.key_id, ...body });
    expect(await orgPut({})).toBe(422);
    expect(await orgPut({ visibility: 'public' })).toBe(422);
    expect(await orgPut({ visibility: 'private', selected_repository_ids: [101] })).toBe(422);
    expect(await orgPut({ visibility: 'selected', selected_repository_ids: [201] })).toBe(422);
    expect(await orgPut({ visibility: 'selected', selected_repository_ids: [101] })).toBe(201);
    expect(secrets.secret('org:acme', 'O')).toMatchObject({ value: 'org value', selectedRepositoryIds: [101] });
    expect(await status('PUT', '/orgs/acme/actions/secrets/O', { visibility: 'all' })).toBe(204);
    expect(secrets.secret('org:acme', 'O')).toMatchObject({ value: 'org value', visibility: 'all' });
  });

  it('serves a different key per scope and answers 404 for unknown repositories and orgs', async () => {
    const repoKey = await key('/repos/acme/app/actions/secrets/public-key');
    const orgKey = await key('/orgs/acme/actions/secrets/public-key');
    expect(repoKey.key_id).not.toBe(orgKey.key_id);
    expect(repoKey.key).not.toBe(orgKey.key);
    expect(await status('GET', '/repos/acme/nope/actions/secrets/public-key')).toBe(404);
    expect(await status('GET', '/orgs/nobody/actions/secrets/public-key')).toBe(404);
    expect(await status('GET', '/repos/acme/app/environments/production/secrets/public-key')).toBe(403);
  });
});
