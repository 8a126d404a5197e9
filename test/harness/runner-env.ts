/**
 * The variables a runner sets for every job that describe the GitHub context: both runners
 * (spawned and in-process) build them here, so they see the same event the same way.
 */
export interface RunnerContext {
  readonly eventName: string;
  /** The event payload file (`GITHUB_EVENT_PATH`). */
  readonly eventPath: string;
  readonly repository: string;
  readonly apiUrl: string;
  /** Left out of the environment when not given. */
  readonly sha?: string | undefined;
  readonly ref?: string | undefined;
  readonly runId?: number | undefined;
}

export function githubContextEnv(context: RunnerContext): Record<string, string> {
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: context.eventName,
    GITHUB_EVENT_PATH: context.eventPath,
    GITHUB_REPOSITORY: context.repository,
    ...(context.sha !== undefined ? { GITHUB_SHA: context.sha } : {}),
    ...(context.ref !== undefined ? { GITHUB_REF: context.ref } : {}),
    GITHUB_API_URL: context.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: String(context.runId ?? 1001),
  };
}
