/**
 * The import boundaries of docs/architecture.md are lint rules; this lints a small made-up tree
 * with them and checks that each kind of crossing is reported, and that allowed imports are not.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundaries } from '../../eslint/boundaries.js';

const tree: Record<string, string> = {
  'src/model/live-state.ts': 'export interface Live { readonly id: string }\n',
  'src/proxmox/client.ts': "import { request } from 'undici';\nexport const get = request;\n",
  'src/spec/load.ts': "import { readFile } from 'node:fs/promises';\nexport const load = readFile;\n",
  'src/spec/parse.ts': "import { readFileSync } from 'node:fs';\nexport const parse = readFileSync;\n",
  'src/plan/ok.ts':
    "import { createHash } from 'node:crypto';\nimport type { Live } from '../model/live-state.js';\n" +
    'export const ok = (live: Live): string => createHash("sha256").update(live.id).digest("hex");\n' +
    'export type Ok = typeof ok;\n',
  'src/plan/http.ts': "import { request } from 'undici';\nexport const get = request;\n",
  'src/plan/core.ts': "import * as core from '@actions/core';\nexport const info = core.info;\n",
  'src/plan/reaches-edge.ts': "import { get } from '../proxmox/client.js';\nexport const fetchIt = get;\n",
  'src/render/reaches-up.ts': "import { run } from '../modes/run.js';\nexport const again = run;\n",
  'src/modes/run.ts': "import { ok } from '../plan/ok.js';\nimport { get } from '../proxmox/client.js';\nexport const run = [ok, get];\n",
  'src/github/types-only.ts': "import type { Ok } from '../plan/ok.js';\nexport type Check = Ok;\n",
  'src/github/runs-plan.ts': "import { ok } from '../plan/ok.js';\nexport const check = ok;\n",
  'src/apply/a.ts': "import { b } from './b.js';\nexport const a = (): unknown => b;\n",
  'src/apply/b.ts': "import { a } from './a.js';\nexport const b = (): unknown => a;\n",
  'src/apply/c.ts': "import type { D } from './d.js';\nexport type C = D | 'c';\n",
  'src/apply/d.ts': "import type { C } from './c.js';\nexport type D = C | 'd';\n",
};

let root: string;
const problems = new Map<string, string[]>();

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pa-lint-'));
  for (const [file, text] of Object.entries(tree)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: boundaries(root) });
  for (const result of await eslint.lintFiles(['src/**/*.ts'])) {
    const rules = result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
    problems.set(path.relative(root, result.filePath).split(path.sep).join('/'), rules);
  }
}, 60_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('import boundaries', () => {
  it('lints every file of the tree', () => {
    expect([...problems.keys()].sort()).toEqual(Object.keys(tree).sort());
  });

  it('keeps I/O modules and packages out of the pure core', () => {
    expect(problems.get('src/spec/parse.ts')).toEqual(['no-restricted-imports']);
    expect(problems.get('src/plan/http.ts')).toEqual(['no-restricted-imports']);
    expect(problems.get('src/plan/core.ts')).toEqual(['no-restricted-imports']);
  });

  it('lets the spec loader read files and the core hash', () => {
    expect(problems.get('src/spec/load.ts')).toEqual([]);
    expect(problems.get('src/plan/ok.ts')).toEqual([]);
  });

  it('forbids importing from a higher layer, and allows importing from a lower one', () => {
    expect(problems.get('src/plan/reaches-edge.ts')).toEqual(['import-x/no-restricted-paths']);
    expect(problems.get('src/render/reaches-up.ts')).toEqual(['import-x/no-restricted-paths']);
    expect(problems.get('src/modes/run.ts')).toEqual([]);
    expect(problems.get('src/proxmox/client.ts')).toEqual([]);
  });

  it("lets an edge import the plan's types but not its code", () => {
    expect(problems.get('src/github/types-only.ts')).toEqual([]);
    expect(problems.get('src/github/runs-plan.ts')).toEqual(['@typescript-eslint/no-restricted-imports']);
  });

  it('reports a cycle of runtime imports, not one of types', () => {
    expect(problems.get('src/apply/a.ts')).toEqual(['import-x/no-cycle']);
    expect(problems.get('src/apply/b.ts')).toEqual(['import-x/no-cycle']);
    expect(problems.get('src/apply/c.ts')).toEqual([]);
    expect(problems.get('src/apply/d.ts')).toEqual([]);
  });
});
