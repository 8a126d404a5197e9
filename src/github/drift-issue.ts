/**
 * One drift issue per spec file: opened when drift appears, kept current while it lasts (with one
 * comment each time the drift itself changes, so watchers hear about news, not about every night),
 * closed with a comment once the cluster matches the spec again.
 */
import { fitBody } from './body-limit.js';
import { gitHubError, httpStatus } from './http-error.js';
import { DRIFT_LABEL, driftFingerprintMarker, driftMarker, parseDriftFingerprint, parseDriftMarker } from '../model/markers.js';
import type { Octokit, Repo } from './octokit.js';

export interface DriftReport {
  readonly clean: boolean;
  /** Markdown describing the drift (or, when clean, anything worth saying in the closing comment). */
  readonly body: string;
  /** Hash of the drift items: equal fingerprints mean nothing new to tell. */
  readonly fingerprint: string;
}

export type DriftIssueAction = 'opened' | 'updated' | 'commented' | 'closed' | 'none';

export interface DriftIssueResult {
  readonly action: DriftIssueAction;
  readonly url?: string;
  readonly number?: number;
}

export interface DriftIssueOptions {
  /** Linked from comments so readers find the run's full report. */
  readonly runUrl?: string;
}

interface OpenIssue {
  readonly number: number;
  readonly url: string;
  readonly body: string;
}

const FORBIDDEN_HINT =
  'Grant the job issues: write. Scheduled runs get the repository’s default token permissions, which may be read-only: ' +
  'declare permissions: { issues: write, contents: read } in the workflow, or set drift-issue: false.';

/** Brings the spec's drift issue in line with `drift`; see `DriftIssueAction` for what can happen. */
export async function syncDriftIssue(
  octokit: Octokit,
  repo: Repo,
  specPath: string,
  drift: DriftReport,
  options: DriftIssueOptions = {},
): Promise<DriftIssueResult> {
  const open = await findOpenDriftIssue(octokit, repo, specPath);
  const seeRun = options.runUrl ? `\n\nFound by [this run](${options.runUrl}).` : '';
  if (drift.clean) {
    if (open === undefined) return { action: 'none' };
    const note = drift.body.trim() === '' ? '' : `\n\n${drift.body}`;
    await comment(octokit, repo, open.number, `No drift any more: the cluster matches \`${specPath}\` again. Closing.${note}${seeRun}`);
    await call(`close drift issue #${open.number}`, () =>
      octokit.rest.issues.update({ ...repo, issue_number: open.number, state: 'closed', state_reason: 'completed' }),
    );
    return { action: 'closed', url: open.url, number: open.number };
  }
  const body = fitBody(`${driftMarker(specPath)}\n${driftFingerprintMarker(drift.fingerprint)}\n\n${drift.body}`);
  if (open === undefined) {
    await ensureLabel(octokit, repo);
    const { data } = await call('open the drift issue', () =>
      octokit.rest.issues.create({ ...repo, title: `Proxmox access drift: ${specPath}`, body, labels: [DRIFT_LABEL] }),
    );
    return { action: 'opened', url: data.html_url, number: data.number };
  }
  const found = { url: open.url, number: open.number };
  const changed = parseDriftFingerprint(open.body) !== drift.fingerprint;
  if (!changed && open.body === body) return { action: 'none', ...found };
  await call(`update drift issue #${open.number}`, () => octokit.rest.issues.update({ ...repo, issue_number: open.number, body }));
  if (!changed) return { action: 'updated', ...found };
  await comment(octokit, repo, open.number, `The drift changed since the last report.${seeRun}\n\n${drift.body}`);
  return { action: 'commented', ...found };
}

/** The oldest open issue with the drift label and this spec's marker; pull requests are skipped. */
async function findOpenDriftIssue(octokit: Octokit, repo: Repo, specPath: string): Promise<OpenIssue | undefined> {
  const issues = await call('list the open drift issues', () =>
    octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, labels: DRIFT_LABEL, state: 'open', per_page: 100 }),
  );
  const ours = issues
    .filter((issue) => issue.pull_request === undefined && parseDriftMarker(issue.body ?? '') === specPath)
    .sort((a, b) => a.number - b.number)[0];
  return ours && { number: ours.number, url: ours.html_url, body: ours.body ?? '' };
}

/** Creating the label first gives it a colour and a description; GitHub would auto-create a grey one. */
async function ensureLabel(octokit: Octokit, repo: Repo): Promise<void> {
  try {
    await octokit.rest.issues.getLabel({ ...repo, name: DRIFT_LABEL });
    return;
  } catch (err) {
    if (httpStatus(err) !== 404) throw gitHubError(err, `read the label ${DRIFT_LABEL}`, FORBIDDEN_HINT);
  }
  try {
    await octokit.rest.issues.createLabel({
      ...repo,
      name: DRIFT_LABEL,
      color: 'd93f0b',
      description: 'Proxmox VE access differs from the committed spec',
    });
  } catch (err) {
    // 422 already_exists: a concurrent run created it first, which is fine.
    if (httpStatus(err) !== 422) throw gitHubError(err, `create the label ${DRIFT_LABEL}`, FORBIDDEN_HINT);
  }
}

async function comment(octokit: Octokit, repo: Repo, number: number, body: string): Promise<void> {
  await call(`comment on drift issue #${number}`, () =>
    octokit.rest.issues.createComment({ ...repo, issue_number: number, body: fitBody(body) }),
  );
}

async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw gitHubError(err, what, FORBIDDEN_HINT);
  }
}
