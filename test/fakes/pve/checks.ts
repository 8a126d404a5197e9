/**
 * PVE's permission-check primitives and the small expression language
 * the API methods declare them in (`and`, `or`, `perm`, `perm-modify`, `userid-group`,
 * `userid-param`). They run before parameter validation, on the raw parameters, which is why a
 * malformed or unknown target user gives a plain 500 here and why `or` swallows errors.
 */
import { die, permissionError, rethrowPlain } from './errors.js';
import { splitList, verifyUsername } from './ids.js';
import { perlString, type RawParams } from './params.js';
import type { PermissionEngine } from './privileges.js';
import type { PveState, UserRecord } from './state.js';
import { normalizeAclPath } from '../../../src/plan/acl-path.js';

/** A permission declaration in the shape PVE's API schema uses. */
export type PermissionCheck =
  | readonly ['and', ...PermissionCheck[]]
  | readonly ['or', ...PermissionCheck[]]
  | readonly ['perm', string, readonly string[], { readonly any?: boolean }?]
  | readonly ['perm-modify', string]
  | readonly ['userid-group', readonly string[], { readonly groupsParam?: 'create' | 'update' }?]
  | readonly ['userid-param', 'self' | 'Realm.AllocateUser'];

/** `template_replace`: `{name}` → the parameter, or `-` when it is missing or falsy. */
function templateReplace(template: string, params: RawParams): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = perlString(params[name]);
    return value === undefined || value === '' || value === '0' ? '-' : value;
  });
}

/** The checks for one caller in one request (privileges are cached by the engine). */
export class PermissionChecks {
  constructor(
    private readonly state: PveState,
    private readonly engine: PermissionEngine,
    private readonly authid: string,
  ) {}

  /** All privileges, each present with any propagate flag. */
  check(path: string, privs: readonly string[], noerr: boolean): boolean {
    const have = this.engine.permissions(this.authid, path);
    for (const priv of privs) {
      if (have.has(priv)) continue;
      if (noerr) return false;
      throw permissionError(`${path}, ${priv}`);
    }
    return true;
  }

  checkAny(path: string, privs: readonly string[], noerr: boolean): boolean {
    const have = this.engine.permissions(this.authid, path);
    if (privs.some((priv) => have.has(priv))) return true;
    if (noerr) return false;
    throw permissionError(`${path}, ${privs.join('|')}`);
  }

  /** Permissions.Modify, or the allocate privilege of the object the path names. */
  checkPermModify(path: string, noerr: boolean): boolean {
    const privs = ['Permissions.Modify'];
    if (/^\/storage\/.+$/.test(path)) privs.push('Datastore.Allocate');
    else if (/^\/vms\/.+$/.test(path)) privs.push('VM.Allocate');
    else if (/^\/pool\/.+$/.test(path)) privs.push('Pool.Allocate');
    return this.checkAny(path, privs, noerr);
  }

  /** Groups on which the caller has the privileges. */
  filterGroups(privs: readonly string[], any: boolean): Set<string> {
    const out = new Set<string>();
    for (const groupid of this.state.groups.keys()) {
      const path = `/access/groups/${groupid}`;
      if (any ? this.checkAny(path, privs, true) : this.check(path, privs, true)) out.add(groupid);
    }
    return out;
  }

  /** Members of any of the groups. */
  groupMembers(groups: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const groupid of groups) for (const userid of this.state.groups.get(groupid)?.members ?? []) out.add(userid);
    return out;
  }

  /** `check_user_exist`: a malformed id dies like a missing one unless `noerr`. */
  userExists(userid: string | undefined, noerr: boolean): UserRecord | undefined {
    let id: string;
    try {
      id = verifyUsername(userid ?? '').userid;
    } catch (err) {
      if (noerr) return undefined;
      rethrowPlain(err);
    }
    const user = this.state.users.get(id);
    if (!user && !noerr) throw die(`no such user ('${id}')`);
    return user;
  }

  /** `exec_api2_perm_check`; the result of the top-level call is ignored by PVE, only throws count. */
  run(check: PermissionCheck, params: RawParams, noerr = false): boolean {
    switch (check[0]) {
      case 'or': {
        for (const sub of check.slice(1) as PermissionCheck[]) if (this.run(sub, params, true)) return true;
        if (noerr) return false;
        throw permissionError();
      }
      case 'and':
        // Sub-checks of `and` raise their own errors, even inside an `or`.
        for (const sub of check.slice(1) as PermissionCheck[]) this.run(sub, params);
        return true;
      case 'perm': {
        const [, template, privs, options] = check;
        const path = normalizeAclPath(templateReplace(template, params));
        if (path === null) return false;
        return options?.any ? this.checkAny(path, privs, noerr) : this.check(path, privs, noerr);
      }
      case 'perm-modify': {
        // A path that does not normalise skips the check: the handler rejects it with a 400 later.
        const path = normalizeAclPath(templateReplace(check[1], params));
        if (path === null) return false;
        return this.checkPermModify(path, noerr);
      }
      case 'userid-group':
        return this.#useridGroup(check[1], check[2]?.groupsParam, params, noerr);
      case 'userid-param':
        return this.#useridParam(check[1], params, noerr);
    }
  }

  #useridGroup(privs: readonly string[], groupsParam: 'create' | 'update' | undefined, params: RawParams, noerr: boolean): boolean {
    const userid = perlString(params.userid);
    const checkExisting = groupsParam !== 'create';
    if (checkExisting && !this.userExists(userid, noerr)) return false;
    if (this.checkAny('/access/groups', privs, true)) return true;
    const groups = this.filterGroups(privs, true);
    if (groupsParam) {
      const wanted = splitList(perlString(params.groups));
      if (wanted.length === 0) throw permissionError(`/access/groups, ${privs.join('|')}`);
      for (const groupid of wanted) {
        if (!groups.has(groupid)) throw permissionError(`/access/groups/${groupid}, ${privs.join('|')}`);
      }
    }
    if (checkExisting && !this.groupMembers(groups).has(userid!)) {
      if (noerr) return false;
      throw permissionError();
    }
    return true;
  }

  #useridParam(test: 'self' | 'Realm.AllocateUser', params: RawParams, noerr: boolean): boolean {
    let target: { userid: string; realm: string };
    try {
      target = verifyUsername(perlString(params.userid) ?? '');
    } catch (err) {
      rethrowPlain(err);
    }
    if (test === 'Realm.AllocateUser') return this.check(`/access/realm/${target.realm}`, ['Realm.AllocateUser'], noerr);
    if (!this.userExists(target.userid, noerr)) return false;
    if (this.authid === target.userid) return true;
    if (noerr) return false;
    throw permissionError();
  }
}
