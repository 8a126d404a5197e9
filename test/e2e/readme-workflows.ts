/**
 * The README's workflow snippets, run as written. Every YAML block with `jobs:` is a workflow; the
 * step that uses proxmox-access gives the inputs, with its `${{ … }}` expressions evaluated as the
 * runner would (the repository secrets the Quickstart tells users to create, `github.token`, the
 * dispatch inputs), and the workflow's `permissions:` become the grant of its GITHUB_TOKEN.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { TokenGrant } from '../fakes/github/server.js';
import type { ActionResult } from '../harness/spawned.js';
import { SECRETS_TOKEN, type World } from '../harness/world.js';

const README = readFileSync(path.join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
/** The cluster URL the snippets carry, which a user replaces with their own. */
export const PLACEHOLDER_URL = 'https://pve.example.com:8006';

type Json = Record<string, any>;

export interface ReadmeWorkflow {
  readonly name: string;
  readonly on: Json;
  readonly permissions: Readonly<Record<string, string>>;
  readonly steps: readonly Json[];
  /** The `with:` block of the (first) proxmox-access step, as written. */
  readonly with: Readonly<Record<string, string>>;
  /** Every proxmox-access step of the job, in order: its `with:` block and its `if:`, as written. */
  readonly actionSteps: readonly ActionStep[];
}

export interface ActionStep {
  readonly with: Readonly<Record<string, string>>;
  readonly if?: string;
}

const withOf = (step: Json): Record<string, string> =>
  Object.fromEntries(Object.entries((step['with'] ?? {}) as Json).map(([k, v]) => [k, String(v)]));

const yamlBlocks = (): string[] => [...README.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

/** The Quickstart's spec: the first YAML block of the README that is a spec. */
export function quickstartSpec(): string {
  const spec = yamlBlocks().find((block) => (parse(block) as Json | null)?.['version'] === 1);
  if (!spec) throw new Error('README has no spec block');
  return spec;
}

export function readmeWorkflows(): Map<string, ReadmeWorkflow> {
  const workflows = new Map<string, ReadmeWorkflow>();
  for (const block of yamlBlocks()) {
    const doc = parse(block) as Json | null;
    if (!doc?.['jobs']) continue;
    const jobs = Object.values(doc['jobs'] as Json);
    if (jobs.length !== 1) throw new Error(`workflow ${doc['name']} has ${jobs.length} jobs; the test runs one`);
    const steps = (jobs[0] as Json)['steps'] as Json[];
    const actionSteps: ActionStep[] = steps
      .filter((s) => String(s['uses'] ?? '').startsWith('proxmox-access/proxmox-access@'))
      .map((s) => ({ with: withOf(s), ...(s['if'] !== undefined ? { if: String(s['if']) } : {}) }));
    const withBlock = actionSteps[0]?.with;
    if (!withBlock) throw new Error(`workflow ${doc['name']} has no proxmox-access step`);
    // The Vault workflow needs a Vault and the runner's OIDC token: test/e2e/vault.test.ts runs that setup.
    if (withBlock['vault-url'] !== undefined) continue;
    workflows.set(String(doc['name']), {
      name: String(doc['name']),
      on: doc['on'] as Json,
      permissions: doc['permissions'] ?? {},
      steps,
      with: withBlock,
      actionSteps,
    });
  }
  return workflows;
}

/** The repository secrets the Quickstart names, as the world holds them. */
export const quickstartSecrets = (world: World): Record<string, string> => ({
  PROXMOX_TOKEN_ID: world.actionToken.fullTokenId,
  PROXMOX_TOKEN_SECRET: world.actionToken.value,
  PROXMOX_FINGERPRINT: world.sim.fingerprint,
  SECRETS_TOKEN,
});

type Area = 'contents' | 'pullRequests' | 'issues';
const AREAS: Readonly<Record<string, Area>> = { contents: 'contents', 'pull-requests': 'pullRequests', issues: 'issues' };

/** What `permissions:` gives GITHUB_TOKEN; a fork's pull_request run gets read access at most. */
function grantOf(permissions: Readonly<Record<string, string>>, readOnly: boolean): TokenGrant {
  const grant: { login: string } & { [K in Area]?: 'read' | 'write' } = { login: 'github-actions[bot]' };
  for (const [scope, level] of Object.entries(permissions)) {
    const area = AREAS[scope];
    if (!area) throw new Error(`the test does not model the permission ${scope}`);
    if (level !== 'read' && level !== 'write') throw new Error(`permission ${scope}: ${level}`);
    grant[area] = readOnly ? 'read' : level;
  }
  return grant;
}

export interface SnippetRun {
  readonly eventName: string;
  readonly event: Json;
  readonly sha?: string;
  /** A fork's pull_request run: secrets expand to '' and GITHUB_TOKEN is read-only. */
  readonly fork?: boolean;
  /** The job's workspace when it checks out nothing. */
  readonly workspace?: string;
}

let runs = 0;

/** Runs `workflow` for one event from dist/index.js and returns the result of its last proxmox-access step that ran. */
export async function runWorkflow(world: World, workflow: ReadmeWorkflow, run: SnippetRun): Promise<ActionResult> {
  const results = await runWorkflowSteps(world, workflow, run);
  return results.at(-1)!;
}

/** Whether a step runs after the steps before it: without `if:` only when they all succeeded, as on the runner. */
function stepRuns(step: ActionStep, failedBefore: boolean): boolean {
  if (step.if === undefined) return !failedBefore;
  if (/^\$\{\{\s*(!cancelled\(\)|always\(\))\s*\}\}$/.test(step.if)) return true;
  throw new Error(`the test cannot evaluate the step condition ${step.if}`);
}

/** Runs every proxmox-access step of `workflow` in order, as one job does; the results of those that ran. */
export async function runWorkflowSteps(world: World, workflow: ReadmeWorkflow, run: SnippetRun): Promise<ActionResult[]> {
  const trigger = run.eventName;
  if (!(trigger in workflow.on)) throw new Error(`workflow ${workflow.name} does not run on ${trigger}`);
  const token = `ghs_readmeWorkflowToken${String(++runs).padStart(4, '0')}`;
  world.github.tokens.set(token, grantOf(workflow.permissions, run.fork === true));
  const secrets = quickstartSecrets(world);
  const declaredInputs = (workflow.on['workflow_dispatch'] as Json | null)?.['inputs'] ?? {};
  const evaluate = (expression: string): string => {
    const [context, name] = expression.split('.', 2) as [string, string];
    if (context === 'github' && name === 'token') return token;
    if (context === 'secrets') {
      if (!(name in secrets)) throw new Error(`workflow ${workflow.name} uses secrets.${name}, which the Quickstart does not create`);
      return run.fork ? '' : secrets[name]!;
    }
    if (context === 'inputs') {
      if (!(name in declaredInputs)) throw new Error(`workflow ${workflow.name} uses inputs.${name} without declaring it`);
      return String(run.event['inputs']?.[name] ?? declaredInputs[name]?.['default'] ?? '');
    }
    throw new Error(`workflow ${workflow.name}: the test cannot evaluate \${{ ${expression} }}`);
  };
  const results: ActionResult[] = [];
  for (const step of workflow.actionSteps) {
    if (
      !stepRuns(
        step,
        results.some((r) => r.exitCode !== 0),
      )
    )
      continue;
    results.push(await runStep(world, step, run, token, evaluate));
  }
  return results;
}

function runStep(
  world: World,
  step: ActionStep,
  run: SnippetRun,
  token: string,
  evaluate: (expression: string) => string,
): Promise<ActionResult> {
  const inputs = Object.fromEntries(
    Object.entries(step.with).map(([name, value]) => [
      name,
      (name === 'proxmox-url' && value === PLACEHOLDER_URL ? world.sim.url : value).replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_m, e: string) =>
        evaluate(e),
      ),
    ]),
  );
  return world.run(run.eventName, run.event, {
    withoutSecrets: true,
    githubToken: token,
    inputs,
    ...(run.sha ? { sha: run.sha } : {}),
    ...(run.workspace ? { workspace: run.workspace } : {}),
  });
}
