/**
 * The specs printed in the README are what newcomers copy first: each must validate, plan against
 * a fresh cluster without errors, and give every token it declares some privileges (a
 * privilege-separated token whose user holds nothing can do nothing, silently).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { PlanJson } from '../../src/render/json.js';
import { startPveSimulator, type PveSimulator } from '../fakes/pve/index.js';
import { REPO_ROOT, cli, cliEnv, type CliCall } from './cli-terminal.js';

const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const specs = [...readme.matchAll(/```yaml\n(version: 1\n[\s\S]*?)```/g)].map((m, i) => [`README spec #${i + 1}`, m[1]!] as const);

function declaredTokens(text: string): string[] {
  const spec = parse(text) as { users?: Record<string, { tokens?: Record<string, unknown> }> };
  return Object.entries(spec.users ?? {}).flatMap(([userid, user]) => Object.keys(user.tokens ?? {}).map((t) => `${userid}!${t}`));
}

describe('specs in the README', () => {
  let sim: PveSimulator;
  let dir: string;
  let call: CliCall;
  beforeAll(async () => {
    sim = await startPveSimulator();
    dir = await mkdtemp(path.join(tmpdir(), 'proxmox-access-readme-'));
    call = { env: cliEnv(sim, sim.createToken('root@pam', 'cli', { privsep: false })), dir };
  });
  afterAll(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('include the quickstart spec and the full spec reference', () => {
    expect(specs.length).toBeGreaterThanOrEqual(2);
  });

  it.each(specs)('%s validates, plans without errors and gives every token privileges', async (name, text) => {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.yml`);
    await writeFile(file, text, 'utf8');
    expect((await cli(['validate', '--spec', file], call)).code).toBe(0);
    const planned = await cli(['plan', '--json', '--spec', file], call);
    expect(planned.code).toBe(0);
    const plan = JSON.parse(planned.out) as PlanJson;
    expect(plan.findings.filter((f) => f.severity !== 'notice')).toEqual([]);
    const tokens = declaredTokens(text);
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) {
      const gained = plan.privileges.find((p) => p.principal === token)?.paths.flatMap((p) => Object.keys(p.after)) ?? [];
      expect(gained, `${token} would hold no privilege anywhere`).not.toEqual([]);
    }
  });
});
