/**
 * A realistic small cluster for the demo: built-in roles and root@pam, a human admin, and the
 * kind of hand-made state a spec adopts — a role edited in the web UI, a token made on a laptop,
 * a stray ACL, a leftover user.
 */
import type { PveSimulator } from '../../test/fakes/pve/index.js';

export function seedDemoCluster(sim: PveSimulator): void {
  const steps: [string, string, Record<string, unknown>][] = [
    ['POST', '/access/users', { userid: 'alice@pve', comment: 'Alice (admin)', email: 'alice@example.com' }],
    ['PUT', '/access/acl', { path: '/', roles: 'PVEAdmin', users: 'alice@pve' }],
    [
      'POST',
      '/access/roles',
      {
        roleid: 'TerraformProv',
        privs:
          'Datastore.AllocateSpace,Datastore.Audit,Pool.Audit,SDN.Use,Sys.Audit,Sys.Console,VM.Allocate,VM.Audit,VM.Clone,VM.Config.CDROM,VM.Config.CPU,VM.Config.Disk,VM.Config.HWType,VM.Config.Memory,VM.Config.Network,VM.Config.Options,VM.PowerMgmt',
      },
    ],
    ['POST', '/access/users', { userid: 'terraform-prov@pve', comment: 'terraform', email: 'ops@example.com' }],
    ['POST', '/access/users/terraform-prov@pve/token/laptop', { comment: 'made on a laptop', privsep: 0 }],
    ['PUT', '/access/acl', { path: '/', roles: 'TerraformProv', users: 'terraform-prov@pve' }],
    ['PUT', '/access/acl', { path: '/storage/local', roles: 'PVEDatastoreUser', users: 'terraform-prov@pve' }],
    ['POST', '/access/users', { userid: 'terraform-old@pve', comment: 'provider v2 account, unused since 2024' }],
  ];
  for (const [method, path, params] of steps) {
    const answer = sim.exec(method, path, params);
    if (answer.status !== 200) throw new Error(`demo seeding ${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}
