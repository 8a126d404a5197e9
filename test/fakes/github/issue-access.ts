/**
 * Permission checks and error answers shared by the issue, comment and pull-request routes,
 * shaped like GitHub's: 403 "Resource not accessible by integration" with the permission GitHub
 * would accept in `X-Accepted-GitHub-Permissions`, and 422 "Body is too long" over 65,536 characters.
 */
import { forbidden, type FakeResponse, type TokenGrant } from './server.js';

export type Area = 'issues' | 'pullRequests' | 'contents';

export const BODY_LIMIT = 65_536;

/** Whether `grant` reaches `level` on any of `areas` (GitHub accepts any one of several permissions). */
export function can(grant: TokenGrant | undefined, level: 'read' | 'write', ...areas: Area[]): boolean {
  return areas.some((area) => {
    const held = grant?.[area];
    return held === 'write' || (level === 'read' && held === 'read');
  });
}

const HEADER_NAME: Record<Area, string> = { issues: 'issues', pullRequests: 'pull_requests', contents: 'contents' };

export function denied(level: 'read' | 'write', ...areas: Area[]): FakeResponse {
  const accepted = areas.map((a) => `${HEADER_NAME[a]}=${level}`).join('; ');
  return { ...forbidden(), headers: { 'x-accepted-github-permissions': accepted } };
}

/** GitHub counts characters, not UTF-16 units or bytes. */
export const characters = (text: string): number => [...text].length;

/** The 422 GitHub sends for an over-long body (shape observed on real comment posts). */
export function bodyTooLong(resource: 'IssueComment' | 'Issue', documentation: string): FakeResponse {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [{ resource, code: 'unprocessable', field: 'data', message: `Body is too long (maximum is ${BODY_LIMIT} characters)` }],
      documentation_url: documentation,
      status: '422',
    },
  };
}

export function validationFailed(resource: string, code: string, field: string, documentation: string): FakeResponse {
  return {
    status: 422,
    body: { message: 'Validation Failed', errors: [{ resource, code, field }], documentation_url: documentation, status: '422' },
  };
}

/** A path number such as `{issue_number}`; non-numeric ones are a 404, as on GitHub. */
export function pathNumber(value: string | undefined): number | undefined {
  return value !== undefined && /^[1-9]\d*$/.test(value) ? Number(value) : undefined;
}

export const repoOf = (params: Record<string, string>): string => `${params.owner}/${params.repo}`;
