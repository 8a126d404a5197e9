import { describe, expect, it } from 'vitest';
import { ActionError } from '../../src/errors.js';
import { syncDriftIssue, type DriftReport } from '../../src/github/drift-issue.js';
import { DRIFT_LABEL, driftMarker, parseDriftFingerprint } from '../../src/model/markers.js';
import { FORK_TOKEN, FULL_NAME, REPO, useGitHubFake } from './github-harness.js';

const gh = useGitHubFake();
const SPEC = 'proxmox-access.yml';

const drift = (
  fingerprint: string,
  body = `Drift ${fingerprint}: token terraform-prov@pve!manual added outside the spec`,
): DriftReport => ({
  clean: false,
  body,
  fingerprint,
});
const clean: DriftReport = { clean: true, body: '', fingerprint: 'none' };

const writes = () => gh.fake.requests.filter((r) => r.method !== 'GET');
const ourIssues = () => gh.store.issuesOf(FULL_NAME).filter((i) => !i.isPullRequest);

describe('syncDriftIssue', () => {
  it('walks the lifecycle: open, comment on new drift, stay quiet when unchanged, close when clean', async () => {
    const octokit = gh.octokit();
    const runUrl = 'https://github.com/acme/infra/actions/runs/1';

    expect(await syncDriftIssue(octokit, REPO, SPEC, clean)).toEqual({ action: 'none' });
    expect(writes()).toHaveLength(0);

    const opened = await syncDriftIssue(octokit, REPO, SPEC, drift('f1'), { runUrl });
    expect(opened).toMatchObject({ action: 'opened', number: 1, url: `https://github.com/${FULL_NAME}/issues/1` });
    const issue = gh.store.issue(FULL_NAME, 1)!;
    expect(issue.labels).toEqual([DRIFT_LABEL]);
    expect(issue.body).toContain(driftMarker(SPEC));
    expect(parseDriftFingerprint(issue.body!)).toBe('f1');
    expect(gh.store.label(FULL_NAME, DRIFT_LABEL)).toMatchObject({ color: 'd93f0b' });

    expect(await syncDriftIssue(octokit, REPO, SPEC, drift('f1'))).toMatchObject({ action: 'none', number: 1 });
    expect(gh.store.commentsOn(FULL_NAME, 1)).toHaveLength(0);

    const changed = await syncDriftIssue(octokit, REPO, SPEC, drift('f2'), { runUrl });
    expect(changed).toMatchObject({ action: 'commented', number: 1 });
    expect(parseDriftFingerprint(issue.body!)).toBe('f2');
    expect(issue.body).toContain('Drift f2');
    const comments = gh.store.commentsOn(FULL_NAME, 1);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('Drift f2');
    expect(comments[0]!.body).toContain(runUrl);

    expect(await syncDriftIssue(octokit, REPO, SPEC, drift('f2'))).toMatchObject({ action: 'none' });
    expect(gh.store.commentsOn(FULL_NAME, 1)).toHaveLength(1);

    const closed = await syncDriftIssue(octokit, REPO, SPEC, clean);
    expect(closed).toMatchObject({ action: 'closed', number: 1 });
    expect(issue).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect(gh.store.commentsOn(FULL_NAME, 1).at(-1)!.body).toMatch(/No drift any more/);
    expect(ourIssues()).toHaveLength(1);
  });

  it('updates the body without a comment when only the wording changed', async () => {
    const octokit = gh.octokit();
    await syncDriftIssue(octokit, REPO, SPEC, drift('f1', 'checked Monday'));
    const result = await syncDriftIssue(octokit, REPO, SPEC, drift('f1', 'checked Tuesday'));
    expect(result).toMatchObject({ action: 'updated', number: 1 });
    expect(gh.store.issue(FULL_NAME, 1)!.body).toContain('checked Tuesday');
    expect(gh.store.commentsOn(FULL_NAME, 1)).toHaveLength(0);
  });

  it('opens a new issue when drift returns after the old one was closed', async () => {
    const octokit = gh.octokit();
    await syncDriftIssue(octokit, REPO, SPEC, drift('f1'));
    await syncDriftIssue(octokit, REPO, SPEC, clean);
    const again = await syncDriftIssue(octokit, REPO, SPEC, drift('f1'));
    expect(again).toMatchObject({ action: 'opened', number: 2 });
    expect(ourIssues().map((i) => i.state)).toEqual(['closed', 'open']);
  });

  it('keeps specs apart and skips pull requests the issue list returns', async () => {
    const octokit = gh.octokit();
    // A PR whose description quotes the marker and carries the label: the list endpoint returns it too.
    gh.store.addPull(FULL_NAME, { number: 1, headSha: 'a'.repeat(40) });
    gh.store.issue(FULL_NAME, 1)!.body = driftMarker(SPEC);
    gh.store.issue(FULL_NAME, 1)!.labels = [DRIFT_LABEL];
    const lab = await syncDriftIssue(octokit, REPO, 'lab.yml', drift('l1'));
    const main = await syncDriftIssue(octokit, REPO, SPEC, drift('m1'));
    expect(lab).toMatchObject({ action: 'opened', number: 2 });
    expect(main).toMatchObject({ action: 'opened', number: 3 });
    expect(await syncDriftIssue(octokit, REPO, 'lab.yml', clean)).toMatchObject({ action: 'closed', number: 2 });
    expect(gh.store.issue(FULL_NAME, 3)!.state).toBe('open');
  });

  it('uses an existing label as it is', async () => {
    gh.store.ensureLabel(FULL_NAME, DRIFT_LABEL, '123456', 'ours');
    await syncDriftIssue(gh.octokit(), REPO, SPEC, drift('f1'));
    expect(writes().filter((r) => r.path.endsWith('/labels'))).toHaveLength(0);
    expect(gh.store.label(FULL_NAME, DRIFT_LABEL)).toMatchObject({ color: '123456' });
  });

  it('explains a token that may not write issues', async () => {
    const err = await syncDriftIssue(gh.octokit(FORK_TOKEN), REPO, SPEC, drift('f1')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ActionError);
    expect((err as Error).message).toMatch(/issues: write/);
    expect(ourIssues()).toHaveLength(0);
  });
});
