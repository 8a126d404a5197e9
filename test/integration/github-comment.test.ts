import { describe, expect, it } from 'vitest';
import { ActionError } from '../../src/errors.js';
import { findPlanComment, upsertPlanComment } from '../../src/github/comment.js';
import { parsePlanMarker, planMarker } from '../../src/model/markers.js';
import { digest, FORK_TOKEN, FULL_NAME, REPO, useGitHubFake } from './github-harness.js';

const gh = useGitHubFake();
const SPEC = 'proxmox-access.yml';
const body = (d: string, text: string, spec = SPEC): string => `${planMarker(spec, d)}\n### Plan\n\n${text}\n`;

function openPullRequest(number = 42): void {
  gh.store.addPull(FULL_NAME, { number, headSha: 'a'.repeat(40) });
}

const writes = () => gh.fake.requests.filter((r) => r.method !== 'GET');

describe('upsertPlanComment', () => {
  it('creates the comment once, then edits it in place on the next push', async () => {
    openPullRequest();
    const octokit = gh.octokit();
    const first = await upsertPlanComment(octokit, REPO, 42, SPEC, body(digest('a'), '1 to create'));
    const second = await upsertPlanComment(octokit, REPO, 42, SPEC, body(digest('b'), '2 to create'));

    expect(first.created).toBe(true);
    expect(first.url).toBe(`https://github.com/${FULL_NAME}/pull/42#issuecomment-${first.id}`);
    expect(second).toEqual({ id: first.id, url: first.url, created: false });
    const comments = gh.store.commentsOn(FULL_NAME, 42);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('2 to create');
    expect(parsePlanMarker(comments[0]!.body)?.digest).toBe(digest('b'));
    expect(writes().map((r) => r.method)).toEqual(['POST', 'PATCH']);
  });

  it('finds its comment past the first 100 comments of a busy pull request', async () => {
    openPullRequest();
    for (let i = 0; i < 120; i += 1) gh.store.addComment(FULL_NAME, 42, `review remark ${i}`);
    const ours = gh.store.addComment(FULL_NAME, 42, body(digest('a'), 'old plan'));
    for (let i = 0; i < 15; i += 1) gh.store.addComment(FULL_NAME, 42, `later remark ${i}`);

    const result = await upsertPlanComment(gh.octokit(), REPO, 42, SPEC, body(digest('c'), 'new plan'));

    expect(result).toMatchObject({ id: ours.id, created: false });
    expect(gh.store.commentsOn(FULL_NAME, 42)).toHaveLength(136);
    const pages = gh.fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/comments'));
    expect(pages.map((r) => new URLSearchParams(r.query).get('page') ?? '1')).toEqual(['1', '2']);
    expect(pages.every((r) => new URLSearchParams(r.query).get('per_page') === '100')).toBe(true);
  });

  it('keeps one comment per spec file', async () => {
    openPullRequest();
    const octokit = gh.octokit();
    const a = await upsertPlanComment(octokit, REPO, 42, SPEC, body(digest('a'), 'main cluster'));
    const b = await upsertPlanComment(octokit, REPO, 42, 'lab/proxmox-access.yml', body(digest('b'), 'lab', 'lab/proxmox-access.yml'));
    expect(b.id).not.toBe(a.id);
    expect(b.created).toBe(true);
    expect((await findPlanComment(octokit, REPO, 42, SPEC))?.digest).toBe(digest('a'));
  });

  it('does not re-send an unchanged body', async () => {
    openPullRequest();
    const text = body(digest('a'), 'same');
    await upsertPlanComment(gh.octokit(), REPO, 42, SPEC, text);
    const again = await upsertPlanComment(gh.octokit(), REPO, 42, SPEC, text);
    expect(again.created).toBe(false);
    expect(writes()).toHaveLength(1);
  });

  it('cuts an oversized body to the limit, keeping the marker, where the API would answer 422', async () => {
    openPullRequest();
    const huge = body(digest('d'), `${'| user | change |\n'.repeat(5_000)}`);
    expect(huge.length).toBeGreaterThan(65_536);
    const raw = await gh
      .octokit()
      .rest.issues.createComment({ ...REPO, issue_number: 42, body: huge })
      .catch((err: { status: number; response: { data: unknown } }) => err);
    expect(raw).toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [{ resource: 'IssueComment', message: 'Body is too long (maximum is 65536 characters)' }],
        },
      },
    });

    await upsertPlanComment(gh.octokit(), REPO, 42, SPEC, huge);
    const stored = gh.store.commentsOn(FULL_NAME, 42)[0]!.body;
    expect(stored.length).toBeLessThanOrEqual(65_536);
    expect(parsePlanMarker(stored)).toEqual({ spec: SPEC, digest: digest('d') });
    expect(stored).toMatch(/job summary/);
  });

  it('explains a read-only fork token instead of failing with a bare 403', async () => {
    openPullRequest();
    const err = await upsertPlanComment(gh.octokit(FORK_TOKEN), REPO, 42, SPEC, body(digest('a'), 'x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ActionError);
    expect((err as Error).message).toMatch(/403: Resource not accessible by integration/);
    expect((err as Error).message).toMatch(/forks/);
    expect((err as Error).message).toMatch(/pull-requests: write/);
    expect((err as Error).message).toMatch(/issues=write; pull_requests=write/);
    expect(gh.store.commentsOn(FULL_NAME, 42)).toHaveLength(0);
  });

  it('refuses a body without the marker of its spec, which no later run could find', async () => {
    openPullRequest();
    await expect(upsertPlanComment(gh.octokit(), REPO, 42, SPEC, '### Plan')).rejects.toThrow(/plan marker/);
    await expect(upsertPlanComment(gh.octokit(), REPO, 42, SPEC, body(digest('a'), 'x', 'other.yml'))).rejects.toThrow(/plan marker/);
  });
});

describe('findPlanComment', () => {
  it('returns the recorded digest, or nothing on a pull request without a plan', async () => {
    openPullRequest();
    const octokit = gh.octokit();
    expect(await findPlanComment(octokit, REPO, 42, SPEC)).toBeUndefined();
    const made = await upsertPlanComment(octokit, REPO, 42, SPEC, body(digest('e'), 'x'));
    expect(await findPlanComment(octokit, REPO, 42, SPEC)).toEqual({
      id: made.id,
      url: made.url,
      body: body(digest('e'), 'x'),
      digest: digest('e'),
    });
  });

  it('ignores a marker pasted into someone else’s comment when the author is pinned', async () => {
    openPullRequest();
    const bot = gh.store.addComment(FULL_NAME, 42, body(digest('a'), 'real'));
    gh.store.addComment(FULL_NAME, 42, body(digest('f'), 'pasted'), { login: 'mallory', id: 666, type: 'User' });
    expect((await findPlanComment(gh.octokit(), REPO, 42, SPEC))?.digest).toBe(digest('f'));
    const pinned = await findPlanComment(gh.octokit(), REPO, 42, SPEC, { author: 'github-actions[bot]' });
    expect(pinned).toMatchObject({ id: bot.id, digest: digest('a') });
  });
});

describe('the comment routes of the fake', () => {
  it('rejects unknown and missing fields the way GitHub validates bodies', async () => {
    openPullRequest();
    const octokit = gh.octokit();
    // Untyped routes: the typed ones would not let a test send a wrong body.
    const post = (params: Record<string, unknown>) =>
      octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments' as string, { ...REPO, issue_number: 42, ...params }).then(
        () => expect.fail('expected a 422'),
        (err: unknown) => err as { status: number; message: string },
      );
    const unknown = await post({ body: 'x', bodi: 'typo' });
    expect(unknown.status).toBe(422);
    expect(unknown.message).toMatch(/"bodi" is not a permitted key/);
    const missing = await post({});
    expect(missing.status).toBe(422);
    expect(missing.message).toMatch(/Request body is required|"body" wasn't supplied/);
    const wrongType = await post({ body: 42 });
    expect(wrongType.message).toMatch(/must be string/);
  });

  it('answers 404 for a pull request that does not exist', async () => {
    const err = await gh
      .octokit()
      .rest.issues.createComment({ ...REPO, issue_number: 999, body: 'x' })
      .catch((e: { status: number }) => e);
    expect(err).toMatchObject({ status: 404 });
  });
});
