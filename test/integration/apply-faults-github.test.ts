/**
 * GitHub-side faults during a real apply (`run(deps)`, mode apply): a secret PUT that keeps
 * failing with 5xx or is refused with 403, an environment that does not exist, a secrets-token
 * without the secrets permission, and a rotation whose new secret cannot be delivered. Each
 * ends with no orphan token and a rerun that converges; then every secret of that test is searched for.
 */
import { describe, expect, it } from 'vitest';
import { REPO, RUNNER_TOKEN, writesOf, type FaultWorld } from '../harness/fault-world.js';
import {
  ENV_SECRET,
  FULLID,
  OUTPUT,
  REPO_SECRET,
  aclOf,
  authenticates,
  deliveredValues,
  expectNoOrphanToken,
  expectRerunConverges,
  faultWorldPerTest,
  splitFull,
  tokensOnSimulator,
} from './apply-faults-checks.js';

const REPO_SECRET_PUT = new RegExp(`/repos/${REPO}/actions/secrets/${REPO_SECRET}$`);
const ENV_SECRET_PUT = new RegExp(`/repos/${REPO}/environments/production/secrets/${ENV_SECRET}$`);
const REPO_SINK = `github-secret ${REPO}/${REPO_SECRET}`;
const ENV_SINK = `github-secret ${REPO}:production/${ENV_SECRET}`;

describe('apply under GitHub faults', () => {
  const world = faultWorldPerTest();

  const putsTo = (w: FaultWorld, path: RegExp): number => w.github.requests.filter((r) => r.method === 'PUT' && path.test(r.path)).length;
  const githubPuts = (w: FaultWorld): number => w.github.requests.filter((r) => r.method === 'PUT').length;

  it('secret PUT keeps answering 5xx: retried, then the new token is deleted again and the run names the target', async () => {
    const w = await world();
    w.github.faults.push({ method: 'PUT', path: ENV_SECRET_PUT, response: { status: 502, body: { message: 'Bad Gateway' } }, times: 10 });
    const apply = await w.run();
    expect(apply.outcome.failure).toMatch(
      new RegExp(`new token ${FULLID} could not be delivered \\(${ENV_SINK}: GitHub answered 502: Bad Gateway after 3 attempts`),
    );
    expect(apply.outcome.failure).toMatch(/the token was deleted again$/);
    expect(putsTo(w, ENV_SECRET_PUT)).toBe(3);
    expect(
      writesOf(apply)
        .map((r) => `${r.method} ${r.path}`)
        .slice(-2),
    ).toEqual([`POST /access/users/${FULLID.replace('!', '/token/')}`, `DELETE /access/users/${FULLID.replace('!', '/token/')}`]);
    expect(tokensOnSimulator(w)).toEqual([]);
    expect(apply.outputs['tokens']).toBe('{}');
    expect(apply.summaries.join('\n')).toContain(`**Revoked:** \`${FULLID}\``);
    // The repository secret was written before the failure; its token is gone, so it opens nothing.
    const stale = splitFull(deliveredValues(w).repository)!;
    expect(await authenticates(w, FULLID, stale.secret)).toBe(false);
    await expectNoOrphanToken(w);
    await expectRerunConverges(w);
  });

  it('secret PUT refused with 403: not retried, the new token is deleted again, the run names the target and secrets-token', async () => {
    const w = await world();
    w.github.faults.push({
      method: 'PUT',
      path: REPO_SECRET_PUT,
      response: { status: 403, body: { message: 'Resource not accessible by integration' } },
    });
    const apply = await w.run();
    expect(apply.outcome.failure).toContain(`new token ${FULLID} could not be delivered (${REPO_SINK}: GitHub answered 403`);
    expect(apply.outcome.failure).toContain('`secrets-token`');
    expect(apply.outcome.failure).toMatch(/the token was deleted again$/);
    expect(putsTo(w, REPO_SECRET_PUT)).toBe(1);
    expect(putsTo(w, ENV_SECRET_PUT)).toBe(0);
    expect(tokensOnSimulator(w)).toEqual([]);
    expect(deliveredValues(w).environment).toBeUndefined();
    expect(aclOf(w, FULLID)).toEqual([]);
    await expectNoOrphanToken(w);
    await expectRerunConverges(w);
  });

  it('missing environment: preflight fails before any Proxmox write, naming it; a rerun once it exists converges', async () => {
    const w = await world({ environment: 'staging' });
    const apply = await w.run();
    expect(apply.outcome.failure).toMatch(/found before any change was made/);
    expect(apply.outcome.failure).toContain(`github-secret ${REPO}:staging/${ENV_SECRET}: environment "staging" does not exist in ${REPO}`);
    expect(writesOf(apply)).toEqual([]);
    expect(w.sim.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(githubPuts(w)).toBe(0);
    expect(apply.outputs['applied']).toBe('0');
    await expectNoOrphanToken(w, 'staging');

    w.secrets.addEnvironment(REPO, 'staging');
    await expectRerunConverges(w, {}, 'staging');
  });

  it.each([
    [
      'a GITHUB_TOKEN-like token',
      RUNNER_TOKEN,
      /GitHub answered 403[\s\S]*GITHUB_TOKEN cannot write Actions secrets[\s\S]*`Secrets: write`[\s\S]*`secrets-token`/,
    ],
    ['no token at all', '', /no `secrets-token` was given[\s\S]*GITHUB_TOKEN cannot write Actions secrets[\s\S]*`Secrets: write`/],
  ])('secrets-token is %s: preflight fails naming the permission, with zero Proxmox writes', async (_label, token, message) => {
    const w = await world();
    const apply = await w.run({ 'secrets-token': token });
    expect(apply.outcome.failure).toMatch(/found before any change was made/);
    expect(apply.outcome.failure).toMatch(message);
    expect(apply.outcome.failure).toContain(`/${REPO_SECRET}`);
    expect(apply.outcome.failure).toContain(`:production/${ENV_SECRET}`);
    // The summary keeps the action's own code spans as code, not as escaped backticks.
    const summary = apply.summaries.join('\n');
    expect(summary).toContain('`secrets-token`');
    expect(summary).toContain('`Secrets: write`');
    expect(summary).not.toContain('\\`');
    expect(w.sim.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(githubPuts(w)).toBe(0);
    await expectNoOrphanToken(w);
    await expectRerunConverges(w);
  });

  it('rotation on PVE 8.4 via the rotate input whose delivery fails: names exactly the consumers left with a dead secret', async () => {
    const w = await world({ version: '8.4.1' });
    const first = await w.run();
    expect(first.outcome.failure, first.log).toBeUndefined();
    const old = splitFull(deliveredValues(w).environment)!;
    expect(await authenticates(w, FULLID, old.secret)).toBe(true);

    w.github.faults.push({ method: 'PUT', path: ENV_SECRET_PUT, response: { status: 500, body: { message: 'Server Error' } }, times: 10 });
    const rotation = await w.run({ rotate: FULLID });
    expect(rotation.outputs['summary']).toMatch(/1 to rotate/);
    expect(rotation.outcome.failure).toContain(
      `token ${FULLID} was rotated but its new secret could not be delivered (${ENV_SINK}: GitHub answered 500`,
    );
    expect(rotation.outcome.failure).toMatch(
      new RegExp(`these consumers now hold a dead secret: ${ENV_SINK}\\. Fix the target, then run apply again with rotate: ${FULLID}$`),
    );
    expect(rotation.summaries.join('\n')).toMatch(/These consumers now hold a dead secret[\s\S]*PM\\_API\\_TOKEN/);
    // Re-created, not revoked: the old secret is dead, the targets reached hold the new one,
    // and the new token got its ACL entry back (the PUT) so those consumers can work.
    expect(writesOf(rotation).map((r) => r.method)).toEqual(['DELETE', 'POST', 'PUT']);
    const tokenAcl = (w.sim.exec('GET', '/access/acl').body as { data: { ugid: string }[] }).data.filter((entry) => entry.ugid === FULLID);
    expect(tokenAcl).toHaveLength(1);
    expect(tokensOnSimulator(w)).toEqual([FULLID]);
    expect(await authenticates(w, FULLID, old.secret)).toBe(false);
    const now = deliveredValues(w);
    expect(now.environment).toBe(`${FULLID}=${old.secret}`);
    expect(now.repository).toBe(rotation.outputs[OUTPUT]);
    expect(await authenticates(w, FULLID, splitFull(now.repository)!.secret)).toBe(true);
    // Until the rotation is repeated the environment secret is dead: exactly what the report said.
    await expect(expectNoOrphanToken(w)).rejects.toThrow(/environment holds a working secret/);

    // Re-running the same dispatch rotates again and reaches every consumer.
    const rerun = await expectRerunConverges(w, { rotate: FULLID });
    expect(rerun.outputs['summary']).toMatch(/1 to rotate/);
  });
});
