/**
 * A broken spec stops the run before the cluster is touched: one annotation per problem on the
 * spec file's own line and column, in @actions/core's workflow command format, and a job summary
 * that lists every problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullRequestEvent } from '../harness/events.js';
import { expectNoLeaks, guardLeaks } from '../harness/leaks.js';
import { countingPveRequests } from '../harness/pve-requests.js';
import type { ActionResult } from '../harness/spawned.js';
import { REPO, createWorld, type World } from '../harness/world.js';

// Line 6, column 5: an unknown key. Line 9, column 19: a duration with no known unit.
const BROKEN = `version: 1
groups:
  ci: { comment: CI accounts }
users:
  deployer@pve:
    coment: Deploys
    tokens:
      deploy:
        lifetime: 90days
acl:
  - path: /vms
    roles: [PVEVMUser]
    tokens: ["deployer@pve!deploy"]
`;

/** `::error title=…,file=…,line=…,col=…::message`, as @actions/core's issueCommand writes it. */
const ANNOTATION = /^::error title=([^,:]+),file=([^,:]+),line=(\d+),col=(\d+)::(.*)$/;

const annotations = (run: ActionResult): { title: string; file: string; line: number; col: number; message: string }[] =>
  run.stdout
    .split('\n')
    .map((line) => ANNOTATION.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ title: m[1]!, file: m[2]!, line: Number(m[3]), col: Number(m[4]), message: m[5]! }));

describe('end to end: spec errors', () => {
  let world: World;
  guardLeaks(() => world, { secretOutputs: [] });

  beforeAll(async () => {
    world = await createWorld('9.1.1');
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('annotates each problem at its line and column, lists them in the summary, and never reaches the cluster', async () => {
    await world.writeSpec(BROKEN);
    world.store.addPull(REPO, { number: 5, headSha: '5a'.repeat(20) });
    const { result, counts } = await countingPveRequests(world.sim, () => world.run('pull_request', pullRequestEvent(5, '5a'.repeat(20))));
    expect(result.exitCode).toBe(1);
    expect(result.outputs['mode']).toBe('plan');
    expect(counts.total).toBe(0);

    const found = annotations(result);
    expect(found.map(({ file, line, col }) => ({ file, line, col }))).toEqual([
      { file: 'proxmox-access.yml', line: 6, col: 5 },
      { file: 'proxmox-access.yml', line: 9, col: 19 },
    ]);
    expect(found[0]!.message).toMatch(/unknown key 'coment'.*did you mean 'comment'/);
    expect(found[1]!.message).toMatch(/lifetime.*duration.*90days/);
    for (const a of found) expect(a.title).toBe('proxmox-access spec error');

    const failure = result.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(failure).toHaveLength(1);
    expect(failure[0]).toMatch(/^::error::proxmox-access failed: /);

    // Each problem on its own line of the summary, with where it is.
    const summaryLines = result.summary.split('\n');
    expect(result.summary).toContain('The spec has 2 problems:');
    const items = summaryLines.filter((line) => line.startsWith('- '));
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^- `proxmox-access\.yml:6:5` .*unknown key 'coment'/);
    expect(items[1]).toMatch(/^- `proxmox-access\.yml:9:19` .*90days/);
    expect(world.store.commentsOn(REPO, 5)).toHaveLength(0);
  });

  it('beyond GitHub’s ten annotations per step, says how many more the summary lists', async () => {
    const users = Array.from({ length: 12 }, (_, i) => `  user${i}@pve:\n    colour: blue\n`).join('');
    await world.writeSpec(`version: 1\nusers:\n${users}`);
    const { result, counts } = await countingPveRequests(world.sim, () => world.run('pull_request', pullRequestEvent(6, '6a'.repeat(20))));
    expect(result.exitCode).toBe(1);
    expect(counts.total).toBe(0);
    const found = annotations(result);
    // Users start on line 3, two lines each: the unknown key is on line 4 + 2i, column 5.
    expect(found.map((a) => [a.line, a.col])).toEqual(Array.from({ length: 9 }, (_, i) => [4 + 2 * i, 5]));
    const errorLines = result.stdout.split('\n').filter((line) => line.startsWith('::error'));
    expect(errorLines).toHaveLength(11);
    expect(errorLines[9]).toBe('::error title=proxmox-access::3 more errors: see the job summary for the full list');
    expect(result.summary).toContain('The spec has 12 problems:');
    for (let i = 0; i < 12; i++) {
      expect(result.summary).toContain(`- \`proxmox-access.yml:${4 + 2 * i}:5\` users.user${i}@pve.colour: unknown key 'colour'`);
    }
  });

  it('places syntax errors where the mistake is: the unclosed quote, the JSON missing a comma', async () => {
    world.store.addPull(REPO, { number: 7, headSha: '7a'.repeat(20) });
    await world.writeSpec('version: 1\ngroups:\n  ops:\n    comment: "Operators on call\n  dev: {}\n');
    const quote = await countingPveRequests(world.sim, () => world.run('pull_request', pullRequestEvent(7, '7a'.repeat(20))));
    expect(quote.result.exitCode).toBe(1);
    expect(quote.counts.total).toBe(0);
    expect(annotations(quote.result).map(({ line, col, message }) => ({ line, col, message }))).toEqual([
      { line: 4, col: 14, message: 'YAML: the quoted text opened here with " is never closed' },
    ]);

    await world.writeSpec('{\n  "version": 1\n  "groups": {}\n}\n');
    const json = await countingPveRequests(world.sim, () => world.run('pull_request', pullRequestEvent(7, '7a'.repeat(20))));
    expect(json.counts.total).toBe(0);
    expect(annotations(json.result).map(({ line, col, message }) => ({ line, col, message }))).toEqual([
      { line: 3, col: 3, message: "JSON: expected ',' or '}' after property value" },
    ]);
  });

  it('never prints the credentials it was given', () => {
    expectNoLeaks([world.actionToken.value], {
      runs: world.runs,
      secretOutputs: [],
      texts: world.githubTexts(),
    });
  });
});
