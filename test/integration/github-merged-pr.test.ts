import { describe, expect, it } from 'vitest';
import { ActionError } from '../../src/errors.js';
import { findMergedPullRequest, pullNumberFromCommitMessage } from '../../src/github/merged-pr.js';
import { recordingLogger } from '../../src/log.js';
import { FULL_NAME, REPO, useGitHubFake } from './github-harness.js';

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
