/**
 * What PVE would reject half-way through an apply is caught at plan time, against the limits of
 * the connected release, at the line that causes it, and apply refuses it before any write.
 * Warnings for what PVE takes but hardly means carry their line too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedAnnotation } from '../harness/in-process.js';
import { guardLeaks } from '../harness/leaks.js';
import { createReviewWorld, type ReviewWorld } from '../harness/review-world.js';

const LONG_COMMENT = 'c'.repeat(2049);

const TOO_LONG = `version: 1
groups:
  ops:
    comment: " Operators"
users:
  alice@pve:
    groups: [ops]
    comment: ${LONG_COMMENT}
`;

const lines = (annotations: readonly RecordedAnnotation[], kind: string, text: string) =>
  annotations.filter((a) => a.kind === kind && a.message.includes(text)).map((a) => a.properties.startLine);

const writes = (requests: readonly { method: string }[]) => requests.filter((r) => r.method !== 'GET');

describe('run(): PVE limits at plan time', () => {
  let w: ReviewWorld | undefined;
  guardLeaks(() => w?.world, { secretOutputs: ['tokens'] });
  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  it('on PVE 9 a comment over 2048 characters and leading whitespace fail the plan at their lines; apply writes nothing', async () => {
    w = await createReviewWorld('9.1.1');
    await w.writeSpec(TOO_LONG);
    const plan = await w.plan(5, 'a5'.repeat(20));
    expect(plan.outcome.failure).toMatch(/has errors/);
    expect(lines(plan.annotations, 'error', 'comment is 2049 characters long; PVE 9.1 accepts at most 2048')).toEqual([8]);
    expect(lines(plan.annotations, 'error', 'comment starts with a space, which PVE removes')).toEqual([4]);
    expect(plan.annotations.filter((a) => a.kind === 'error')).toHaveLength(2);
    expect(writes(plan.simRequests)).toEqual([]);

    const apply = await w.schedule({ mode: 'apply', 'require-approved-plan': 'false' });
    expect(apply.outcome.failure).toMatch(/refusing to apply the plan:[\s\S]*2049 characters/);
    expect(writes(apply.simRequests)).toEqual([]);
    expect(w.sim.exec('GET', '/access/users/alice@pve').status).toBe(500);
  });

  it('offline validate reports the same lines without a cluster', async () => {
    w = await createReviewWorld('9.1.1');
    await w.writeSpec(TOO_LONG);
    const run = await w.schedule({ mode: 'validate' });
    expect(run.outcome.failure).toMatch(/2 errors/);
    expect(lines(run.annotations, 'error', 'PVE accepts at most 2048 (PVE 8.1 and later)')).toEqual([8]);
    expect(lines(run.annotations, 'error', 'starts with a space')).toEqual([4]);
    expect(run.simRequests).toEqual([]);
  });

  it('on PVE 8.0, which has no length limits, the long comment plans and applies', async () => {
    w = await createReviewWorld('8.0.4');
    await w.writeSpec(TOO_LONG.replace('" Operators"', 'Operators'));
    const apply = await w.schedule({ mode: 'apply', 'require-approved-plan': 'false' });
    expect(apply.outcome.failure).toBeUndefined();
    expect(apply.annotations.filter((a) => a.kind === 'error')).toEqual([]);
    const user = w.sim.exec('GET', '/access/users/alice@pve').body as { data: { comment: string } };
    expect(user.data.comment).toBe(LONG_COMMENT);
  });

  it('lifetime: 0d fails the run at the lifetime line, with nothing written', async () => {
    w = await createReviewWorld();
    await w.writeSpec('version: 1\nusers:\n  ci@pve:\n    tokens:\n      deploy:\n        lifetime: 0d\n');
    const plan = await w.plan(6, 'b6'.repeat(20));
    expect(plan.outcome.failure).toBeDefined();
    const errors = plan.annotations.filter((a) => a.kind === 'error');
    expect(errors.map((a) => [a.properties.startLine, a.message])).toEqual([
      [6, "users.ci@pve.tokens.deploy.lifetime: 'lifetime' must be greater than zero, got '0d'"],
    ]);
    expect(writes(plan.simRequests)).toEqual([]);
  });

  it('an unclosed bracket is annotated on its own line', async () => {
    w = await createReviewWorld();
    await w.writeSpec('version: 1\nroles:\n  Auditor:\n    privileges: [VM.Audit, Sys.Audit\n');
    const plan = await w.plan(7, 'c7'.repeat(20));
    expect(
      plan.annotations.filter((a) => a.kind === 'error').map((a) => [a.properties.startLine, a.properties.startColumn, a.message]),
    ).toEqual([[4, 17, 'YAML: the list opened here with [ is never closed']]);
    expect(writes(plan.simRequests)).toEqual([]);
  });
});

describe('run(): warnings at plan time carry their line', () => {
  let w: ReviewWorld | undefined;
  guardLeaks(() => w?.world, { secretOutputs: ['tokens'] });
  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  const WARNED = `version: 1
roles:
  Ops:
    privileges:
      - VM.Audit
      - VM.Audit
users:
  old@pve:
    expire: 2020-01-01
prune:
  users:
    - root@pam
    - "^ci-.*$"
  roles: ["Ops[0-9]+"]
`;

  it('repeated privilege, expiry in the past, prune patterns that name root@pam or can never match', async () => {
    w = await createReviewWorld();
    await w.writeSpec(WARNED);
    const plan = await w.plan(8, 'd8'.repeat(20));
    expect(plan.outcome.failure).toBeUndefined();
    expect(lines(plan.annotations, 'warning', "lists privilege 'VM.Audit' twice (first at line 5)")).toEqual([6]);
    expect(lines(plan.annotations, 'warning', 'expire 2020-01-01 is in the past')).toEqual([9]);
    expect(lines(plan.annotations, 'warning', 'prune pattern "root@pam" names root@pam, which is kept: root@pam is never deleted')).toEqual(
      [12],
    );
    expect(lines(plan.annotations, 'warning', 'prune pattern "^ci-.*$" can never match')).toEqual([13]);
    expect(lines(plan.annotations, 'warning', 'prune pattern "Ops[0-9]+" can never match')).toEqual([14]);
    // Offline validate says the same about root@pam, once.
    const validate = await w.schedule({ mode: 'validate' });
    expect(lines(validate.annotations, 'warning', 'root@pam')).toEqual([12]);
  });

  it('a pattern that names the acting identity is a warning at its line; one that only matches it, a notice there', async () => {
    w = await createReviewWorld();
    w.sim.exec('POST', '/access/users', { userid: 'automation@pve' });
    w.sim.exec('PUT', '/access/acl', { path: '/', roles: 'Administrator', users: 'automation@pve' });
    const token = w.sim.createToken('automation@pve', 'ci', { privsep: false });
    const inputs = { 'proxmox-token-id': token.fullTokenId, 'proxmox-token-secret': token.value };

    await w.writeSpec('version: 1\nprune:\n  users:\n    - automation@pve\n');
    const named = await w.plan(9, 'e9'.repeat(20), inputs);
    expect(
      lines(
        named.annotations,
        'warning',
        'prune pattern "automation@pve" names automation@pve, which is kept: it is the user this action authenticates as',
      ),
    ).toEqual([4]);

    await w.writeSpec('version: 1\nprune:\n  users:\n    - "nobody@pve"\n    - "auto*@pve"\n');
    const matched = await w.plan(9, 'ea'.repeat(20), inputs);
    expect(lines(matched.annotations, 'notice', 'prune pattern "auto*@pve" matches automation@pve, which is kept')).toEqual([5]);
    expect(writes(matched.simRequests)).toEqual([]);
  });
});
