/**
 * The workflow's GitHub OIDC token, for a JWT login at Vault. `@actions/core`'s `getIDToken` is
 * passed in, so this edge runs in tests against the runner's token endpoint of a fake.
 */
import { oneLine } from '../log-line.js';
import { GitHubOidcUnavailable } from './errors.js';

export type GetIdToken = (audience?: string) => Promise<string>;

export interface GitHubOidcOptions {
  /** Called with the token before anything else sees it (`core.setSecret`). */
  readonly mask?: ((value: string) => void) | undefined;
  /** Where the runner's variables are read; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

const PERMISSION_HINT =
  'the job needs `permissions: id-token: write` for a Vault JWT login (or pass `vault-token` instead of `vault-role`)';

/**
 * Fetches a token for `audience` (Vault's role binds it in `bound_audiences`). The runner hands
 * a job the token endpoint only when the workflow grants `id-token: write`; without it there is
 * no `ACTIONS_ID_TOKEN_REQUEST_URL`, which is said plainly instead of `getIDToken`'s own text.
 */
export async function githubOidcToken(audience: string, getIDToken: GetIdToken, options: GitHubOidcOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new GitHubOidcUnavailable(`no GitHub OIDC token is available to this job: ${PERMISSION_HINT}`);
  }
  let token: string;
  try {
    token = await getIDToken(audience);
  } catch (err) {
    const text = oneLine(err instanceof Error ? err.message : String(err));
    const hint = /ACTIONS_ID_TOKEN_REQUEST/.test(text) ? `: ${PERMISSION_HINT}` : '';
    throw new GitHubOidcUnavailable(`could not get a GitHub OIDC token for audience '${oneLine(audience)}'${hint} (${text})`, {
      cause: err,
    });
  }
  options.mask?.(token);
  if (token.split('.').length !== 3) throw new GitHubOidcUnavailable('the runner answered with something that is not a JWT');
  return token;
}

/** The claims of a JWT, decoded without checking the signature: only to explain a refusal. */
export function jwtClaims(jwt: string): Record<string, unknown> {
  try {
    const value = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
