/** Settings the CLI takes from the environment only: credentials for GitHub targets and realm secrets. */
import { readRealmSecrets } from '../inputs.js';
import { envValue } from './login-args.js';

export interface EnvSettings {
  /** apply: GitHub secrets targets need a token and the current repository. */
  readonly secretsToken?: string | undefined;
  readonly repository?: string | undefined;
  readonly githubApiUrl: string;
  /** The action's `realm-secrets`: sent with the request that creates a realm. */
  readonly realmSecrets?: Readonly<Record<string, string>> | undefined;
}

export function envSettings(repositoryFlag: string | undefined, env: NodeJS.ProcessEnv): EnvSettings {
  return {
    secretsToken: envValue(env, 'GITHUB_SECRETS_TOKEN'),
    repository: repositoryFlag ?? envValue(env, 'GITHUB_REPOSITORY'),
    githubApiUrl: envValue(env, 'GITHUB_API_URL') ?? 'https://api.github.com',
    realmSecrets: readRealmSecrets(envValue(env, 'PROXMOX_REALM_SECRETS') ?? '', 'PROXMOX_REALM_SECRETS'),
  };
}
