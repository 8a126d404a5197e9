/**
 * docs/architecture.md describes the layers that eslint/layers.js enforces: the two must name the
 * same folders in the same order, and every file the table names must be in its layer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layers } from '../../eslint/layers.js';

const root = path.join(import.meta.dirname, '..', '..');
const doc = readFileSync(path.join(root, 'docs', 'architecture.md'), 'utf8');

/** The paths of each row of the layer table, in order: `| 1 | \`src/model/\`, … | … |`. */
function documentedLayers(): string[][] {
  const rows: string[][] = [];
  for (const line of doc.split('\n')) {
    const cells = /^\|\s*(\d+)\s*\|([^|]*)\|/.exec(line);
    if (!cells) continue;
    expect(Number(cells[1])).toBe(rows.length + 1);
    rows.push([...cells[2]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\/$/, '')));
  }
  return rows;
}

const isFolder = (p: string): boolean => !/\.[a-z]+$/.test(p);

describe('docs/architecture.md', () => {
  it('has one table row per layer, in the same order', () => {
    expect(documentedLayers()).toHaveLength(layers.length);
  });

  it('names the same folders per layer as eslint/layers.js', () => {
    const documented = documentedLayers().map((paths) => paths.filter(isFolder).sort());
    expect(documented).toEqual(layers.map((layer) => layer.paths.filter(isFolder).sort()));
  });

  it('puts every file it names in the same layer as eslint/layers.js', () => {
    documentedLayers().forEach((paths, index) => {
      for (const file of paths.filter((p) => !isFolder(p))) expect(layers[index]?.paths).toContain(file);
    });
  });
});
