/**
 * A cluster and a matching spec of N users, each with one privilege-separated token and one ACL
 * entry of its own, plus a shared group ACL and one resource pool per ten users: the shape of a
 * platform team's access at scale.
 */
import type { PveSimulator } from '../../test/fakes/pve/index.js';

export const SCALE_ROLE = 'BenchOperator';
export const SCALE_GROUP = 'bench-operators';
const PRIVILEGES = ['VM.Audit', 'VM.PowerMgmt', 'VM.Console', 'Datastore.Audit'];

const userid = (i: number): string => `svc${String(i).padStart(5, '0')}@pve`;
const vmPath = (i: number): string => `/vms/${1000 + i}`;
const poolid = (k: number): string => `bench-pool-${String(k).padStart(4, '0')}`;

/** Pools of a cluster of N users: reading them costs one request each, so the plan table shows them. */
export const poolCount = (n: number): number => Math.ceil(n / 10);

/** Seeds the simulator in-process (no HTTP), so setting up 5,000 users takes no time to speak of. */
export function seedScale(sim: PveSimulator, n: number): void {
  must(sim.exec('POST', '/access/roles', { roleid: SCALE_ROLE, privs: PRIVILEGES.join(',') }));
  must(sim.exec('POST', '/access/groups', { groupid: SCALE_GROUP, comment: 'Benchmark operators' }));
  for (let i = 0; i < n; i++) {
    must(sim.exec('POST', '/access/users', { userid: userid(i), comment: `service ${i}`, groups: SCALE_GROUP }));
    must(sim.exec('POST', `/access/users/${userid(i)}/token/deploy`, { comment: 'deploy', privsep: 1 }));
    must(sim.exec('PUT', '/access/acl', { path: vmPath(i), roles: SCALE_ROLE, tokens: `${userid(i)}!deploy` }));
  }
  must(sim.exec('PUT', '/access/acl', { path: '/vms', roles: 'PVEAuditor', groups: SCALE_GROUP }));
  for (let k = 0; k < poolCount(n); k++) must(sim.exec('POST', '/pools', { poolid: poolid(k), comment: `pool ${k}` }));
}

/** The spec that matches `seedScale(n)` exactly, so its plan is empty. */
export function scaleSpecYaml(n: number): string {
  const lines = [
    'version: 1',
    'roles:',
    `  ${SCALE_ROLE}: { privileges: [${PRIVILEGES.join(', ')}] }`,
    'groups:',
    `  ${SCALE_GROUP}: { comment: Benchmark operators }`,
    'users:',
  ];
  for (let i = 0; i < n; i++) {
    lines.push(
      `  ${userid(i)}:`,
      `    comment: service ${i}`,
      `    groups: [${SCALE_GROUP}]`,
      '    tokens:',
      `      deploy: { comment: deploy, deliver: [{ output: svc${i}_deploy }] }`,
    );
  }
  lines.push('pools:');
  for (let k = 0; k < poolCount(n); k++) lines.push(`  ${poolid(k)}: { comment: pool ${k} }`);
  lines.push('acl:', `  - { path: /vms, roles: [PVEAuditor], groups: [${SCALE_GROUP}] }`);
  for (let i = 0; i < n; i++) lines.push(`  - { path: ${vmPath(i)}, roles: [${SCALE_ROLE}], tokens: ["${userid(i)}!deploy"] }`);
  return `${lines.join('\n')}\n`;
}

/** Fewest writes that can create `scaleSpecYaml(n)` from nothing: one per object, one per ACL path. */
export const minimumWrites = (n: number): number => 1 + 1 + n + n + n + 1 + poolCount(n);

function must(answer: { status: number; body: unknown }): void {
  if (answer.status !== 200) throw new Error(`simulator seeding failed: ${answer.status} ${JSON.stringify(answer.body)}`);
}
