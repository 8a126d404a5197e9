import { describe, expect, it } from 'vitest';
import { ActionError } from '../../src/errors.js';
import { findMergedPullRequest, pullNumberFromCommitMessage } from '../../src/github/merged-pr.js';
import { recordingLogger } from '../../src/log.js';
import { createOctokit } from '../../src/github/octokit.js';
import { closedPort, FULL_NAME, REPO, WRITE_TOKEN, useGitHubFake } from './github-harness.js';

const gh = useGitHubFake();
const SQUASH = 'c4d9e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192';

/** Records the backoff instead of waiting it out. */
function recordingSleep(): { sleeps: number[]; sleep: (ms: number) => Promise<void> } {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms) => void sleeps.push(ms) };
}

const lookups = () => gh.fake.requests.filter((r) => r.path.endsWith(`/commits/${SQUASH}/pulls`));

describe('findMergedPullRequest', () => {
  it('retries with growing delays while the commit is not yet associated after a squash merge', async () => {
    gh.store.addPull(FULL_NAME, { number: 42, headSha: 'a'.repeat(40), mergeCommitSha: SQUASH });
    gh.store.commitPullsLag = 2;
    const { sleeps, sleep } = recordingSleep();

    const number = await findMergedPullRequest(gh.octokit(), REPO, SQUASH, undefined, { sleep });

    expect(number).toBe(42);
    expect(lookups()).toHaveLength(3);
    expect(sleeps).toEqual([2_000, 4_000]);
  });

  it('prefers the pull request merged as this very commit', async () => {
    // A commit can belong to several PRs (e.g. one branch built on another); only one merged it.
    gh.store.addPull(FULL_NAME, { number: 40, headSha: 'd'.repeat(40), mergeCommitSha: 'e'.repeat(40), commits: [SQUASH] });
    gh.store.addPull(FULL_NAME, { number: 41, headSha: SQUASH });
    gh.store.addPull(FULL_NAME, { number: 42, headSha: 'a'.repeat(40), mergeCommitSha: SQUASH });
    expect(await findMergedPullRequest(gh.octokit(), REPO, SQUASH, undefined, recordingSleep())).toBe(42);
  });

  it('ignores open pull requests that merely contain the commit', async () => {
    gh.store.addPull(FULL_NAME, { number: 41, headSha: SQUASH });
    const found = await findMergedPullRequest(gh.octokit(), REPO, SQUASH, 'Direct push', { attempts: 2, ...recordingSleep() });
    expect(found).toBeUndefined();
  });

  it('falls back to (#123) in the squash subject once the retries are used up, after checking the PR', async () => {
    gh.store.addPull(FULL_NAME, { number: 42, headSha: 'a'.repeat(40), mergeCommitSha: SQUASH });
    gh.store.commitPullsLag = 100;
    const log = recordingLogger();
    const message = 'Add a Terraform token (#42)\n\nTerraform needs its own token (#7 was the old one).';

    const number = await findMergedPullRequest(gh.octokit(), REPO, SQUASH, message, { attempts: 3, ...recordingSleep(), log });

    expect(number).toBe(42);
    expect(lookups()).toHaveLength(3);
    expect(gh.fake.requests.some((r) => r.path === `/repos/${FULL_NAME}/pulls/42`)).toBe(true);
    expect(log.lines.join('\n')).toMatch(/commit message/);
  });

  it('falls back to "Merge pull request #N" of a merge commit', async () => {
    gh.store.addPull(FULL_NAME, { number: 7, headSha: 'a'.repeat(40), mergeCommitSha: SQUASH });
    gh.store.commitPullsLag = 100;
    const message = 'Merge pull request #7 from acme/add-token\n\nAdd a token';
    expect(await findMergedPullRequest(gh.octokit(), REPO, SQUASH, message, { attempts: 1 })).toBe(7);
  });

  it('does not let a commit message borrow a pull request that was not merged as this commit', async () => {
    gh.store.addPull(FULL_NAME, { number: 42, headSha: 'a'.repeat(40), mergeCommitSha: 'f'.repeat(40) });
    gh.store.addPull(FULL_NAME, { number: 43, headSha: 'b'.repeat(40) });
    gh.store.commitPullsLag = 100;
    const log = recordingLogger();
    expect(await findMergedPullRequest(gh.octokit(), REPO, SQUASH, 'Sneaky (#42)', { attempts: 1, log })).toBeUndefined();
    expect(await findMergedPullRequest(gh.octokit(), REPO, SQUASH, 'Sneaky (#43)', { attempts: 1 })).toBeUndefined();
    expect(await findMergedPullRequest(gh.octokit(), REPO, SQUASH, 'Sneaky (#99)', { attempts: 1 })).toBeUndefined();
    expect(log.lines.join('\n')).toMatch(/not merged as/);
  });

  it('reports a token without read access clearly', async () => {
    gh.fake.tokens.set('ghs_none', { issues: 'write' });
    const err = await findMergedPullRequest(gh.octokit('ghs_none'), REPO, SQUASH, undefined, { attempts: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ActionError);
    expect((err as Error).message).toMatch(/pull-requests: read/);
  });
});

describe('findMergedPullRequest when GitHub fails', () => {
  const failing = (status: number, times: number) =>
    gh.fake.faults.push({
      method: 'GET',
      path: new RegExp(`/commits/${SQUASH}/pulls$`),
      response: { status, body: { message: 'Server Error' } },
      times,
    });

  it('retries a 5xx a few times with backoff, then says GitHub answered 502, not that no pull request exists', async () => {
    gh.store.addPull(FULL_NAME, { number: 42, headSha: 'a'.repeat(40), mergeCommitSha: SQUASH });
    failing(502, 100);
    const { sleeps, sleep } = recordingSleep();
    const log = recordingLogger();

    const err = await findMergedPullRequest(gh.octokit(), REPO, SQUASH, 'Add token (#42)', { sleep, log }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ActionError);
    expect((err as Error).message).toMatch(
      new RegExp(`^GitHub answered 502 when asked for the pull requests of commit ${SQUASH} \\(3 tries\\)`),
    );
    expect((err as Error).message).not.toMatch(/no merged pull request/i);
    expect(sleeps).toEqual([1_000, 2_000]);
    // Three tries of one lookup, not six lookups of 44 s and a guess from the commit message.
    expect(lookups()).toHaveLength(3);
    expect(gh.fake.requests.some((r) => r.path.endsWith('/pulls/42'))).toBe(false);
    expect(log.lines.join('\n')).toMatch(/GitHub answered 502 while listing/);
  });

  it('goes on after a 5xx that passes', async () => {
    gh.store.addPull(FULL_NAME, { number: 42, headSha: 'a'.repeat(40), mergeCommitSha: SQUASH });
    failing(503, 2);
    const { sleeps, sleep } = recordingSleep();
    expect(await findMergedPullRequest(gh.octokit(), REPO, SQUASH, undefined, { sleep })).toBe(42);
    expect(sleeps).toEqual([1_000, 2_000]);
  });

  it('says GitHub could not be reached when nothing listens', async () => {
    const port = await closedPort();
    const { sleeps, sleep } = recordingSleep();
    const octokit = createOctokit(WRITE_TOKEN, `http://127.0.0.1:${port}`);

    const err = await findMergedPullRequest(octokit, REPO, SQUASH, 'Add token (#42)', { sleep }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ActionError);
    expect((err as Error).message).toMatch(/^could not reach GitHub to list the pull requests of commit \w+ \(3 tries\): .*ECONNREFUSED/);
    expect((err as Error).message).not.toMatch(/\(500\)|answered/);
    expect(sleeps).toEqual([1_000, 2_000]);
  });

  it('reports an answer that is neither a list nor "no such commit yet" instead of waiting it out', async () => {
    failing(404, 1);
    const { sleeps, sleep } = recordingSleep();
    const err = await findMergedPullRequest(gh.octokit(), REPO, SQUASH, undefined, { sleep }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/could not list the pull requests of commit \w+ \(404\)/);
    expect(sleeps).toEqual([]);
  });

  it('still waits out "no commit found" (422), which GitHub answers while the merge is being indexed', async () => {
    gh.store.addPull(FULL_NAME, { number: 42, headSha: 'a'.repeat(40), mergeCommitSha: SQUASH });
    failing(422, 1);
    const { sleeps, sleep } = recordingSleep();
    expect(await findMergedPullRequest(gh.octokit(), REPO, SQUASH, undefined, { sleep })).toBe(42);
    expect(sleeps).toEqual([2_000]);
  });
});

describe('pullNumberFromCommitMessage', () => {
  it.each([
    ['Add token (#42)', 42],
    ['Add token (#42)\n\nbody mentions (#7)', 42],
    ['Merge pull request #1234 from acme/feature', 1234],
    ['Fix #42 in the middle', undefined],
    ['Revert "Add token (#42)" and more', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %s', (message, expected) => {
    expect(pullNumberFromCommitMessage(message)).toBe(expected);
  });
});
