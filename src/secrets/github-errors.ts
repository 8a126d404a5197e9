/**
 * Turns Octokit's request errors into SecretDeliveryErrors that say what to fix: which token,
 * which permission, which missing repository or environment. Never echoes a request body.
 */
import { SecretDeliveryError } from '../errors.js';
import type { NotFoundReason, SecretScope } from '../github/actions-secrets.js';
import { acceptedPermissions, githubMessage, httpStatus, isUnreachable, unreachableReason } from '../github/http-error.js';
import { message, ownMessage, type Message } from '../message.js';
import { describeScope } from './targets.js';

/** The fine-grained permission (PAT or GitHub App) a scope needs for writing secrets. */
export function requiredPermission(scope: SecretScope): Message {
  switch (scope.kind) {
    case 'repository':
      return ownMessage('`Secrets: write` (repository)');
    case 'environment':
      return ownMessage('`Secrets: write` on environments (repository `Environments: write` and `Secrets: write`)');
    case 'organization':
      return ownMessage('`Organization secrets: write`');
  }
}

/** The sentence every permission failure ends with. */
export function tokenAdvice(scope: SecretScope): Message {
  return message`GITHUB_TOKEN cannot write Actions secrets; pass a GitHub App token or fine-grained PAT with ${requiredPermission(scope)} as \`secrets-token\``;
}

export type SecretOperation = 'public-key' | 'put' | 'get' | 'repository';

export interface ErrorContext {
  readonly sink: string;
  readonly scope: SecretScope;
  readonly operation: SecretOperation;
  readonly attempts: number;
  /** Why GitHub answered 404 for the scope, found out by the caller with one more request. */
  readonly notFound?: NotFoundReason;
  /** For `repository` lookups: the `owner/repo` looked up. */
  readonly repository?: string;
}

export function toDeliveryError(err: unknown, context: ErrorContext): SecretDeliveryError {
  if (err instanceof SecretDeliveryError) return err;
  const { sink, scope } = context;
  const status = httpStatus(err);
  if (isUnreachable(err)) {
    // Octokit calls this a 500, but GitHub never answered: the problem is on the way there.
    const tries = context.attempts > 1 ? ` after ${context.attempts} attempts` : '';
    return new SecretDeliveryError(
      sink,
      `could not reach GitHub: ${unreachableReason(err)}${tries}; check this machine's network and proxy settings`,
      { cause: err },
    );
  }
  const answer = `GitHub answered ${status ?? 'with an error'}: ${githubMessage(err)}`;
  if (status === 401) {
    return new SecretDeliveryError(sink, message`${answer}. The \`secrets-token\` was rejected: it is invalid or expired`, { cause: err });
  }
  if (status === 403) {
    const accepted = acceptedPermissions(err);
    const needs = accepted ? ` (GitHub says this endpoint needs ${accepted})` : '';
    return new SecretDeliveryError(sink, message`${answer}${needs}. ${tokenAdvice(scope)}`, { cause: err });
  }
  if (status === 404) return new SecretDeliveryError(sink, notFoundMessage(context, answer), { cause: err });
  if (status !== undefined && status >= 500) {
    const tries = context.attempts > 1 ? ` after ${context.attempts} attempts` : '';
    return new SecretDeliveryError(sink, `${answer}${tries}; GitHub may be having trouble, try again later`, { cause: err });
  }
  return new SecretDeliveryError(sink, answer, { cause: err });
}

function notFoundMessage(context: ErrorContext, answer: string): string | Message {
  const { scope } = context;
  const where = describeScope(scope);
  if (context.operation === 'repository') {
    return message`${answer}. Repository ${context.repository ?? '?'}, selected for this organization secret, does not exist or the \`secrets-token\` cannot see it`;
  }
  switch (context.notFound) {
    case 'environment':
      return scope.kind === 'environment'
        ? `environment "${scope.environment}" does not exist in ${scope.owner}/${scope.repo}; ` +
            'create it in the repository settings (this action does not create environments)'
        : answer;
    case 'repository':
      return message`${answer}. Repository ${where.split(':')[0] ?? where} does not exist or the \`secrets-token\` cannot see it; ${tokenAdvice(scope)}`;
    case 'organization':
      return message`${answer}. Organization ${where.replace(/^org /, '')} does not exist or the \`secrets-token\` cannot see it; ${tokenAdvice(scope)}`;
    default:
      return message`${answer}. ${where} was not found or the \`secrets-token\` cannot see it; ${tokenAdvice(scope)}`;
  }
}
