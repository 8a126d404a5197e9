/**
 * The runner's OIDC token endpoint: a job with `id-token: write` gets
 * `ACTIONS_ID_TOKEN_REQUEST_URL` (already carrying `?api-version=2.0`) and
 * `ACTIONS_ID_TOKEN_REQUEST_TOKEN`; `@actions/core`'s `getIDToken(audience)` GETs that URL plus
 * `&audience=…` with the request token as a bearer and reads `value` from the JSON answer.
 * Tokens are signed by an issuer whose key set the Vault fake can trust.
 */
import { randomBytes } from 'node:crypto';
import { mintGitHubToken, OidcIssuer, type JsonWebKeySet, type WorkflowIdentity } from '../vault/oidc-tokens.js';
import type { FakeGitHub } from './server.js';
import { error } from './server.js';

const ID_TOKEN_PATH = '/_apis/distributedtask/hubs/Actions/plans/{plan}/jobs/{job}/idtoken';
const PLAN = 'b6f1c1de-0000-4000-8000-00000000a11c';
const JOB = '5f0c6c1e-0000-4000-8000-0000000000b1';

export interface FakeOidc {
  readonly issuer: OidcIssuer;
  /** The runner's request token (not a GitHub API token: it opens nothing else). */
  readonly requestToken: string;
  /** The URL the runner hands out, with its `api-version` query. */
  readonly requestUrl: string;
  /** The run the minted tokens describe; change it between runs (ref, event, environment). */
  identity: WorkflowIdentity;
  /** Issue time of minted tokens, in ms; default the real clock (share the Vault fake's clock here). */
  now: () => number;
  /** Every token handed out, with the audience asked for. */
  readonly minted: { readonly audience: string; readonly token: string }[];
  /** The environment a job with `id-token: write` gets. */
  env(): Record<'ACTIONS_ID_TOKEN_REQUEST_URL' | 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', string>;
  jwks(): Promise<JsonWebKeySet>;
}

export function installOidcRoutes(fake: FakeGitHub, identity: WorkflowIdentity): FakeOidc {
  const requestToken = `oidc-request-${randomBytes(16).toString('hex')}`;
  // The fake only routes requests whose token it knows; this one carries no permission.
  fake.tokens.set(requestToken, {});
  const oidc: FakeOidc = {
    issuer: new OidcIssuer(),
    requestToken,
    get requestUrl() {
      return `${fake.origin}${ID_TOKEN_PATH.replace('{plan}', PLAN).replace('{job}', JOB)}?api-version=2.0`;
    },
    identity,
    now: () => Date.now(),
    minted: [],
    env: () => ({ ACTIONS_ID_TOKEN_REQUEST_URL: oidc.requestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken }),
    jwks: () => oidc.issuer.jwks(),
  };
  fake.route('GET', ID_TOKEN_PATH, async (req) => {
    if (req.token !== requestToken) return error(401, 'Bad credentials');
    if (req.query.get('api-version') === null) return error(400, 'api-version is required');
    const audience = req.query.get('audience') ?? `https://github.com/${oidc.identity.repository.split('/')[0]}`;
    const token = await mintGitHubToken(oidc.issuer, oidc.identity, { audience, nowSeconds: Math.floor(oidc.now() / 1000) });
    oidc.minted.push({ audience, token });
    return { status: 200, body: { count: token.length, value: token } };
  });
  return oidc;
}
