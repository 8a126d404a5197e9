import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ActionError, InputError } from '../../src/errors.js';
import { readRunContext, resolveMode, type RunContext } from '../../src/github/context.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/events/${name}`, import.meta.url));
const readFile = (path: string): string => readFileSync(path, 'utf8');

/** The variables the runner sets for every step, plus the event's own. */
function runnerEnv(event: string, payload: string | undefined, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    GITHUB_EVENT_NAME: event,
    ...(payload ? { GITHUB_EVENT_PATH: fixture(payload) } : {}),
    GITHUB_REPOSITORY: 'acme/infra',
    GITHUB_SHA: 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '12345678901',
    GITHUB_ACTOR: 'alice-ops',
    ...extra,
  };
}

const context = (event: string, payload: string | undefined, extra?: Record<string, string>): RunContext =>
  readRunContext(runnerEnv(event, payload, extra), readFile);

describe('readRunContext', () => {
  it('reads a same-repository pull request: head SHA, not the test merge commit', () => {
    const ctx = context('pull_request', 'pull-request-opened.json', { GITHUB_REF: 'refs/pull/42/merge' });
    const payload = JSON.parse(readFile(fixture('pull-request-opened.json'))) as { pull_request: { head: { sha: string } } };
    expect(ctx).toMatchObject({
      eventName: 'pull_request',
      repo: { owner: 'acme', repo: 'infra' },
      ref: 'refs/pull/42/merge',
      defaultBranch: 'main',
      pullRequest: { number: 42, headSha: payload.pull_request.head.sha, headRepo: 'acme/infra', isFork: false },
      apiUrl: 'https://api.github.com',
      runUrl: 'https://github.com/acme/infra/actions/runs/12345678901',
    });
    expect(ctx.pullRequest!.headSha).not.toBe(ctx.sha);
  });

  it('marks a pull request from another repository as a fork', () => {
    const ctx = context('pull_request', 'pull-request-fork.json');
    expect(ctx.pullRequest).toMatchObject({ number: 43, headRepo: 'mallory/infra', isFork: true });
  });

  it('reads the head commit message of a push', () => {
    const ctx = context('push', 'push-squash-merge.json');
    expect(ctx.commitMessage).toMatch(/^Add a Terraform token \(#42\)\n/);
    expect(ctx.pullRequest).toBeUndefined();
    expect(ctx.defaultBranch).toBe('main');
  });

  it('needs no repository in a schedule payload: GITHUB_REPOSITORY is enough', () => {
    const ctx = context('schedule', 'schedule.json');
    expect(ctx.repo).toEqual({ owner: 'acme', repo: 'infra' });
    expect(ctx.defaultBranch).toBeUndefined();
  });

  it('follows GitHub Enterprise Server URLs and drops trailing slashes', () => {
    const ctx = context('workflow_dispatch', 'workflow-dispatch.json', {
      GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
      GITHUB_SERVER_URL: 'https://ghe.example.com',
    });
    expect(ctx.apiUrl).toBe('https://ghe.example.com/api/v3');
    expect(ctx.runUrl).toBe('https://ghe.example.com/acme/infra/actions/runs/12345678901');
  });

  it('fails clearly on an unreadable payload or a missing repository', () => {
    expect(() => readRunContext(runnerEnv('push', 'no-such-event.json'), readFile)).toThrow(ActionError);
    expect(() => readRunContext({ GITHUB_EVENT_NAME: 'push' }, readFile)).toThrow(/GITHUB_REPOSITORY/);
  });
});

describe('resolveMode', () => {
  it('plans a pull request', () => {
    expect(resolveMode('auto', context('pull_request', 'pull-request-opened.json'))).toMatchObject({ mode: 'plan' });
  });

  it('validates a fork pull request offline and says why', () => {
    const decision = resolveMode('auto', context('pull_request', 'pull-request-fork.json'));
    expect(decision.mode).toBe('validate');
    expect(decision.offlineBecauseFork).toBe(true);
    expect(decision.reason).toMatch(/mallory\/infra/);
    expect(decision.reason).toMatch(/read-only token and without secrets/);
  });

  it('plans a fork pull request under pull_request_target, which has the base repository secrets', () => {
    const decision = resolveMode('auto', context('pull_request_target', 'pull-request-fork.json'));
    expect(decision).toMatchObject({ mode: 'plan' });
    expect(decision.offlineBecauseFork).toBeUndefined();
  });

  it('validates a Dependabot pull request offline', () => {
    const decision = resolveMode('auto', context('pull_request', 'pull-request-opened.json', { GITHUB_ACTOR: 'dependabot[bot]' }));
    expect(decision).toMatchObject({ mode: 'validate', offlineBecauseFork: true });
  });

  it('applies a push to the default branch and only plans a push elsewhere', () => {
    expect(resolveMode('auto', context('push', 'push-squash-merge.json')).mode).toBe('apply');
    const elsewhere = resolveMode('auto', context('push', 'push-squash-merge.json', { GITHUB_REF: 'refs/heads/feature' }));
    expect(elsewhere.mode).toBe('plan');
    expect(elsewhere.reason).toMatch(/not the default branch main/);
    expect(resolveMode('auto', context('push', 'push-squash-merge.json', { GITHUB_REF: 'refs/tags/v1' })).mode).toBe('plan');
  });

  it('checks for drift on schedule and workflow_dispatch', () => {
    expect(resolveMode('auto', context('schedule', 'schedule.json')).mode).toBe('drift');
    expect(resolveMode('auto', context('workflow_dispatch', 'workflow-dispatch.json')).mode).toBe('drift');
  });

  it('lets an explicit mode win over the event', () => {
    expect(resolveMode('apply', context('workflow_dispatch', 'workflow-dispatch.json')).mode).toBe('apply');
    expect(resolveMode('plan', context('pull_request', 'pull-request-fork.json')).mode).toBe('plan');
    expect(resolveMode('validate', context('push', 'push-squash-merge.json')).mode).toBe('validate');
  });

  it('asks for an explicit mode on an event it cannot route', () => {
    expect(() => resolveMode('auto', context('release', undefined))).toThrow(InputError);
  });
});
