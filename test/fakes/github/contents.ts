/**
 * Repository contents on the GitHub fake: `GET /repos/{owner}/{repo}/contents/{path}?ref=`, the
 * endpoint the action reads a pull request's spec through. Files are seeded per commit; the
 * answer has GitHub's shape: a file object with its content base64-encoded in lines of 60
 * characters, an array for a directory, and `encoding: none` with empty content over 1 MB.
 */
import { createHash } from 'node:crypto';
import { can, denied, repoOf } from './issue-access.js';
import { error, type FakeGitHub } from './server.js';

/** Over this size the JSON answer carries no content. */
const INLINE_LIMIT = 1024 * 1024;

export interface FakeContents {
  /** Stores `text` as `path` in the commit `ref` of `repo` (also reachable by its branch name, if given). */
  addFile(repo: string, ref: string, path: string, text: string): void;
  /** Every `ref` a contents request asked for, in order. */
  readonly requestedRefs: string[];
}

const key = (repo: string, ref: string): string => `${repo.toLowerCase()}@${ref}`;

/** A blob sha as git computes it, so the answer's `sha` is stable and real-looking. */
const blobSha = (bytes: Buffer): string => createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');

function fileJson(origin: string, repo: string, ref: string, path: string, bytes: Buffer): Record<string, unknown> {
  const sha = blobSha(bytes);
  const self = `${origin}/repos/${repo}/contents/${path}?ref=${ref}`;
  const html = `https://github.com/${repo}/blob/${ref}/${path}`;
  const git = `${origin}/repos/${repo}/git/blobs/${sha}`;
  const inline = bytes.length <= INLINE_LIMIT;
  return {
    type: 'file',
    encoding: inline ? 'base64' : 'none',
    size: bytes.length,
    name: path.split('/').pop(),
    path,
    content: inline ? `${(bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n')}\n` : '',
    sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: `https://raw.githubusercontent.com/${repo}/${ref}/${path}`,
    _links: { self, git, html },
  };
}

export function installContentsRoutes(fake: FakeGitHub): FakeContents {
  const trees = new Map<string, Map<string, Buffer>>();
  const requestedRefs: string[] = [];

  fake.route('GET', '/repos/{owner}/{repo}/contents/{path+}', (req, params) => {
    if (!can(req.grant, 'read', 'contents')) return denied('read', 'contents');
    const repo = repoOf(params);
    const ref = req.query.get('ref') ?? 'main';
    requestedRefs.push(ref);
    const files = trees.get(key(repo, ref));
    const path = params.path!.replace(/^\/+|\/+$/g, '');
    const bytes = files?.get(path);
    if (bytes) return { status: 200, body: fileJson(fake.origin, repo, ref, path, bytes) };
    const inside = [...(files?.keys() ?? [])].filter((p) => p.startsWith(`${path}/`));
    if (inside.length > 0) {
      const names = [...new Set(inside.map((p) => p.slice(path.length + 1).split('/')[0]!))];
      return { status: 200, body: names.map((name) => ({ type: 'file', name, path: `${path}/${name}` })) };
    }
    return error(404, 'Not Found');
  });

  return {
    addFile(repo, ref, path, text) {
      const k = key(repo, ref);
      if (!trees.has(k)) trees.set(k, new Map());
      trees.get(k)!.set(path, Buffer.from(text, 'utf8'));
    },
    requestedRefs,
  };
}
