/**
 * Rules for where token secrets go: output and GitHub names, organization-only options, and two
 * tokens (or one token twice) writing the same output or secret.
 */
import {
  environmentNameProblem,
  fullRepositoryProblem,
  orgLoginProblem,
  secretNameProblem,
  selectedRepositoryProblem,
} from '../model/github-names.js';
import { oneLine } from '../log-line.js';
import { isActionOutputName, OUTPUT_NAME_PATTERN } from '../model/action-outputs.js';
import { finding, type Finding, type SourcePosition } from '../model/finding.js';
import type { DeliverTarget, LoadedSpec } from './model.js';
import { specWhere, type SpecRule } from './rule-input.js';

type SecretTarget = Extract<DeliverTarget, { kind: 'github-secret' }>;

interface Delivery<T extends DeliverTarget = DeliverTarget> {
  readonly fullid: string;
  readonly target: T;
  readonly at: { readonly address: string; readonly position: SourcePosition };
  /** Where a field of a github-secret target is written. */
  readonly fieldAt: (field: string) => SourcePosition;
}

/** Outputs the action sets itself (README, "Outputs"); a deliver output must not shadow them. */

/** Every deliver target of every declared token, in file order. */
function deliveries(loaded: LoadedSpec): Delivery[] {
  return Object.values(loaded.spec.users).flatMap((user) =>
    Object.values(user.tokens ?? {}).flatMap((token) => {
      const tbase = `users.${user.userid}.tokens.${token.tokenid}`;
      const fullid = `${user.userid}!${token.tokenid}`;
      return token.deliver.map((target, i) => ({
        fullid,
        target,
        at: { address: `token:${fullid}`, position: specWhere(loaded, `${tbase}.deliver.${i}`, `${tbase}.deliver`, tbase) },
        fieldAt: (field: string) =>
          specWhere(loaded, `${tbase}.deliver.${i}.github-secret.${field}`, `${tbase}.deliver.${i}`, `${tbase}.deliver`, tbase),
      }));
    }),
  );
}

const outputs = (loaded: LoadedSpec) =>
  deliveries(loaded).filter((d): d is Delivery<Extract<DeliverTarget, { kind: 'output' }>> => d.target.kind === 'output');
const secrets = (loaded: LoadedSpec) => deliveries(loaded).filter((d): d is Delivery<SecretTarget> => d.target.kind === 'github-secret');

const invalidOutputName: SpecRule = {
  code: 'invalid-output-name',
  needs: 'spec',
  check: ({ loaded }) =>
    outputs(loaded)
      .filter(({ target }) => !OUTPUT_NAME_PATTERN.test(target.name))
      .map(({ target, at }) =>
        finding(
          'error',
          'invalid-output-name',
          `output name '${target.name}' must start with a letter or '_' and contain only letters, digits, '-' and '_'`,
          at,
        ),
      ),
};

const deliverOutputCollision: SpecRule = {
  code: 'deliver-output-collision',
  needs: 'spec',
  check: ({ loaded }) => {
    const owners = new Map<string, string>();
    return outputs(loaded).flatMap(({ fullid, target, at }) => {
      const found: Finding[] = [];
      if (OUTPUT_NAME_PATTERN.test(target.name) && isActionOutputName(target.name)) {
        found.push(finding('error', 'deliver-output-collision', `output '${target.name}' is an output of the action itself`, at));
      }
      const owner = owners.get(target.name);
      if (owner === undefined) owners.set(target.name, fullid);
      else
        found.push(
          finding(
            'error',
            'deliver-output-collision',
            `output '${target.name}' is already delivered by ${owner === fullid ? 'this token' : `token '${owner}'`}`,
            at,
          ),
        );
      return found;
    });
  },
};

const invalidSecretName: SpecRule = {
  code: 'invalid-secret-name',
  needs: 'spec',
  check: ({ loaded }) =>
    secrets(loaded).flatMap(({ target, at }) => {
      const problem = secretNameProblem(target.name);
      return problem === undefined ? [] : [finding('error', 'invalid-secret-name', `secret name '${oneLine(target.name)}' ${problem}`, at)];
    }),
};

/** GitHub's rules for the names of a secret target's repository, environment, organization and selected repositories. */
const invalidGithubName: SpecRule = {
  code: 'invalid-github-name',
  needs: 'spec',
  check: ({ loaded }) =>
    secrets(loaded).flatMap(({ target, at, fieldAt }) => {
      const problems: [string, string, string | undefined, SourcePosition][] = [];
      if (target.repository !== undefined)
        problems.push(['repository', target.repository, fullRepositoryProblem(target.repository), fieldAt('repository')]);
      if (target.environment !== undefined)
        problems.push(['environment', target.environment, environmentNameProblem(target.environment), fieldAt('environment')]);
      if (target.org !== undefined) {
        problems.push(['org', target.org, orgLoginProblem(target.org), fieldAt('org')]);
        for (const entry of target.selectedRepositories ?? []) {
          problems.push([
            'selected-repositories',
            entry,
            selectedRepositoryProblem(entry, target.org),
            fieldAt(`selected-repositories[${entry}]`),
          ]);
        }
      }
      return problems.flatMap(([field, value, problem, position]) =>
        problem === undefined
          ? []
          : [
              finding('error', 'invalid-github-name', `github-secret ${field} '${oneLine(value)}' ${problem}`, {
                address: at.address,
                position,
              }),
            ],
      );
    }),
};

function deliverOptionProblems(target: SecretTarget): ['error' | 'warning', string][] {
  const problems: ['error' | 'warning', string][] = [];
  if (target.org !== undefined && (target.repository !== undefined || target.environment !== undefined))
    problems.push(['error', 'an organization secret has no repository or environment']);
  if (target.org === undefined && (target.visibility !== undefined || target.selectedRepositories !== undefined)) {
    problems.push(['error', 'visibility and selected-repositories apply only to organization secrets (org)']);
  }
  if (target.selectedRepositories !== undefined && target.visibility !== 'selected')
    problems.push(['error', 'selected-repositories needs visibility: selected']);
  if (target.org !== undefined && target.visibility === 'selected' && (target.selectedRepositories ?? []).length === 0) {
    problems.push(['warning', 'visibility selected without selected-repositories: no repository can read it']);
  }
  return problems;
}

const invalidDeliver: SpecRule = {
  code: 'invalid-deliver',
  needs: 'spec',
  check: ({ loaded }) =>
    secrets(loaded).flatMap(({ target, at }) =>
      deliverOptionProblems(target).map(([severity, problem]) =>
        finding(severity, 'invalid-deliver', `github-secret '${target.name}': ${problem}`, at),
      ),
    ),
};

/** Each secret target with the token that wrote the same slot first, if any. GitHub stores names upper-case, so PM_token and PM_TOKEN are one secret. */
function secretSlots(loaded: LoadedSpec): { delivery: Delivery<SecretTarget>; scope: string; owner: string | undefined }[] {
  const owners = new Map<string, string>();
  return secrets(loaded).map((delivery) => {
    const { target, fullid } = delivery;
    const scope =
      target.org !== undefined
        ? `organization ${target.org.toLowerCase()}`
        : `${target.repository?.toLowerCase() ?? 'this repository'}${target.environment !== undefined ? `, environment ${target.environment}` : ''}`;
    const slot = `${scope}: ${target.name.toUpperCase()}`;
    const owner = owners.get(slot);
    if (owner === undefined) owners.set(slot, fullid);
    return { delivery, scope, owner };
  });
}

const duplicateDeliver: SpecRule = {
  code: 'duplicate-deliver',
  needs: 'spec',
  check: ({ loaded }) =>
    secretSlots(loaded)
      .filter(({ delivery, owner }) => owner === delivery.fullid)
      .map(({ delivery: { fullid, target, at }, scope }) =>
        finding('warning', 'duplicate-deliver', `token '${fullid}' delivers to secret ${target.name} (${scope}) twice`, at),
      ),
};

const deliverSecretCollision: SpecRule = {
  code: 'deliver-secret-collision',
  needs: 'spec',
  check: ({ loaded }) =>
    secretSlots(loaded)
      .filter(({ delivery, owner }) => owner !== undefined && owner !== delivery.fullid)
      .map(({ delivery: { target, at }, scope, owner }) =>
        finding('error', 'deliver-secret-collision', `secret ${target.name} (${scope}) is already delivered by token '${owner}'`, at),
      ),
};

export const DELIVER_RULES: readonly SpecRule[] = [
  invalidOutputName,
  deliverOutputCollision,
  invalidSecretName,
  invalidGithubName,
  invalidDeliver,
  duplicateDeliver,
  deliverSecretCollision,
];
