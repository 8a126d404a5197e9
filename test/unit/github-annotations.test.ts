import { describe, expect, it } from 'vitest';
import { annotateFindings, annotateSpecProblems, type AnnotationKind, type AnnotationProps } from '../../src/github/annotations.js';
import type { Finding } from '../../src/model/finding.js';

function recorder(): {
  calls: { kind: AnnotationKind; message: string; props: AnnotationProps }[];
  annotate: (k: AnnotationKind, m: string, p: AnnotationProps) => void;
} {
  const calls: { kind: AnnotationKind; message: string; props: AnnotationProps }[] = [];
  return { calls, annotate: (kind, message, props) => void calls.push({ kind, message, props }) };
}

describe('annotateSpecProblems', () => {
  it('puts each problem on its file, line and column', () => {
    const r = recorder();
    annotateSpecProblems(
      [
        { message: 'unknown key "privilege"', path: 'roles.Ops', position: { file: 'proxmox-access.yml', line: 4, column: 5 } },
        { message: 'version must be 1', position: { file: 'proxmox-access.yml', line: 1, column: 10 } },
      ],
      r.annotate,
    );
    expect(r.calls).toEqual([
      {
        kind: 'error',
        message: 'roles.Ops: unknown key "privilege"',
        props: { title: 'proxmox-access spec error', file: 'proxmox-access.yml', startLine: 4, startColumn: 5 },
      },
      {
        kind: 'error',
        message: 'version must be 1',
        props: { title: 'proxmox-access spec error', file: 'proxmox-access.yml', startLine: 1, startColumn: 10 },
      },
    ]);
  });

  it('stays within GitHub’s 10 per kind and says how many more there are', () => {
    const r = recorder();
    const problems = Array.from({ length: 14 }, (_, i) => ({ message: `bad ${i}`, position: { file: 's.yml', line: i + 1, column: 1 } }));
    annotateSpecProblems(problems, r.annotate);
    expect(r.calls).toHaveLength(10);
    expect(r.calls.slice(0, 9).map((c) => c.props.startLine)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.calls[9]!.message).toMatch(/^5 more errors/);
  });
});

describe('annotateFindings', () => {
  it('keeps the severity, titles by code, and places findings that have a position', () => {
    const r = recorder();
    const findings: Finding[] = [
      {
        severity: 'warning',
        code: 'privsep-no-acl',
        message: 'token has no ACL',
        address: 'token:a@pve!ci',
        position: { file: 'p.yml', line: 9, column: 9 },
      },
      { severity: 'error', code: 'lockout', message: 'deletes the acting token' },
      { severity: 'notice', code: 'insecure-tls', message: 'verification is off' },
    ];
    annotateFindings(findings, r.annotate);
    expect(r.calls).toEqual([
      { kind: 'error', message: 'deletes the acting token', props: { title: 'proxmox-access: lockout' } },
      {
        kind: 'warning',
        message: 'token:a@pve!ci: token has no ACL',
        props: { title: 'proxmox-access: privsep-no-acl', file: 'p.yml', startLine: 9, startColumn: 9 },
      },
      { kind: 'notice', message: 'verification is off', props: { title: 'proxmox-access: insecure-tls' } },
    ]);
  });

  it('caps errors and warnings separately', () => {
    const r = recorder();
    const many = (severity: 'error' | 'warning', n: number): Finding[] =>
      Array.from({ length: n }, (_, i) => ({ severity, code: 'x', message: `${severity} ${i}` }));
    annotateFindings([...many('warning', 12), ...many('error', 3)], r.annotate);
    expect(r.calls.filter((c) => c.kind === 'error')).toHaveLength(3);
    const warnings = r.calls.filter((c) => c.kind === 'warning');
    expect(warnings).toHaveLength(10);
    expect(warnings.at(-1)!.message).toMatch(/^3 more warnings/);
  });
});
