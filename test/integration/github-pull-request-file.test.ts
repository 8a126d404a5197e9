/**
 * Reading a pull request's head and one file of its head commit with the real Octokit client
 * against the GitHub fake: nested paths, directories, missing files and permissions.
 */
import { describe, expect, it } from 'vitest';
import { readFileAtCommit, readPullRequestHead } from '../../src/github/pull-request-file.js';
import { installContentsRoutes } from '../fakes/github/contents.js';
import { FULL_NAME, REPO, useGitHubFake } from './github-harness.js';

const SHA = 'ab'.repeat(20);
const NO_CONTENTS = 'ghs_tokenWithoutContentsPermission0003';

describe('pull request head and file', () => {
  const gh = useGitHubFake();

  it("reads a fork's head and the file at its sha, also under a folder and with non-ASCII text", async () => {
    gh.store.addPull(FULL_NAME, { number: 5, headSha: SHA, headRepo: 'mallory/infra' });
    const contents = installContentsRoutes(gh.fake);
    const text = 'version: 1\ngroups:\n  ops: { comment: "Betrieb – Zürich" }\n'.repeat(20);
    contents.addFile(FULL_NAME, SHA, 'infra/pve/proxmox-access.yml', text);
    expect(await readPullRequestHead(gh.octokit(), REPO, 5)).toEqual({ number: 5, headSha: SHA, headRepo: 'mallory/infra', isFork: true });
    expect(await readFileAtCommit(gh.octokit(), REPO, 'infra/pve/proxmox-access.yml', SHA)).toBe(text);
    expect(contents.requestedRefs).toEqual([SHA]);
  });

  it('tells a same-repository pull request from a fork', async () => {
    gh.store.addPull(FULL_NAME, { number: 6, headSha: SHA });
    expect((await readPullRequestHead(gh.octokit(), REPO, 6)).isFork).toBe(false);
  });

  it('says what is wrong: no such pull request, no such file, a directory, no permission', async () => {
    const contents = installContentsRoutes(gh.fake);
    contents.addFile(FULL_NAME, SHA, 'infra/proxmox-access.yml', 'version: 1\n');
    await expect(readPullRequestHead(gh.octokit(), REPO, 77)).rejects.toThrow('pull request #77 does not exist in acme/infra');
    await expect(readFileAtCommit(gh.octokit(), REPO, 'proxmox-access.yml', SHA)).rejects.toThrow(
      `the pull request's head commit has no file proxmox-access.yml at commit ${SHA.slice(0, 12)}`,
    );
    await expect(readFileAtCommit(gh.octokit(), REPO, 'infra', SHA)).rejects.toThrow('is a directory');
    gh.fake.tokens.set(NO_CONTENTS, { pullRequests: 'write' });
    await expect(readFileAtCommit(gh.octokit(NO_CONTENTS), REPO, 'infra/proxmox-access.yml', SHA)).rejects.toThrow(
      /Grant the job contents: read/,
    );
  });

  it('refuses a file too large to be a spec', async () => {
    const contents = installContentsRoutes(gh.fake);
    contents.addFile(FULL_NAME, SHA, 'proxmox-access.yml', '#'.repeat(1024 * 1024 + 1));
    await expect(readFileAtCommit(gh.octokit(), REPO, 'proxmox-access.yml', SHA)).rejects.toThrow('larger than 1 MB');
  });
});
