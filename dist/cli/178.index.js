export const id = 178;
export const ids = [178];
export const modules = {

/***/ 66178:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:readline/promises"
var external_node_readline_promises_ = __webpack_require__(26848);
;// CONCATENATED MODULE: ./src/log-line.ts
/**
 * The one formatter for text the action writes to the job log (stdout and stderr).
 *
 * The runner reads the log line by line and runs any line that starts with `::` (after leading
 * white space) as a workflow command, and also any line that holds `##[` anywhere (the older
 * command form). A user id, a comment or a cluster answer that carries a line break followed by
 * `::add-mask::` or `::stop-commands::` would otherwise become a command: a stop-commands line
 * written before a token is created would even turn the mask of its secret off.
 *
 * - `oneLine(value)` for outside text placed into a line: line breaks and every other control or
 *   invisible character are shown as escapes (`\n`, `\u001b`), so a value stays on its line.
 * - `safeLines(text)` for a whole message: the action's own line breaks stay, and each line is
 *   made safe, so even a value nobody passed through `oneLine` cannot start a command.
 *
 * The runner compares the command prefixes with culture-aware string functions, which skip
 * characters that have no weight (zero-width spaces, most control characters): those are shown
 * as escapes, and the checks for `::` and `##[` look through any that remain (tab, and the ANSI
 * escape the command line's colours use). Escapes are `\uXXXX`, so a JSON line stays valid JSON
 * with the same value.
 */
/** What the runner's line reader splits on; other separators (NEL, U+2028) are escaped within the line. */
const LINE_BREAK = /\r\n|\r|\n/;
/** Everything but tab and ESC that is a control or format character: invisible, weightless or a line break. */
const INVISIBLE_IN_LINE = /(?![\t\u001b])[\p{Cc}\p{Cf}\u2028\u2029]/gu;
/** In a value, tab and ESC too: a value must not move the cursor or change colours. */
const INVISIBLE_IN_VALUE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
/** Characters the runner's comparison may skip; only tab and ESC are left once the rest are escaped. */
const SKIPPED = '[\\p{Cc}\\p{Cf}]*';
/** A line the runner would read as `::command`: white space (as .NET trims it) or skipped characters, then `::`. */
const LEADING_COMMAND = new RegExp(`^([\\s\\p{Z}\\p{Cc}\\p{Cf}]*):(${SKIPPED}):`, 'u');
/** The older `##[command]` form, found anywhere in a line. */
const LEGACY_COMMAND = new RegExp(`#(${SKIPPED})#(${SKIPPED})\\[`, 'gu');
const SHORT_ESCAPES = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const escapeChar = (ch) => SHORT_ESCAPES[ch] ?? `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
/** Makes one line inert: a leading `::` gets a backslash, and every `##[` loses its bracket. */
function neutralise(line) {
    return line
        .replace(LEADING_COMMAND, (_all, lead, between) => `${lead}\\:${between}:`)
        .replace(LEGACY_COMMAND, (_all, first, second) => `#${first}#${second}\\u005b`);
}
/** Outside text (a spec value, a cluster or GitHub answer) as part of one log line. */
function log_line_oneLine(value) {
    return neutralise(value.replace(INVISIBLE_IN_VALUE, escapeChar));
}
/** One line the action writes; a line break inside is shown as `\n`, not followed. */
function safeLine(line) {
    return neutralise(line.replace(INVISIBLE_IN_LINE, escapeChar));
}
/** Text the action composed with its own line breaks: every line is made safe, the breaks stay. */
function safeLines(text) {
    return text
        .split(LINE_BREAK)
        .map((line) => safeLine(line))
        .join('\n');
}

;// CONCATENATED MODULE: ./src/model/markdown-escape.ts
/**
 * Markdown and HTML escaping for strings that come from a spec or a cluster (comments, messages,
 * ids). A comment may hold `|`, `<b>`, backticks or `@team`; none of them may change the shape
 * of a table, inject HTML, or notify anyone.
 */
const HTML_ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
};
const flattenLines = (text) => text.replace(/\r\n|\r|\n/g, ' ');
/**
 * Where GitHub would see a mention: `@` after a non-word character, then a login or `org/team`.
 * An e-mail address (`ops@example.com`) is none.
 */
const MENTION = /((?<!\w)@[\w-]+(?:\/[\w-]+)?)/;
const escapeChars = (text) => text.replace(/[&<>|\\`*_~[\]]/g, (ch) => {
    if (ch === '|')
        return '&#124;';
    if (ch in HTML_ENTITIES)
        return HTML_ENTITIES[ch] ?? ch;
    return `\\${ch}`;
});
/**
 * Escapes free text for inline Markdown: HTML is shown, not rendered; emphasis, links and code
 * marks are literal; `|` cannot split a table cell; line breaks become spaces so a cell or list
 * item stays on one line. An `@name` goes into a code span, where GitHub links no mention
 * (entities would not help: mentions are found in the rendered text), and what a reader copies
 * from it is exactly the text, with nothing invisible added.
 */
function markdown_escape_escapeText(text) {
    return flattenLines(text)
        .split(MENTION)
        .map((part, i) => (i % 2 === 1 ? markdown_escape_code(part) : escapeChars(part)))
        .join('');
}
/**
 * An inline code span that holds any text literally: the fence is one backtick longer than the
 * longest run inside, and padding keeps a leading or trailing backtick from merging with it.
 * Mentions are not linked inside code, so ids like `@admins` are safe here.
 */
function markdown_escape_code(text) {
    const content = flattenLines(text);
    const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    const pad = content.startsWith('`') || content.endsWith('`') || content === '' ? ' ' : '';
    return `${fence}${pad}${content}${pad}${fence}`;
}
/**
 * One table row. GFM splits cells before it parses code spans, so a `|` inside a code span
 * must be escaped as `\|`; escaped text never holds a raw `|`, so every remaining one is such.
 */
function markdown_escape_tableRow(cells) {
    return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
}
/** Header row and delimiter row of a table. Headers are trusted labels. */
function markdown_escape_tableHead(headers, align = []) {
    const rule = headers.map((_, i) => {
        const a = align[i] ?? 'left';
        return a === 'right' ? '---:' : a === 'center' ? ':---:' : '---';
    });
    return `${markdown_escape_tableRow(headers)}\n| ${rule.join(' | ')} |`;
}
/**
 * A Markdown link to an http(s) URL, or just the label when the URL is not one: a run URL comes
 * from the environment, and a `javascript:` link in a comment is never what anyone meant.
 */
function markdown_escape_link(label, url) {
    if (url === undefined || !/^https?:\/\/[^\s]+$/i.test(url))
        return label;
    const safeUrl = url.replace(/[()<>|"]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
    return `[${label}](${safeUrl})`;
}
/** The name callers use for escaping free text; the same as `escapeText`. */
const escapeMarkdown = (/* unused pure expression or super */ null && (markdown_escape_escapeText));

;// CONCATENATED MODULE: ./src/message.ts
/**
 * Messages the action writes once for both the log and Markdown (job summary, comments). In a
 * template's own text, `name` is a code span the action means (an input, a permission); the
 * values put into it are outside text (names from the spec, GitHub's or Proxmox's answers) and
 * are escaped in the Markdown form like any other, so a backtick in them never opens code.
 */

const isMessage = (part) => typeof part === 'object';
/** Text the action wrote itself, as Markdown: each `…` pair a code span, the rest escaped. */
function ownMarkdown(text) {
    return text
        .split(/(`[^`\n]+`)/)
        .map((part, i) => (i % 2 === 1 ? markdown_escape_code(part.slice(1, -1)) : markdown_escape_escapeText(part)))
        .join('');
}
/** A constant the action wrote, with its code spans. */
const ownMessage = (text) => ({ text, markdown: ownMarkdown(text) });
/** Text that may hold outside values throughout: all of it escaped. */
const plainMessage = (text) => ({ text, markdown: markdown_escape_escapeText(text) });
/** A part put into a message: outside text is escaped, a nested message keeps its Markdown. */
const partMarkdown = (part) => (isMessage(part) ? part.markdown : markdown_escape_escapeText(String(part)));
const partText = (part) => (isMessage(part) ? part.text : String(part));
/** `` message`no \`secrets-token\` was given, but ${target} needs one` `` */
function message(strings, ...values) {
    let text = strings[0] ?? '';
    let markdown = ownMarkdown(strings[0] ?? '');
    values.forEach((value, i) => {
        const own = strings[i + 1] ?? '';
        text += partText(value) + own;
        markdown += partMarkdown(value) + ownMarkdown(own);
    });
    return { text, markdown };
}
/** An error's message as Markdown: what the action marked up, or the whole message escaped. */
function errorMarkdown(err) {
    if (typeof err !== 'object' || err === null || !('markdown' in err))
        return undefined;
    return typeof err.markdown === 'string' ? err.markdown : undefined;
}

;// CONCATENATED MODULE: ./src/errors.ts
/**
 * Typed errors. Each carries what the reporter needs and never a credential.
 * Only the transport retries, and only what `retryable` marks safe.
 */


class errors_ActionError extends Error {
    name = 'ActionError';
    /** The message as Markdown, when it holds code spans the action wrote (see message.ts). */
    markdown;
    constructor(message, options) {
        super(typeof message === 'string' ? message : message.text, options);
        this.markdown = typeof message === 'string' ? undefined : message.markdown;
    }
}
class errors_InputError extends errors_ActionError {
    input;
    name = 'InputError';
    constructor(input, message) {
        super(message);
        this.input = input;
    }
}
class SpecError extends errors_ActionError {
    problems;
    name = 'SpecError';
    constructor(problems) {
        super(problems.map((p) => `${log_line_oneLine(p.position.file)}:${p.position.line}:${p.position.column}: ${log_line_oneLine(p.message)}`).join('\n'));
        this.problems = problems;
    }
}
/** An error answer of the Proxmox API. PVE has no 404/409: not-found and exists are 500 with a message. */
class ProxmoxApiError extends errors_ActionError {
    method;
    path;
    status;
    reason;
    errors;
    name = 'ProxmoxApiError';
    constructor(method, path, status, 
    /** The first line of PVE's message (its reason phrase). */
    reason, errors = {}, options) {
        const detail = Object.entries(errors)
            .map(([k, v]) => `${k}: ${v.trim()}`)
            .join('; ');
        super(`${method} ${path}: ${status} ${reason}${detail ? ` (${detail})` : ''}`, options);
        this.method = method;
        this.path = path;
        this.status = status;
        this.reason = reason;
        this.errors = errors;
    }
    get notFound() {
        return this.status === 500 && /does not exist|no such (user|token|group)/.test(this.reason);
    }
    get alreadyExists() {
        return /already exists/i.test(this.reason) || /already exists/i.test(Object.values(this.errors).join(' '));
    }
    get lockTimeout() {
        return /cfs-lock '[^']+' error: got lock request timeout/.test(this.reason);
    }
    get retryable() {
        if (this.lockTimeout || this.status === 502 || this.status === 503 || this.status === 504)
            return true;
        // A plain 500 is usually deterministic in PVE ("does not exist", "already exists"); only cluster hiccups are transient.
        return this.status === 500 && /pve cluster filesystem not online|no quorum|locked command timed out/.test(this.reason);
    }
}
/** The request never got an answer (connection refused or reset, timeout, TLS failure). */
class TransportError extends errors_ActionError {
    method;
    path;
    name = 'TransportError';
    constructor(method, path, message, options) {
        super(`${method} ${path}: ${message}`, options);
        this.method = method;
        this.path = path;
    }
}
class UnsafePlanError extends errors_ActionError {
    name = 'UnsafePlanError';
}
class SecretDeliveryError extends errors_ActionError {
    sink;
    name = 'SecretDeliveryError';
    /** The message without the sink, for an error that wraps this one. */
    detail;
    constructor(
    /** e.g. `github-secret acme/infra:production/PM_API_TOKEN`; never the value. */
    sink, text, options) {
        super(typeof text === 'string' ? `${sink}: ${text}` : message `${sink}: ${text}`, options);
        this.sink = sink;
        this.detail = typeof text === 'string' ? plainMessage(text) : text;
    }
}
class ApplyError extends errors_ActionError {
    name = 'ApplyError';
}
const errorMessage = (err) => (err instanceof Error ? err.message : String(err));

;// CONCATENATED MODULE: ./src/model/finding.ts
/**
 * Findings: what a check has to say about a spec or a plan, and where in the spec file it comes
 * from, so it can become an annotation on that line.
 */
/** Builds a finding without writing `undefined` into optional properties (exactOptionalPropertyTypes). */
function finding(severity, code, message, at = {}) {
    return {
        severity,
        code,
        message,
        ...(at.address !== undefined ? { address: at.address } : {}),
        ...(at.position !== undefined ? { position: at.position } : {}),
    };
}

;// CONCATENATED MODULE: ./src/model/identity.ts
/**
 * PVE's id grammar for users and tokens, and the one user PVE treats apart: `root@pam`, which
 * always holds every privilege and is never deleted.
 */
const ROOT_USER = 'root@pam';
/** A realm id, and a token's own name (the part after `!`): a letter, then at least one more of `A-Za-z0-9.-_`. */
const NAME = '[A-Za-z][A-Za-z0-9.\\-_]+';
/**
 * `name@realm`: the name is anything without whitespace, `:` or `/` (it may hold `@`, so the
 * realm is what follows the last one); the realm starts with a letter and has at least 2 characters.
 */
const identity_USERID_PATTERN = new RegExp(`^[^\\s:/]+@${NAME}$`);
const identity_REALM_PATTERN = new RegExp(`^${NAME}$`);
const TOKEN_NAME_PATTERN = new RegExp(`^${NAME}$`);
/** `user@realm!name`, the full id of an API token. */
const identity_TOKEN_ID_PATTERN = new RegExp(`^[^\\s:/]+@${NAME}!${NAME}$`);
/**
 * Why `id` is not a full token id, in words that never repeat it (a pasted secret must not be
 * echoed); undefined when it is one.
 */
function tokenIdProblem(id) {
    if (identity_TOKEN_ID_PATTERN.test(id))
        return undefined;
    if (id.includes('='))
        return 'the API token id looks like a whole token string (id=secret): give only user@realm!name';
    const split = splitTokenId(id);
    const shape = 'the API token id must look like user@realm!name, e.g. automation@pve!ci';
    if (!split || !identity_USERID_PATTERN.test(split.userid))
        return shape;
    if (!TOKEN_NAME_PATTERN.test(split.tokenid)) {
        return `${shape}; the token name after "!" must start with a letter and have at least 2 characters (letters, digits, ".", "-", "_")`;
    }
    return shape;
}
/** Splits `user@realm!token` at the last `!`; undefined for a plain userid. */
function splitTokenId(id) {
    const bang = id.lastIndexOf('!');
    if (bang < 0)
        return undefined;
    return { userid: id.slice(0, bang), tokenid: id.slice(bang + 1) };
}
const fullTokenId = (userid, tokenid) => `${userid}!${tokenid}`;

;// CONCATENATED MODULE: ./src/model/live-state.ts
/** PVE's built-in Administrator role holds every privilege the server knows. */
function serverPrivileges(live) {
    return live.roles['Administrator']?.privileges ?? [];
}

;// CONCATENATED MODULE: ./src/model/addresses.ts
const roleAddress = (roleid) => `role:${roleid}`;
const groupAddress = (groupid) => `group:${groupid}`;
const userAddress = (userid) => `user:${userid}`;
const tokenAddress = (fullid) => `token:${fullid}`;
/** PVE keys an ACL entry by (path, subject, role); propagate is its only value. */
const aclKey = (e) => `${e.path}|${e.type}:${e.ugid}|${e.roleid}`;
const aclAddress = (e) => `acl:${aclKey(e)}`;

;// CONCATENATED MODULE: ./src/model/compare.ts
/** Code-unit order: stable across machines and locales, unlike localeCompare. */
const compareText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const sortedUnique = (items) => [...new Set(items)].sort(compareText);
/** Same members, whatever the order or duplicates. */
function sameSet(a, b) {
    const left = new Set(a);
    const right = new Set(b);
    return left.size === right.size && [...left].every((item) => right.has(item));
}
/** The order of LiveState.acl: path, subject type, subject, role. */
const compareAclEntries = (a, b) => compareText(a.path, b.path) || compareText(a.type, b.type) || compareText(a.ugid, b.ugid) || compareText(a.roleid, b.roleid);

;// CONCATENATED MODULE: ./src/plan/pool-state.ts
/**
 * What pool changes do to the live state, PVE's cascades included: a guest added to a pool
 * leaves the pool it was in, and a deleted pool takes the ACL entries on its path and below
 * along. Pure; apply-to-state.ts calls it.
 */

/** Whether an ACL entry goes with the deleted pool. */
const goesWithPool = (poolid) => (e) => e.path === `/pool/${poolid}` || e.path.startsWith(`/pool/${poolid}/`);
function applyOne(pools, c) {
    if (c.action === 'delete') {
        pools.delete(c.poolid);
        return;
    }
    for (const [id, pool] of pools) {
        if (id !== c.poolid && c.addVms.some((v) => pool.vms.includes(v)))
            pools.set(id, { ...pool, vms: pool.vms.filter((v) => !c.addVms.includes(v)) });
    }
    const was = pools.get(c.poolid);
    const vms = [...(was?.vms ?? []).filter((v) => !c.removeVms.includes(v)), ...c.addVms];
    const storage = [...(was?.storage ?? []).filter((s) => !c.removeStorage.includes(s)), ...c.addStorage];
    pools.set(c.poolid, {
        poolid: c.poolid,
        comment: c.setComment || !was ? c.comment : was.comment,
        vms: [...new Set(vms)].sort((a, b) => a - b),
        storage: [...new Set(storage)].sort(compareText),
    });
}
/** The pools once the plan's pool changes ran; undefined stays undefined (a state read without pools). */
function applyPoolChanges(pools, changes) {
    const poolChanges = changes.filter((c) => c.kind === 'pool' && !c.implied);
    if (pools === undefined && poolChanges.length === 0)
        return undefined;
    const draft = new Map(Object.entries(pools ?? {}));
    for (const change of poolChanges)
        applyOne(draft, change);
    return Object.fromEntries([...draft].sort(([a], [b]) => compareText(a, b)));
}

;// CONCATENATED MODULE: ./src/plan/apply-to-state.ts




const dropAcl = (draft, gone) => {
    for (const [key, entry] of draft.acl)
        if (gone(entry))
            draft.acl.delete(key);
};
function applyUser(draft, c) {
    if (c.action === 'delete') {
        draft.users.delete(c.userid);
        dropAcl(draft, (e) => (e.type === 'user' && e.ugid === c.userid) || (e.type === 'token' && e.ugid.startsWith(`${c.userid}!`)));
        return;
    }
    const base = draft.users.get(c.userid) ?? {
        userid: c.userid,
        enable: true,
        expire: 0,
        comment: '',
        email: '',
        firstname: '',
        lastname: '',
        groups: [],
        tokens: {},
    };
    const next = { ...base, ...c.set };
    draft.users.set(c.userid, { ...next, groups: sortedUnique(next.groups) });
}
/** A lifetime counts from the moment of (re)creation, which is `now` here. */
function tokenExpire(c, previous, now) {
    const expireField = c.fields.find((f) => f.field === 'expire');
    const overlapField = c.fields.find((f) => f.field === 'overlap');
    if (overlapField && typeof overlapField.after === 'number')
        return now + overlapField.after;
    const resets = c.action === 'create' || c.action === 'rotate' || c.fields.some((f) => f.field === 'lifetime');
    if (resets)
        return c.lifetime !== undefined ? now + c.lifetime : 0;
    if (expireField && typeof expireField.after === 'number')
        return expireField.after;
    return previous?.expire ?? 0;
}
/**
 * An overlap rotation leaves the token and adds its next generation; the old one expires after
 * the overlap, unless it expires sooner anyway.
 */
function applyOverlap(tokens, c, generation, now) {
    const old = tokens[c.tokenid];
    if (old) {
        const retire = now + generation.overlap;
        tokens[c.tokenid] = { ...old, expire: old.expire > 0 && old.expire < retire ? old.expire : retire };
    }
    tokens[generation.tokenid] = {
        tokenid: generation.tokenid,
        privsep: c.privsep,
        comment: c.comment,
        expire: c.lifetime !== undefined ? now + c.lifetime : 0,
    };
}
/** The new generation holds the ACL entries the replaced token holds once every change is in. */
function copyGenerationAcl(draft, changes) {
    for (const c of changes) {
        if (c.kind !== 'token' || c.generation === undefined)
            continue;
        const { fullid } = c.generation;
        for (const entry of [...draft.acl.values()]) {
            if (entry.type !== 'token' || entry.ugid !== c.fullid)
                continue;
            const copy = { ...entry, ugid: fullid };
            draft.acl.set(aclKey(copy), copy);
        }
    }
}
function applyToken(draft, c, now) {
    const user = draft.users.get(c.userid);
    if (!user)
        return;
    const tokens = { ...user.tokens };
    if (c.generation !== undefined) {
        applyOverlap(tokens, c, c.generation, now);
    }
    else if (c.action === 'delete') {
        delete tokens[c.tokenid];
        dropAcl(draft, (e) => e.type === 'token' && e.ugid === c.fullid);
    }
    else {
        const previous = tokens[c.tokenid];
        const field = (name) => c.fields.find((f) => f.field === name);
        // Updates touch only the fields they list; creates and recreations take the declared values.
        const listed = (name, declared, kept) => c.action === 'create' || c.rotation === 'recreate' || field(name) ? declared : (kept ?? declared);
        tokens[c.tokenid] = {
            tokenid: c.tokenid,
            privsep: listed('privsep', c.privsep, previous?.privsep),
            comment: listed('comment', c.comment, previous?.comment),
            expire: tokenExpire(c, previous, now),
        };
    }
    draft.users.set(c.userid, { ...user, tokens: Object.fromEntries(Object.entries(tokens).sort(([a], [b]) => compareText(a, b))) });
}
function applyChange(draft, c, now) {
    switch (c.kind) {
        case 'role':
            if (c.action === 'delete') {
                if (draft.roles.get(c.roleid)?.builtin)
                    return;
                draft.roles.delete(c.roleid);
                dropAcl(draft, (e) => e.roleid === c.roleid);
            }
            else
                draft.roles.set(c.roleid, { roleid: c.roleid, privileges: sortedUnique(c.privileges), builtin: false });
            return;
        case 'group':
            if (c.action === 'delete') {
                draft.groups.delete(c.groupid);
                for (const [id, u] of draft.users)
                    if (u.groups.includes(c.groupid))
                        draft.users.set(id, { ...u, groups: u.groups.filter((g) => g !== c.groupid) });
                dropAcl(draft, (e) => e.type === 'group' && e.ugid === c.groupid);
            }
            else
                draft.groups.set(c.groupid, { groupid: c.groupid, comment: c.comment, members: draft.groups.get(c.groupid)?.members ?? [] });
            return;
        case 'user':
            return applyUser(draft, c);
        case 'token':
            return applyToken(draft, c, now);
        case 'pool':
            if (c.action === 'delete')
                dropAcl(draft, goesWithPool(c.poolid));
            return;
        case 'acl':
            if (c.action === 'delete')
                draft.acl.delete(aclKey(c.entry));
            else if (!(c.entry.type === 'user' && c.entry.ugid === ROOT_USER))
                draft.acl.set(aclKey(c.entry), c.entry);
    }
}
const sortedRecord = (map) => Object.fromEntries([...map].sort(([a], [b]) => compareText(a, b)));
/** Memberships live on users; groups list them too, so rebuild that side (keeping members this state does not know). */
function withMembers(groups, users) {
    const membersOf = new Map();
    for (const user of users.values()) {
        for (const g of user.groups) {
            const list = membersOf.get(g);
            if (list)
                list.push(user.userid);
            else
                membersOf.set(g, [user.userid]);
        }
    }
    const out = new Map();
    for (const [id, group] of groups) {
        const unknown = group.members.filter((m) => !users.has(m));
        out.set(id, { ...group, members: sortedUnique([...unknown, ...(membersOf.get(id) ?? [])]) });
    }
    return out;
}
/** `now` (epoch seconds) turns token lifetimes into expiries; without it they count from 0. */
function applyChangesToState(live, changes, now = 0) {
    const draft = {
        roles: new Map(Object.entries(live.roles)),
        users: new Map(Object.entries(live.users)),
        groups: new Map(Object.entries(live.groups)),
        acl: new Map(live.acl.map((e) => [aclKey(e), e])),
    };
    for (const change of changes)
        applyChange(draft, change, now);
    copyGenerationAcl(draft, changes);
    const acl = [...draft.acl.values()].sort(compareAclEntries);
    return {
        version: live.version,
        roles: sortedRecord(draft.roles),
        users: sortedRecord(draft.users),
        groups: sortedRecord(withMembers(draft.groups, draft.users)),
        acl,
        ...withPools(applyPoolChanges(live.pools, changes)),
    };
}
const withPools = (pools) => (pools === undefined ? {} : { pools });

;// CONCATENATED MODULE: ./src/model/realm.ts
/**
 * Authentication realms: the five types PVE knows, the options each type takes (spec names in
 * kebab-case, beside PVE's own parameter names), and the property strings of the sync defaults
 * and the realm-wide second factor in one canonical spelling, so a spec value and a value read
 * back from the cluster compare equal exactly when PVE holds the same setting.
 */
const REALM_TYPES = ['pam', 'pve', 'ldap', 'ad', 'openid'];
/** `pam` and `pve` always exist: never created, never deleted, their type never changes. */
const BUILTIN_REALMS = ['pam', 'pve'];
const isBuiltinRealm = (realm) => BUILTIN_REALMS.includes(realm);
const ALL = REALM_TYPES;
const DIRECTORY = ['ldap', 'ad'];
const OPENID = ['openid'];
const opt = (wire, kind, types, extra = {}) => ({
    wire,
    kind,
    types,
    ...extra,
});
/** Every option a realm may declare, keyed by its spec name (secrets are never among them). */
const REALM_OPTIONS = {
    comment: opt('comment', 'string', ALL),
    default: opt('default', 'boolean', ALL),
    tfa: opt('tfa', 'tfa', ['pam', 'pve', 'ldap', 'ad']),
    server1: opt('server1', 'string', DIRECTORY, { requiredBy: DIRECTORY }),
    server2: opt('server2', 'string', DIRECTORY),
    port: opt('port', 'integer', DIRECTORY),
    mode: opt('mode', 'string', DIRECTORY),
    secure: opt('secure', 'boolean', DIRECTORY),
    sslversion: opt('sslversion', 'string', DIRECTORY),
    verify: opt('verify', 'boolean', DIRECTORY),
    capath: opt('capath', 'string', DIRECTORY),
    cert: opt('cert', 'string', DIRECTORY),
    certkey: opt('certkey', 'string', DIRECTORY),
    domain: opt('domain', 'string', ['ad'], { requiredBy: ['ad'] }),
    'base-dn': opt('base_dn', 'string', DIRECTORY, { requiredBy: ['ldap'] }),
    'user-attr': opt('user_attr', 'string', DIRECTORY, { requiredBy: ['ldap'] }),
    'bind-dn': opt('bind_dn', 'string', DIRECTORY),
    filter: opt('filter', 'string', DIRECTORY),
    'sync-attributes': opt('sync_attributes', 'string', DIRECTORY),
    'user-classes': opt('user_classes', 'string', DIRECTORY),
    'group-dn': opt('group_dn', 'string', DIRECTORY),
    'group-name-attr': opt('group_name_attr', 'string', DIRECTORY),
    'group-filter': opt('group_filter', 'string', DIRECTORY),
    'group-classes': opt('group_classes', 'string', DIRECTORY),
    'case-sensitive': opt('case-sensitive', 'boolean', DIRECTORY),
    sync: opt('sync-defaults-options', 'sync', DIRECTORY),
    'issuer-url': opt('issuer-url', 'string', OPENID, { requiredBy: OPENID }),
    'client-id': opt('client-id', 'string', OPENID, { requiredBy: OPENID }),
    autocreate: opt('autocreate', 'boolean', OPENID),
    'username-claim': opt('username-claim', 'string', OPENID, { createOnly: true }),
    'groups-claim': opt('groups-claim', 'string', OPENID),
    'groups-autocreate': opt('groups-autocreate', 'boolean', OPENID),
    'groups-overwrite': opt('groups-overwrite', 'boolean', OPENID),
    prompt: opt('prompt', 'string', OPENID),
    scopes: opt('scopes', 'string', OPENID),
    'acr-values': opt('acr-values', 'string', OPENID),
    'query-userinfo': opt('query-userinfo', 'boolean', OPENID),
};
/** The write-only secret each type takes, by PVE's parameter name: never in the spec, never read back. */
const REALM_SECRET_PARAM = { ldap: 'password', ad: 'password', openid: 'client-key' };
/** What the secret is called in texts. */
const REALM_SECRET_LABEL = {
    ldap: 'bind password',
    ad: 'bind password',
    openid: 'client key',
};
/** Only directory realms can be synced. */
const isSyncableType = (type) => type === 'ldap' || type === 'ad';
const isRealmType = (value) => REALM_TYPES.includes(value);
/** Options `type` takes, by spec name. */
const optionsOfType = (type) => Object.entries(REALM_OPTIONS)
    .filter(([, def]) => def.types.includes(type))
    .map(([name]) => name);
/** The spec name of a PVE parameter, or undefined when the spec does not manage it. */
function specOptionName(wire) {
    return Object.entries(REALM_OPTIONS).find(([, def]) => def.wire === wire)?.[0];
}
/** Keys of the sync defaults (`sync-defaults-options`) the spec manages; `full`/`purge` are PVE's deprecated spellings. */
const SYNC_KEYS = ['scope', 'enable-new', 'remove-vanished'];
const SYNC_SCOPES = ['users', 'groups', 'both'];
const REMOVE_VANISHED = ['acl', 'entry', 'properties'];
/** `a=1,b=x` → its pairs; the value is everything after the first `=`. */
function parsePropertyString(text) {
    const out = {};
    for (const part of text.split(',')) {
        if (part.trim() === '')
            continue;
        const at = part.indexOf('=');
        if (at < 0)
            out[part.trim()] = '';
        else
            out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
    }
    return out;
}
/** Keys sorted; `remove-vanished` parts sorted and de-duplicated; flags as 1/0. */
function canonicalPropertyString(pairs) {
    return Object.keys(pairs)
        .sort()
        .map((key) => {
        const raw = pairs[key];
        let value = typeof raw === 'boolean' ? (raw ? '1' : '0') : String(raw);
        if (key === 'remove-vanished' && value !== 'none')
            value = [...new Set(value.split(';'))].sort().join(';');
        return `${key}=${value}`;
    })
        .join(',');
}
/**
 * The sync defaults as PVE keeps them: the deprecated `full`/`purge` folded into `remove-vanished`
 * as PVE folds them, then only the keys the spec manages.
 */
function canonicalSyncDefaults(text) {
    const pairs = parsePropertyString(text);
    const on = (v) => v !== undefined && v !== '' && v !== '0';
    if (pairs['remove-vanished'] === undefined && (on(pairs.full) || on(pairs.purge))) {
        pairs['remove-vanished'] = [...(on(pairs.full) ? ['entry', 'properties'] : []), ...(on(pairs.purge) ? ['acl'] : [])].join(';');
    }
    const kept = Object.fromEntries(Object.entries(pairs).filter(([key]) => SYNC_KEYS.includes(key)));
    if (kept['enable-new'] !== undefined)
        kept['enable-new'] = on(kept['enable-new']) ? '1' : '0';
    return canonicalPropertyString(kept);
}
/** The user-facing realm of a userid or token id (`alice@ldap1!ci` → `ldap1`). */
function realmOf(id) {
    const user = id.split('!')[0] ?? id;
    const at = user.lastIndexOf('@');
    return at < 0 ? undefined : user.slice(at + 1);
}
const realmAddress = (realm) => `realm:${realm}`;

;// CONCATENATED MODULE: ./src/plan/lockout-changes.ts


function actingScope(identity, live) {
    const userid = splitTokenId(identity)?.userid ?? identity;
    const subjects = new Set([`user:${userid}`, ...(live.users[userid]?.groups ?? []).map((g) => `group:${g}`)]);
    if (identity !== userid)
        subjects.add(`token:${identity}`);
    const heldRoles = new Set(live.acl.filter((e) => subjects.has(subjectOf(e))).map((e) => e.roleid));
    return { identity, userid, subjects, heldRoles, live };
}
const subjectOf = (e) => `${e.type}:${e.ugid}`;
const describeEntry = (e) => `${e.roleid} on ${e.path} for ${e.type} ${e.ugid}`;
const groupCarriesAcl = (groupid, live) => live.acl.some((e) => e.type === 'group' && e.ugid === groupid);
/** Why this change cuts the acting identity off, each reason worded to follow "this plan". */
function changeReasons(change, scope, now) {
    switch (change.kind) {
        case 'user':
            return change.userid === scope.userid ? userReasons(change, scope, now) : [];
        case 'token':
            return change.fullid === scope.identity ? tokenReasons(change) : [];
        case 'role':
            return scope.heldRoles.has(change.roleid) ? roleReasons(change, scope.live) : [];
        case 'realm':
            return change.action === 'delete' && realmOf(scope.userid) === change.realm
                ? [`deletes realm ${change.realm}, which this run's identity logs in through`]
                : [];
        case 'group':
            if (change.action !== 'delete' || !scope.subjects.has(`group:${change.groupid}`) || !groupCarriesAcl(change.groupid, scope.live))
                return [];
            return [`deletes group ${change.groupid}, through which this run's identity holds its privileges`];
        case 'pool':
            // A pool change moves privileges only through members, never the acting identity's own grants.
            return [];
        case 'acl': {
            if (!scope.subjects.has(subjectOf(change.entry)))
                return [];
            if (change.action === 'delete')
                return [`revokes ${describeEntry(change.entry)}, which this run's identity relies on`];
            const was = scope.live.acl.find((e) => e.path === change.entry.path && subjectOf(e) === subjectOf(change.entry) && e.roleid === change.entry.roleid);
            return change.action === 'update' && was?.propagate === true && !change.entry.propagate
                ? [`stops ${describeEntry(change.entry)} from propagating`]
                : [];
        }
    }
}
function userReasons(change, scope, now) {
    const acts = `user ${change.userid}, which this run acts as`;
    if (change.action === 'delete')
        return [`deletes ${acts}`];
    const reasons = [];
    if (change.set.enable === false)
        reasons.push(`disables ${acts}`);
    const expire = change.set.expire;
    const previous = scope.live.users[change.userid]?.expire ?? 0;
    if (expire !== undefined && expire !== 0 && expire <= now)
        reasons.push(`expires ${acts}`);
    // A later expiry still cuts the identity off then, with nothing in the plan to show for it.
    else if (expire !== undefined && expire !== 0 && (previous === 0 || expire < previous))
        reasons.push(`brings forward the expiry of ${acts}`);
    if (change.set.groups !== undefined) {
        const kept = new Set(change.set.groups);
        const lost = (scope.live.users[change.userid]?.groups ?? []).filter((g) => !kept.has(g) && groupCarriesAcl(g, scope.live));
        if (lost.length > 0)
            reasons.push(`removes ${acts}, from ${lost.join(', ')}`);
    }
    return reasons;
}
function tokenReasons(change) {
    const authenticates = `token ${change.fullid}, which this run authenticates with`;
    if (change.action === 'delete')
        return [`deletes ${authenticates}`];
    if (change.action === 'rotate')
        return [`rotates ${authenticates}, so the run would cut itself off`];
    const privsepWas = change.fields.find((f) => f.field === 'privsep')?.before;
    if (change.action === 'update' && change.privsep && privsepWas === false)
        return [`turns on privilege separation for ${authenticates}`];
    return [];
}
function roleReasons(change, live) {
    const held = `role ${change.roleid}, which this run's identity holds`;
    if (change.action === 'delete')
        return [`deletes ${held}`];
    const kept = new Set(change.privileges);
    const lost = (live.roles[change.roleid]?.privileges ?? []).filter((p) => !kept.has(p));
    return lost.length > 0 ? [`removes ${lost.join(', ')} from ${held}`] : [];
}

;// CONCATENATED MODULE: ./src/plan/pool-permissions.ts
/** The pools the object at `path` is a member of (a guest is in one at most, a storage in any number). */
function poolsOfPath(pools, path) {
    const vm = /^\/vms\/(\d+)$/.exec(path);
    const storage = /^\/storage\/([^/]+)$/.exec(path);
    if (!vm && !storage)
        return [];
    return Object.values(pools)
        .filter((pool) => (vm ? pool.vms.includes(Number(vm[1])) : pool.storage.includes(storage[1])))
        .map((pool) => pool.poolid);
}
/** `regular` (role → propagate) with the roles the identity holds through the member's pools. */
function withPoolRoles(pools, path, regular, rolesOn) {
    if (pools === undefined || regular.has('NoAccess'))
        return regular;
    const inherited = new Set(poolsOfPath(pools, path).flatMap((poolid) => [...rolesOn(`/pool/${poolid}`).keys()]));
    if (inherited.size === 0)
        return regular;
    if (inherited.has('NoAccess'))
        return new Map([['NoAccess', false]]);
    const roles = new Map(regular);
    for (const roleid of inherited)
        if (!roles.has(roleid))
            roles.set(roleid, false);
    return roles;
}
/** Whether an ACL path reaches the pool: `/pool`, the pool's own path or one above it. */
const reachesPool = (path, poolid) => path === '/pool' || `/pool/${poolid}` === path || `/pool/${poolid}`.startsWith(`${path}/`);
/** The member paths of every pool the entries' `/pool` paths reach: where a pool grant shows. */
function poolMemberPaths(pools, entries) {
    const poolPaths = entries.map((e) => e.path).filter((p) => p === '/pool' || p.startsWith('/pool/'));
    if (pools === undefined || poolPaths.length === 0)
        return [];
    const paths = new Set();
    for (const pool of Object.values(pools)) {
        if (!poolPaths.some((p) => reachesPool(p, pool.poolid)))
            continue;
        for (const vmid of pool.vms)
            paths.add(`/vms/${vmid}`);
        for (const storeid of pool.storage)
            paths.add(`/storage/${storeid}`);
    }
    return [...paths];
}
/** The grants that reach the pool: their subjects' privileges move when its members change. */
function poolGrants(poolid, acl) {
    return acl.filter((e) => reachesPool(e.path, poolid));
}

;// CONCATENATED MODULE: ./src/plan/permissions.ts
/**
 * PVE's permission engine, pure: which privileges an identity has on a path, from the user,
 * group and token ACL entries along it, walked as PVE walks them. The planner uses it for
 * before/after privilege diffs and safety rules. The simulator has its own engine;
 * test/integration/plan-permissions-golden.test.ts checks this one against the real PVE answers
 * of the golden vectors.
 * Pool members get the roles of their pools' paths (pool-permissions.ts).
 */


/** `/`, `/vms`, `/vms/100` for `/vms/100`. */
function pathLevels(path) {
    const parts = path.split('/').filter(Boolean);
    return ['/', ...parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`)];
}
/** Groups ACL entries by path once, so a walk costs one lookup per level. */
function indexAcl(acl) {
    const byPath = new Map();
    for (const e of acl) {
        const list = byPath.get(e.path);
        if (list)
            list.push(e);
        else
            byPath.set(e.path, [e]);
    }
    return byPath;
}
const indexes = new WeakMap();
function aclIndex(acl) {
    let idx = indexes.get(acl);
    if (!idx)
        indexes.set(acl, (idx = indexAcl(acl)));
    return idx;
}
/** The roles of an identity on a path, as `PVE::AccessControl::roles` computes them. */
function rolesAt(model, identity, path) {
    if (identity === ROOT_USER)
        return new Map([['Administrator', true]]);
    const token = splitTokenId(identity);
    if (token) {
        const info = model.users[token.userid]?.tokens[token.tokenid];
        if (!info)
            return new Map();
        if (!info.privsep)
            return rolesAt(model, token.userid, path);
    }
    const groups = new Set(token ? [] : (model.users[identity]?.groups ?? []));
    const index = aclIndex(model.acl);
    const levels = pathLevels(path);
    let current = new Map();
    levels.forEach((level, i) => {
        const final = i === levels.length - 1;
        const here = (index.get(level) ?? []).filter((e) => e.propagate || final);
        const pick = (match) => new Map(here.filter(match).map((e) => [e.roleid, e.propagate]));
        // Token entries replace for tokens; user entries beat groups; a union of groups replaces otherwise.
        const own = token ? pick((e) => e.type === 'token' && e.ugid === identity) : pick((e) => e.type === 'user' && e.ugid === identity);
        if (own.size > 0) {
            current = own;
            return;
        }
        if (token)
            return;
        const viaGroups = new Map();
        for (const e of here) {
            if (e.type === 'group' && groups.has(e.ugid))
                viaGroups.set(e.roleid, (viaGroups.get(e.roleid) ?? false) || e.propagate);
        }
        if (viaGroups.size > 0)
            current = viaGroups;
    });
    if (current.has('NoAccess'))
        return new Map([['NoAccess', current.get('NoAccess')]]);
    return withPoolRoles(model.pools, path, current, (poolPath) => rolesAt(model, identity, poolPath));
}
function privilegesOfRoles(model, roles) {
    const out = {};
    for (const [roleid, propagate] of roles) {
        for (const priv of model.roles[roleid] ?? [])
            out[priv] = (out[priv] ?? false) || propagate;
    }
    return out;
}
/** Privilege -> propagate for an identity on a path; privsep tokens get their own set ∩ their user's. */
function privilegesAt(model, identity, path) {
    if (identity === ROOT_USER)
        return Object.fromEntries(model.allPrivileges.map((p) => [p, true]));
    const own = privilegesOfRoles(model, rolesAt(model, identity, path));
    const token = splitTokenId(identity);
    const info = token && model.users[token.userid]?.tokens[token.tokenid];
    if (!token || !info || !info.privsep || token.userid === ROOT_USER)
        return own;
    const user = privilegesAt(model, token.userid, path);
    const out = {};
    for (const [priv, propagate] of Object.entries(own)) {
        if (priv in user)
            out[priv] = propagate && user[priv];
    }
    return out;
}

;// CONCATENATED MODULE: ./src/plan/privileges.ts




/** The permission engine's view of a state; each group also appears as a pseudo-user `@group` that is only its member. */
function accessModelOf(state, allPrivileges) {
    const users = {};
    for (const user of Object.values(state.users)) {
        users[user.userid] = {
            groups: user.groups,
            tokens: Object.fromEntries(Object.values(user.tokens).map((t) => [t.tokenid, { privsep: t.privsep }])),
        };
    }
    for (const groupid of Object.keys(state.groups))
        users[`@${groupid}`] = { groups: [groupid], tokens: {} };
    const known = new Set(allPrivileges);
    return {
        // PVE drops privileges it does not know when it parses a role, so they grant nothing.
        roles: Object.fromEntries(Object.values(state.roles).map((r) => [r.roleid, known.size > 0 ? r.privileges.filter((p) => known.has(p)) : r.privileges])),
        users,
        acl: state.acl,
        allPrivileges,
        ...(state.pools !== undefined && { pools: state.pools }),
    };
}
function indexState(state, allPrivileges) {
    const entriesBySubject = new Map();
    for (const e of state.acl) {
        const key = `${e.type}:${e.ugid}`;
        const list = entriesBySubject.get(key);
        if (list)
            list.push(e);
        else
            entriesBySubject.set(key, [e]);
    }
    return { state, model: accessModelOf(state, allPrivileges), entriesBySubject };
}
/** The entries that can shape a principal's privileges in one state. */
function relevantEntries(principal, indexed) {
    const subjects = [];
    const addUser = (userid) => {
        subjects.push(`user:${userid}`);
        for (const g of indexed.state.users[userid]?.groups ?? [])
            subjects.push(`group:${g}`);
    };
    if (principal.type === 'group')
        subjects.push(`group:${principal.id.slice(1)}`);
    else if (principal.type === 'user')
        addUser(principal.id);
    else {
        subjects.push(`token:${principal.id}`);
        addUser(splitTokenId(principal.id)?.userid ?? principal.id);
    }
    return subjects.flatMap((s) => indexed.entriesBySubject.get(s) ?? []);
}
const samePrivileges = (a, b) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([p, flag]) => Object.hasOwn(b, p) && b[p] === flag);
/** A principal's privileges on the paths of its grants in either state, only where before and after differ. */
function principalDiff(principal, before, after) {
    const was = relevantEntries(principal, before);
    const now = relevantEntries(principal, after);
    const beforeModel = { ...before.model, acl: was };
    const afterModel = { ...after.model, acl: now };
    const paths = [
        ...new Set([
            ...[...was, ...now].map((e) => e.path),
            ...poolMemberPaths(before.state.pools, was),
            ...poolMemberPaths(after.state.pools, now),
        ]),
    ].sort(compareText);
    const out = [];
    for (const path of paths) {
        const b = privilegesAt(beforeModel, principal.id, path);
        const a = privilegesAt(afterModel, principal.id, path);
        if (!samePrivileges(b, a))
            out.push({ path, before: b, after: a });
    }
    return out;
}
/** Every principal whose privileges a change can move: its subjects, holders of changed roles, members and tokens. */
function touchedPrincipals(changes, before, after) {
    const users = new Set();
    const groups = new Set();
    const tokens = new Set();
    const subject = (type, ugid) => (type === 'user' ? users : type === 'group' ? groups : tokens).add(ugid);
    const changedRoles = new Set();
    for (const c of changes) {
        if (c.kind === 'user')
            users.add(c.userid);
        else if (c.kind === 'group')
            groups.add(c.groupid);
        else if (c.kind === 'token')
            tokens.add(c.fullid);
        else if (c.kind === 'acl')
            subject(c.entry.type, c.entry.ugid);
        else if (c.kind === 'role')
            changedRoles.add(c.roleid);
        else if (c.kind === 'pool') {
            // A guest moved in leaves its old pool: that pool's grants stop reaching it.
            for (const id of [c.poolid, ...c.moves.map((m) => m.from)]) {
                for (const state of [before, after])
                    for (const e of poolGrants(id, state.acl))
                        subject(e.type, e.ugid);
            }
        }
    }
    if (changedRoles.size > 0) {
        for (const state of [before, after])
            for (const e of state.acl)
                if (changedRoles.has(e.roleid))
                    subject(e.type, e.ugid);
    }
    for (const state of [before, after])
        for (const g of groups)
            for (const m of state.groups[g]?.members ?? [])
                users.add(m);
    for (const state of [before, after]) {
        for (const u of users)
            for (const t of Object.keys(state.users[u]?.tokens ?? {}))
                tokens.add(`${u}!${t}`);
    }
    users.delete(ROOT_USER);
    const list = (ids, type, prefix = '') => [...ids].sort(compareText).map((id) => ({ id: `${prefix}${id}`, type }));
    return [...list(users, 'user'), ...list(groups, 'group', '@'), ...list(tokens, 'token')];
}
/** Before/after privileges of every principal the changes touch, only where they differ. */
function effectivePrivileges(before, after, changes) {
    const out = [];
    for (const principal of touchedPrincipals(changes, before.state, after.state)) {
        const paths = principalDiff(principal, before, after);
        if (paths.length > 0)
            out.push({ principal: principal.id, type: principal.type, paths });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/plan/lockout.ts
/**
 * The lockout policy, once: a plan must not delete or weaken the identity the run acts as (its
 * user, its token, the groups, roles and ACL entries it holds its rights through, its effective
 * privileges), nor take the last `Permissions.Modify` on `/` away from everyone but root@pam.
 * The planner turns each violation into a finding; the apply guard runs the same function again
 * on the changes it is about to execute, so a plan built by other means cannot cut off the
 * operator either. Pure.
 */







/**
 * Every way `changes`, applied to `live`, would lock the operator out. `acting` is the identity
 * this run authenticates as (a userid or a full token id), when known; `now` is epoch seconds.
 */
function lockoutViolations(changes, live, acting, now) {
    const privileges = serverPrivileges(live);
    const before = indexState(live, privileges);
    const after = indexState(applyChangesToState(live, changes, now), privileges);
    const out = [];
    if (acting !== undefined && acting !== '') {
        const address = splitTokenId(acting) ? `token:${acting}` : `user:${acting}`;
        const scope = actingScope(acting, live);
        const reasons = changes.flatMap((c) => changeReasons(c, scope, now));
        const loss = privilegeLoss(acting, before, after);
        if (loss !== undefined)
            reasons.push(loss);
        out.push(...reasons.map((reason) => ({ message: `this plan ${reason}`, address })));
    }
    if (keepsPermissionsModify(before, now) && !keepsPermissionsModify(after, now)) {
        out.push({ message: 'after this plan no identity except root@pam holds Permissions.Modify on /' });
    }
    return out;
}
/** The finding a violation becomes, in the plan and in the apply guard alike. */
function lockoutFinding(violation, position) {
    return finding('error', 'lockout', `lockout: ${violation.message}`, { address: violation.address, position });
}
function privilegeLoss(acting, before, after) {
    if (acting === ROOT_USER)
        return undefined;
    const principal = { id: acting, type: splitTokenId(acting) ? 'token' : 'user' };
    const losses = principalDiff(principal, before, after)
        .map(({ path, before: was, after: now }) => {
        const lost = Object.entries(was)
            .filter(([p, flag]) => !Object.hasOwn(now, p) || (flag && !now[p]))
            .map(([p]) => p);
        return lost.length > 0 ? `${lost.join(', ')} on ${path}` : undefined;
    })
        .filter((text) => text !== undefined);
    return losses.length > 0 ? `leaves ${acting} without ${losses.join('; ')}` : undefined;
}
const PERMISSIONS_MODIFY = 'Permissions.Modify';
/** Enabled, unexpired identities other than root@pam that hold Permissions.Modify on `/`. */
function keepsPermissionsModify(indexed, now) {
    const { state, model } = indexed;
    const usable = (expire) => expire === 0 || expire > now;
    // Only a grant on `/` whose role carries the privilege can give it on `/`.
    const granting = state.acl.filter((e) => e.path === '/' && (model.roles[e.roleid] ?? []).includes(PERMISSIONS_MODIFY));
    const candidates = new Set();
    for (const e of granting) {
        if (e.type === 'group')
            for (const m of state.groups[e.ugid]?.members ?? [])
                candidates.add(m);
        else
            candidates.add(e.ugid);
    }
    for (const id of [...candidates]) {
        if (splitTokenId(id))
            continue;
        for (const t of Object.values(state.users[id]?.tokens ?? {}))
            if (!t.privsep)
                candidates.add(`${id}!${t.tokenid}`);
    }
    return [...candidates].some((id) => {
        const token = splitTokenId(id);
        const user = state.users[token?.userid ?? id];
        if (!user || user.userid === ROOT_USER || !user.enable || !usable(user.expire))
            return false;
        const info = token ? user.tokens[token.tokenid] : undefined;
        if (token && (!info || !usable(info.expire)))
            return false;
        const principal = { id, type: token ? 'token' : 'user' };
        return Object.hasOwn(privilegesAt({ ...model, acl: relevantEntries(principal, indexed) }, id, '/'), PERMISSIONS_MODIFY);
    });
}

;// CONCATENATED MODULE: ./src/apply/guard.ts
/**
 * The last check before the first write. The planner reports the same risks as findings for the
 * PR comment; here they are enforced again on the plan that is about to run, whatever produced
 * it: the lockout policy runs once more on the changes about to be executed.
 */


/**
 * Throws UnsafePlanError listing every reason the plan must not run, each once: error findings,
 * lockouts (the plan's own, and any the policy finds again), and deletions while they are not allowed.
 */
function guardPlan(plan, options) {
    const lockouts = lockoutViolations(plan.changes, options.live, plan.actingIdentity, options.now).map((v) => lockoutFinding(v));
    const errors = [...plan.findings, ...lockouts].filter((f) => f.severity === 'error');
    // A delete the planner already refused (deletions-disabled) is listed once, as its finding.
    const refused = new Set(errors.filter((f) => f.code === 'deletions-disabled').map((f) => f.address));
    const deletions = forbiddenDeletions(plan, options.allowDeletions).filter(([address]) => !refused.has(address));
    const problems = [...new Set([...errors.map(findingProblem), ...deletions.map(([, problem]) => problem)])];
    if (problems.length === 0)
        return;
    throw new UnsafePlanError(`refusing to apply the plan:\n${problems.map((p) => `- ${p}`).join('\n')}`);
}
const findingProblem = (f) => `${f.address ? `${f.address}: ` : ''}${f.message} [${f.code}]`;
/** [address, problem] for each delete the plan would send while deletions are not allowed. */
function forbiddenDeletions(plan, allowDeletions) {
    if (allowDeletions)
        return [];
    // Implied deletes are cascades PVE performs itself; the delete that causes them is listed already.
    return plan.changes
        .filter((c) => c.action === 'delete' && c.implied !== true)
        .map((c) => [c.address, `${c.address}: would be deleted, but allow-deletions is false`]);
}

;// CONCATENATED MODULE: ./src/model/count.ts
/** `1 role`, `2 roles`, `1 ACL entry`: a number with its noun in the right number. */
function count_count(n, one, many = `${one}s`) {
    return `${n} ${n === 1 ? one : many}`;
}

;// CONCATENATED MODULE: ./src/apply/acl-writes.ts
/** Groups ACL changes into writes; order follows the first change of each write. */
function aclWritesFor(changes) {
    return group(changes.map((c) => ({ entry: c.entry, delete: c.action === 'delete' })));
}
/** The writes that give a recreated token its ACL entries back. */
function regrantWrites(entries) {
    return group(entries.map((entry) => ({ entry, delete: false })));
}
function group(grants) {
    // Per subject on a path: which roles it gets.
    const perSubject = new Map();
    for (const g of grants) {
        const key = JSON.stringify([g.entry.path, g.entry.propagate, g.delete, g.entry.type, g.entry.ugid]);
        const slot = perSubject.get(key);
        if (slot)
            slot.roles.add(g.entry.roleid);
        else
            perSubject.set(key, { grant: g, roles: new Set([g.entry.roleid]) });
    }
    // Subjects with the same role set share one write.
    const writes = new Map();
    for (const { grant, roles } of perSubject.values()) {
        const sorted = [...roles].sort();
        const key = JSON.stringify([grant.entry.path, grant.entry.propagate, grant.delete, sorted]);
        let write = writes.get(key);
        if (!write)
            writes.set(key, (write = { base: grant, roles: sorted, subjects: { user: [], group: [], token: [] } }));
        write.subjects[grant.entry.type].push(grant.entry.ugid);
    }
    return [...writes.values()].map(({ base, roles, subjects }) => ({
        path: base.entry.path,
        roles,
        ...(subjects.user.length > 0 ? { users: subjects.user } : {}),
        ...(subjects.group.length > 0 ? { groups: subjects.group } : {}),
        ...(subjects.token.length > 0 ? { tokens: subjects.token } : {}),
        propagate: base.entry.propagate,
        ...(base.delete ? { delete: true } : {}),
    }));
}
/**
 * The changes one write carries out. Throws when the write would grant or remove a pair no
 * change asked for (roles × subjects must be exactly the covered changes): a batching mistake
 * must never reach the server.
 */
function changesOfWrite(write, changes) {
    const subjects = {
        user: write.users ?? [],
        group: write.groups ?? [],
        token: write.tokens ?? [],
    };
    const deleting = write.delete === true;
    const covered = changes.filter((c) => c.entry.path === write.path &&
        (c.action === 'delete') === deleting &&
        c.entry.propagate === write.propagate &&
        write.roles.includes(c.entry.roleid) &&
        subjects[c.entry.type].includes(c.entry.ugid));
    const pairs = write.roles.length * (subjects.user.length + subjects.group.length + subjects.token.length);
    if (covered.length !== pairs) {
        throw new Error(`internal: ACL write on ${write.path} covers ${pairs} entries but matches ${covered.length} planned changes`);
    }
    return covered;
}
/** One log line for a write, subjects included, no secrets (ACLs carry none). */
function describeAclWrite(write) {
    const subjects = [
        ...(write.users ?? []).map((u) => `user ${u}`),
        ...(write.groups ?? []).map((g) => `group ${g}`),
        ...(write.tokens ?? []).map((t) => `token ${t}`),
    ];
    const verb = write.delete ? 'remove' : 'grant';
    return `${verb} ${write.roles.join(',')} on ${write.path}${write.propagate ? '' : ' (no propagate)'} ${write.delete ? 'from' : 'to'} ${subjects.join(', ')}`;
}

;// CONCATENATED MODULE: ./src/data/pve-privileges.json
const pve_privileges_namespaceObject = /*#__PURE__*/JSON.parse('{"description":"Proxmox VE privilege names and built-in (special) roles, derived by evaluating the $privgroups/create_roles() code of src/PVE/AccessControl.pm (proxmox/pve-access-control) at each libpve-access-control version-bump commit. \'versions\' and \'builtin_roles\' use the LAST release of each major series (7 = 7.4-3, 8 = 8.2.2, 9 = 9.1.1 = repository HEAD at time of research).","versions":{"7":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Permissions.Modify","Pool.Allocate","Pool.Audit","Realm.Allocate","Realm.AllocateUser","SDN.Allocate","SDN.Audit","Sys.Audit","Sys.Console","Sys.Incoming","Sys.Modify","Sys.PowerMgmt","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"8":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Mapping.Audit","Mapping.Modify","Mapping.Use","Permissions.Modify","Pool.Allocate","Pool.Audit","Realm.Allocate","Realm.AllocateUser","SDN.Allocate","SDN.Audit","SDN.Use","Sys.AccessNetwork","Sys.Audit","Sys.Console","Sys.Incoming","Sys.Modify","Sys.PowerMgmt","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"9":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Mapping.Audit","Mapping.Modify","Mapping.Use","Permissions.Modify","Pool.Allocate","Pool.Audit","Realm.Allocate","Realm.AllocateUser","SDN.Allocate","SDN.Audit","SDN.Use","Sys.AccessNetwork","Sys.Audit","Sys.Console","Sys.Incoming","Sys.Modify","Sys.PowerMgmt","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.GuestAgent.Audit","VM.GuestAgent.FileRead","VM.GuestAgent.FileSystemMgmt","VM.GuestAgent.FileWrite","VM.GuestAgent.Unrestricted","VM.Migrate","VM.PowerMgmt","VM.Replicate","VM.Snapshot","VM.Snapshot.Rollback"]},"builtin_roles":{"7":{"Administrator":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Permissions.Modify","Pool.Allocate","Pool.Audit","Realm.Allocate","Realm.AllocateUser","SDN.Allocate","SDN.Audit","Sys.Audit","Sys.Console","Sys.Incoming","Sys.Modify","Sys.PowerMgmt","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"NoAccess":[],"PVEAdmin":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Permissions.Modify","Pool.Allocate","Pool.Audit","Realm.AllocateUser","SDN.Allocate","SDN.Audit","Sys.Audit","Sys.Console","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"PVEAuditor":["Datastore.Audit","Pool.Audit","SDN.Audit","Sys.Audit","VM.Audit"],"PVEDatastoreAdmin":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit"],"PVEDatastoreUser":["Datastore.AllocateSpace","Datastore.Audit"],"PVEPoolAdmin":["Pool.Allocate","Pool.Audit"],"PVEPoolUser":["Pool.Audit"],"PVESDNAdmin":["SDN.Allocate","SDN.Audit"],"PVESysAdmin":["Permissions.Modify","Sys.Audit","Sys.Console","Sys.Syslog"],"PVETemplateUser":["VM.Audit","VM.Clone"],"PVEUserAdmin":["Group.Allocate","Realm.AllocateUser","User.Modify"],"PVEVMAdmin":["VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"PVEVMUser":["VM.Audit","VM.Backup","VM.Config.CDROM","VM.Config.Cloudinit","VM.Console","VM.PowerMgmt"]},"8":{"Administrator":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Mapping.Audit","Mapping.Modify","Mapping.Use","Permissions.Modify","Pool.Allocate","Pool.Audit","Realm.Allocate","Realm.AllocateUser","SDN.Allocate","SDN.Audit","SDN.Use","Sys.AccessNetwork","Sys.Audit","Sys.Console","Sys.Incoming","Sys.Modify","Sys.PowerMgmt","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"NoAccess":[],"PVEAdmin":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Mapping.Audit","Mapping.Use","Pool.Allocate","Pool.Audit","Realm.AllocateUser","SDN.Allocate","SDN.Audit","SDN.Use","Sys.Audit","Sys.Console","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"PVEAuditor":["Datastore.Audit","Mapping.Audit","Pool.Audit","SDN.Audit","Sys.Audit","VM.Audit"],"PVEDatastoreAdmin":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit"],"PVEDatastoreUser":["Datastore.AllocateSpace","Datastore.Audit"],"PVEMappingAdmin":["Mapping.Audit","Mapping.Modify","Mapping.Use"],"PVEMappingUser":["Mapping.Audit","Mapping.Use"],"PVEPoolAdmin":["Pool.Allocate","Pool.Audit"],"PVEPoolUser":["Pool.Audit"],"PVESDNAdmin":["SDN.Allocate","SDN.Audit","SDN.Use"],"PVESDNUser":["SDN.Audit","SDN.Use"],"PVESysAdmin":["Sys.Audit","Sys.Console","Sys.Syslog"],"PVETemplateUser":["VM.Audit","VM.Clone"],"PVEUserAdmin":["Group.Allocate","Realm.AllocateUser","User.Modify"],"PVEVMAdmin":["VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"PVEVMUser":["VM.Audit","VM.Backup","VM.Config.CDROM","VM.Config.Cloudinit","VM.Console","VM.PowerMgmt"]},"9":{"Administrator":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Mapping.Audit","Mapping.Modify","Mapping.Use","Permissions.Modify","Pool.Allocate","Pool.Audit","Realm.Allocate","Realm.AllocateUser","SDN.Allocate","SDN.Audit","SDN.Use","Sys.AccessNetwork","Sys.Audit","Sys.Console","Sys.Incoming","Sys.Modify","Sys.PowerMgmt","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.GuestAgent.Audit","VM.GuestAgent.FileRead","VM.GuestAgent.FileSystemMgmt","VM.GuestAgent.FileWrite","VM.GuestAgent.Unrestricted","VM.Migrate","VM.PowerMgmt","VM.Replicate","VM.Snapshot","VM.Snapshot.Rollback"],"NoAccess":[],"PVEAdmin":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Mapping.Audit","Mapping.Use","Pool.Allocate","Pool.Audit","Realm.AllocateUser","SDN.Allocate","SDN.Audit","SDN.Use","Sys.Audit","Sys.Console","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.GuestAgent.Audit","VM.GuestAgent.FileRead","VM.GuestAgent.FileSystemMgmt","VM.GuestAgent.FileWrite","VM.GuestAgent.Unrestricted","VM.Migrate","VM.PowerMgmt","VM.Replicate","VM.Snapshot","VM.Snapshot.Rollback"],"PVEAuditor":["Datastore.Audit","Mapping.Audit","Pool.Audit","SDN.Audit","Sys.Audit","VM.Audit","VM.GuestAgent.Audit"],"PVEDatastoreAdmin":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit"],"PVEDatastoreUser":["Datastore.AllocateSpace","Datastore.Audit"],"PVEMappingAdmin":["Mapping.Audit","Mapping.Modify","Mapping.Use"],"PVEMappingUser":["Mapping.Audit","Mapping.Use"],"PVEPoolAdmin":["Pool.Allocate","Pool.Audit"],"PVEPoolUser":["Pool.Audit"],"PVESDNAdmin":["SDN.Allocate","SDN.Audit","SDN.Use"],"PVESDNUser":["SDN.Audit","SDN.Use"],"PVESysAdmin":["Sys.Audit","Sys.Console","Sys.Syslog"],"PVETemplateUser":["VM.Audit","VM.Clone"],"PVEUserAdmin":["Group.Allocate","Realm.AllocateUser","User.Modify"],"PVEVMAdmin":["VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.GuestAgent.Audit","VM.GuestAgent.FileRead","VM.GuestAgent.FileSystemMgmt","VM.GuestAgent.FileWrite","VM.GuestAgent.Unrestricted","VM.Migrate","VM.PowerMgmt","VM.Replicate","VM.Snapshot","VM.Snapshot.Rollback"],"PVEVMUser":["VM.Audit","VM.Backup","VM.Config.CDROM","VM.Config.Cloudinit","VM.Console","VM.GuestAgent.Audit","VM.GuestAgent.FileRead","VM.GuestAgent.FileSystemMgmt","VM.GuestAgent.FileWrite","VM.PowerMgmt"]}},"representative_package_versions":{"7":{"libpve-access-control":"7.4-3","commit":"f2762a03599d0b76396233fbaca9bb9f8c5afa58","date":"2023-05-16"},"8":{"libpve-access-control":"8.2.2","commit":"25dd3756f90afbf65799da4708b3df9c2bf7e9f6","date":"2025-04-08"},"9":{"libpve-access-control":"9.1.1","commit":"5ccd07d9302562b73374d331b63d25b04b86766c","date":"2026-05-15"}},"changes_timeline":[{"libpve-access-control":"6.1-2","previous":"6.1-1","bump_commit":"6a9be12f55d211328b7bbd42760d1ba7074ec866","date":"2020-06-30","privileges_added":["VM.Config.Cloudinit"],"privileges_removed":[],"role_changes":{"PVEAdmin":{"added":["VM.Config.Cloudinit"],"removed":[]},"PVEVMAdmin":{"added":["VM.Config.Cloudinit"],"removed":[]},"PVEVMUser":{"added":["VM.Config.Cloudinit"],"removed":[]}}},{"libpve-access-control":"7.0-2","previous":"7.0-1","bump_commit":"0902a936f335745bb42a940bbd2647b939a30451","date":"2021-06-01","privileges_added":["Pool.Audit"],"privileges_removed":[],"role_changes":{"PVEAdmin":{"added":["Pool.Audit"],"removed":[]},"PVEAuditor":{"added":["Pool.Audit"],"removed":[]},"PVEPoolAdmin":{"added":["Pool.Audit"],"removed":[]},"PVEPoolUser":{"new_role":["Pool.Audit"]}}},{"libpve-access-control":"7.2-5","previous":"7.2-4","bump_commit":"b84bf6238b533f65e8db1c19e6cde4141b8e9dd4","date":"2022-11-17","privileges_added":["Sys.Incoming"],"privileges_removed":[],"role_changes":{}},{"libpve-access-control":"8.0.0~2","previous":"8.0.0~1","bump_commit":"3ef602fe9542521300b280b49f1d9e84cdf9a005","date":"2023-06-07","privileges_added":[],"privileges_removed":[],"role_changes":{"PVEAdmin":{"added":[],"removed":["Permissions.Modify"]},"PVESysAdmin":{"added":[],"removed":["Permissions.Modify"]}}},{"libpve-access-control":"8.0.0~3","previous":"8.0.0~2","bump_commit":"8e8023b1e965bb917c7f3cc96f0cdfb662d5d4f3","date":"2023-06-07","privileges_added":["Mapping.Audit","Mapping.Modify","Mapping.Use","SDN.Use"],"privileges_removed":[],"role_changes":{"PVEAdmin":{"added":["Mapping.Audit","Mapping.Use","SDN.Use"],"removed":[]},"PVEAuditor":{"added":["Mapping.Audit"],"removed":[]},"PVEMappingAdmin":{"new_role":["Mapping.Audit","Mapping.Modify","Mapping.Use"]},"PVEMappingUser":{"new_role":["Mapping.Audit","Mapping.Use"]},"PVESDNAdmin":{"added":["SDN.Use"],"removed":[]},"PVESDNUser":{"new_role":["SDN.Audit","SDN.Use"]}}},{"libpve-access-control":"8.1.2","previous":"8.1.1","bump_commit":"85f61297734b74591a51f6ca36f303885c03fd5e","date":"2024-02-28","privileges_added":["Sys.AccessNetwork"],"privileges_removed":[],"role_changes":{}},{"libpve-access-control":"9.0.2","previous":"9.0.1","bump_commit":"4adb2a3a1187e61617cc5ec999f6e953f69a25e7","date":"2025-07-17","privileges_added":["VM.GuestAgent.Audit","VM.GuestAgent.FileRead","VM.GuestAgent.FileSystemMgmt","VM.GuestAgent.FileWrite","VM.GuestAgent.Unrestricted"],"privileges_removed":["VM.Monitor"],"role_changes":{"PVEAdmin":{"added":["VM.GuestAgent.Audit","VM.GuestAgent.FileRead","VM.GuestAgent.FileSystemMgmt","VM.GuestAgent.FileWrite","VM.GuestAgent.Unrestricted"],"removed":["VM.Monitor"]},"PVEAuditor":{"added":["VM.GuestAgent.Audit"],"removed":[]},"PVEVMAdmin":{"added":["VM.GuestAgent.Audit","VM.GuestAgent.FileRead","VM.GuestAgent.FileSystemMgmt","VM.GuestAgent.FileWrite","VM.GuestAgent.Unrestricted"],"removed":["VM.Monitor"]},"PVEVMUser":{"added":["VM.GuestAgent.Audit","VM.GuestAgent.FileRead","VM.GuestAgent.FileSystemMgmt","VM.GuestAgent.FileWrite"],"removed":[]}}},{"libpve-access-control":"9.0.3","previous":"9.0.2","bump_commit":"2c67c26f61138e9a97c5aab450d05a865eea6413","date":"2025-07-30","privileges_added":["VM.Replicate"],"privileges_removed":[],"role_changes":{"PVEAdmin":{"added":["VM.Replicate"],"removed":[]},"PVEVMAdmin":{"added":["VM.Replicate"],"removed":[]}}}],"versions_detail":{"7.0-2..7.2-4 (PVE 7.0-7.2; 2021-06..2022-07)":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Permissions.Modify","Pool.Allocate","Pool.Audit","Realm.Allocate","Realm.AllocateUser","SDN.Allocate","SDN.Audit","Sys.Audit","Sys.Console","Sys.Modify","Sys.PowerMgmt","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"7.2-5..7.4-3 (PVE 7.3-7.4; 2022-11..2023-05)":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Permissions.Modify","Pool.Allocate","Pool.Audit","Realm.Allocate","Realm.AllocateUser","SDN.Allocate","SDN.Audit","Sys.Audit","Sys.Console","Sys.Incoming","Sys.Modify","Sys.PowerMgmt","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"8.0.0..8.1.1 (PVE 8.0-8.1; 2023-06..2024-02)":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Mapping.Audit","Mapping.Modify","Mapping.Use","Permissions.Modify","Pool.Allocate","Pool.Audit","Realm.Allocate","Realm.AllocateUser","SDN.Allocate","SDN.Audit","SDN.Use","Sys.Audit","Sys.Console","Sys.Incoming","Sys.Modify","Sys.PowerMgmt","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"8.1.2..8.2.2 (PVE 8.1 updates..8.4; 2024-02..2025-04)":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Mapping.Audit","Mapping.Modify","Mapping.Use","Permissions.Modify","Pool.Allocate","Pool.Audit","Realm.Allocate","Realm.AllocateUser","SDN.Allocate","SDN.Audit","SDN.Use","Sys.AccessNetwork","Sys.Audit","Sys.Console","Sys.Incoming","Sys.Modify","Sys.PowerMgmt","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"9.0.3..9.1.1 (all PVE 9.x releases; 2025-07..2026-05)":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Mapping.Audit","Mapping.Modify","Mapping.Use","Permissions.Modify","Pool.Allocate","Pool.Audit","Realm.Allocate","Realm.AllocateUser","SDN.Allocate","SDN.Audit","SDN.Use","Sys.AccessNetwork","Sys.Audit","Sys.Console","Sys.Incoming","Sys.Modify","Sys.PowerMgmt","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.GuestAgent.Audit","VM.GuestAgent.FileRead","VM.GuestAgent.FileSystemMgmt","VM.GuestAgent.FileWrite","VM.GuestAgent.Unrestricted","VM.Migrate","VM.PowerMgmt","VM.Replicate","VM.Snapshot","VM.Snapshot.Rollback"]},"builtin_roles_detail":{"8.0.0..8.1.1":{"Administrator":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Mapping.Audit","Mapping.Modify","Mapping.Use","Permissions.Modify","Pool.Allocate","Pool.Audit","Realm.Allocate","Realm.AllocateUser","SDN.Allocate","SDN.Audit","SDN.Use","Sys.Audit","Sys.Console","Sys.Incoming","Sys.Modify","Sys.PowerMgmt","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"NoAccess":[],"PVEAdmin":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Mapping.Audit","Mapping.Use","Pool.Allocate","Pool.Audit","Realm.AllocateUser","SDN.Allocate","SDN.Audit","SDN.Use","Sys.Audit","Sys.Console","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"PVEAuditor":["Datastore.Audit","Mapping.Audit","Pool.Audit","SDN.Audit","Sys.Audit","VM.Audit"],"PVEDatastoreAdmin":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit"],"PVEDatastoreUser":["Datastore.AllocateSpace","Datastore.Audit"],"PVEMappingAdmin":["Mapping.Audit","Mapping.Modify","Mapping.Use"],"PVEMappingUser":["Mapping.Audit","Mapping.Use"],"PVEPoolAdmin":["Pool.Allocate","Pool.Audit"],"PVEPoolUser":["Pool.Audit"],"PVESDNAdmin":["SDN.Allocate","SDN.Audit","SDN.Use"],"PVESDNUser":["SDN.Audit","SDN.Use"],"PVESysAdmin":["Sys.Audit","Sys.Console","Sys.Syslog"],"PVETemplateUser":["VM.Audit","VM.Clone"],"PVEUserAdmin":["Group.Allocate","Realm.AllocateUser","User.Modify"],"PVEVMAdmin":["VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"PVEVMUser":["VM.Audit","VM.Backup","VM.Config.CDROM","VM.Config.Cloudinit","VM.Console","VM.PowerMgmt"]},"7.0-2..7.4-3":{"Administrator":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Permissions.Modify","Pool.Allocate","Pool.Audit","Realm.Allocate","Realm.AllocateUser","SDN.Allocate","SDN.Audit","Sys.Audit","Sys.Console","Sys.Incoming","Sys.Modify","Sys.PowerMgmt","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"NoAccess":[],"PVEAdmin":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit","Group.Allocate","Permissions.Modify","Pool.Allocate","Pool.Audit","Realm.AllocateUser","SDN.Allocate","SDN.Audit","Sys.Audit","Sys.Console","Sys.Syslog","User.Modify","VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"PVEAuditor":["Datastore.Audit","Pool.Audit","SDN.Audit","Sys.Audit","VM.Audit"],"PVEDatastoreAdmin":["Datastore.Allocate","Datastore.AllocateSpace","Datastore.AllocateTemplate","Datastore.Audit"],"PVEDatastoreUser":["Datastore.AllocateSpace","Datastore.Audit"],"PVEPoolAdmin":["Pool.Allocate","Pool.Audit"],"PVEPoolUser":["Pool.Audit"],"PVESDNAdmin":["SDN.Allocate","SDN.Audit"],"PVESysAdmin":["Permissions.Modify","Sys.Audit","Sys.Console","Sys.Syslog"],"PVETemplateUser":["VM.Audit","VM.Clone"],"PVEUserAdmin":["Group.Allocate","Realm.AllocateUser","User.Modify"],"PVEVMAdmin":["VM.Allocate","VM.Audit","VM.Backup","VM.Clone","VM.Config.CDROM","VM.Config.CPU","VM.Config.Cloudinit","VM.Config.Disk","VM.Config.HWType","VM.Config.Memory","VM.Config.Network","VM.Config.Options","VM.Console","VM.Migrate","VM.Monitor","VM.PowerMgmt","VM.Snapshot","VM.Snapshot.Rollback"],"PVEVMUser":["VM.Audit","VM.Backup","VM.Config.CDROM","VM.Config.Cloudinit","VM.Console","VM.PowerMgmt"]}},"privilege_groups_current":{"Datastore":{"admin":["Datastore.Allocate","Datastore.AllocateTemplate"],"audit":["Datastore.Audit"],"root":[],"user":["Datastore.AllocateSpace"]},"Mapping":{"admin":["Mapping.Modify"],"audit":["Mapping.Audit"],"root":[],"user":["Mapping.Use"]},"Pool":{"admin":["Pool.Allocate"],"audit":["Pool.Audit"],"root":[],"user":["Pool.Audit"]},"SDN":{"admin":["SDN.Allocate","SDN.Audit"],"audit":["SDN.Audit"],"root":[],"user":["SDN.Use"]},"Sys":{"admin":["Sys.Console","Sys.Syslog"],"audit":["Sys.Audit"],"root":["Sys.PowerMgmt","Sys.Modify","Sys.Incoming","Sys.AccessNetwork"],"user":[]},"User":{"admin":["User.Modify","Group.Allocate","Realm.AllocateUser"],"audit":[],"root":["Realm.Allocate"],"user":[]},"VM":{"admin":["VM.Config.Disk","VM.Config.CPU","VM.Config.Memory","VM.Config.Network","VM.Config.HWType","VM.Config.Options","VM.Allocate","VM.Clone","VM.GuestAgent.Unrestricted","VM.Migrate","VM.Replicate","VM.Snapshot","VM.Snapshot.Rollback"],"audit":["VM.Audit","VM.GuestAgent.Audit"],"root":[],"user":["VM.Config.CDROM","VM.Config.Cloudinit","VM.Console","VM.Backup","VM.GuestAgent.FileRead","VM.GuestAgent.FileSystemMgmt","VM.GuestAgent.FileWrite","VM.PowerMgmt"]}},"privilege_groups_note":"Each category lists root/admin/user/audit privileges. Built-in roles are generated: PVE<Cat>Admin = admin+user+audit; PVE<Cat>User = user+audit (only if \'user\' is non-empty); PVEAuditor = union of all audit; PVEAdmin = union of admin+user+audit of all categories minus Mapping.Modify (8.0+); \'root\' privileges and Permissions.Modify (8.0+) are only in Administrator; PVETemplateUser = {VM.Audit, VM.Clone}; NoAccess = {}; Administrator = every valid privilege.","acl_paths_regex":{"9.1.0+":["/","/access","/access/groups","/access/groups/[[:alnum:]._-]+","/access/realm","/access/realm/[[:alnum:]._-]+","/nodes","/nodes/[[:alnum:]._-]+","/pool","/pool/[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+){0,2}","/sdn","/sdn/controllers","/sdn/controllers/[[:alnum:]_-]+","/sdn/dns","/sdn/dns/[[:alnum:]]+","/sdn/fabrics","/sdn/fabrics/[[:alnum:]]+","/sdn/ipams","/sdn/ipams/[[:alnum:]]+","/sdn/prefix-lists","/sdn/prefix-lists/[[:alnum:]]+","/sdn/route-maps","/sdn/route-maps/[[:alnum:]]+","/sdn/zones","/sdn/zones/[[:alnum:]._-]+","/sdn/zones/[[:alnum:]._-]+/[[:alnum:]._-]+","/sdn/zones/[[:alnum:]._-]+/[[:alnum:]._-]+/[1-9][0-9]{0,3}","/storage","/storage/[[:alnum:]._-]+","/vms","/vms/[1-9][0-9]{2,}","/mapping","/mapping/[[:alnum:]._-]+","/mapping/[[:alnum:]._-]+/[[:alnum:]._-]+"],"9.0.1..9.0.7":"as 9.1.0+ minus /sdn/prefix-lists(/..) and /sdn/route-maps(/..)","8.0.7..9.0.0":"as 9.0.1 minus /sdn/fabrics(/..)","8.0.6":"as 8.0.7 but /pool/<id> is single-level: /pool/[[:alnum:]._-]+","8.0.0..8.0.5":"as 8.0.6 minus /sdn/controllers(/..), /sdn/dns(/..), /sdn/ipams(/..)","7.0-5..7.4-3":["/","/access","/access/groups","/access/groups/<id>","/access/realm","/access/realm/<id>","/nodes","/nodes/<id>","/pool","/pool/<id>","/sdn","/sdn/zones/<id>","/sdn/vnets/<id>","/storage","/storage/<id>","/vms","/vms/[1-9][0-9]{2,}"],"note":"Only enforced when ADDING ACL entries (PUT /access/acl without delete=1), after path normalization. [[:alnum:]] is the Perl POSIX class (Unicode-aware on decoded strings); treat as [A-Za-z0-9] for ASCII input.","7.0-4":"as 7.0-5 minus /sdn/vnets/<id>","7.0-1..7.0-3":["/","/access","/access/groups","/access/realm","/nodes","/nodes/<id>","/pool","/pool/<id>","/sdn","/storage","/storage/<id>","/vms","/vms/[1-9][0-9]{2,}"]},"notes":["Privilege/role sets were computed by executing the actual Perl role-generation code extracted from each commit (not hand-copied), so they are exact for the code; mapping package versions to PVE point releases is approximate except where stated.","PVE 9.0 GA (pve-manager 9.0.x, Aug 2025) depends on libpve-access-control >= 9.0.3 (pve-manager commit 40bbbd26f6756339b8faa9b378b736fc7b4dcd88 debian/control), so every released PVE 9.x has VM.GuestAgent.*, VM.Replicate and no VM.Monitor. Pre-release builds 9.0.0/9.0.1 still had VM.Monitor (same set as 8.2.2).","PVE 8: Mapping.* and SDN.Use arrived in 8.0.0~3 and Permissions.Modify was removed from PVEAdmin/PVESysAdmin in 8.0.0~2 (both before 8.0 GA, June 2023). Sys.AccessNetwork was added in 8.1.2 (2024-02-28, during the PVE 8.1 cycle); \'versions.8\' is the final 8.x set and includes it. Use versions_detail for the earlier 8.x set.","PVE 7: Pool.Audit and PVEPoolUser were added in 7.0-2 (2021-06, before 7.0 GA). Sys.Incoming was added in 7.2-5 (2022-11-17, around PVE 7.3). \'versions.7\' is the final 7.x set and includes Sys.Incoming.","Sys.AccessNetwork is in no built-in role except Administrator. It is NOT listed in pve-docs pveum.adoc or the access-control README privilege lists (docs omission), but it is a valid privilege in the code since 8.1.2.","Custom roles in user.cfg that reference a privilege unknown to the running version (e.g. VM.Monitor on PVE 9) have that privilege silently dropped at parse time (warning \'ignore invalid privilege\'); the API rejects it on input with HTTP 400 (privs: invalid format - invalid privilege \'<name>\').","GET /access/roles/Administrator returns every privilege valid on the running server; a client can use it to discover the server\'s privilege list at runtime.","Built-in role names (role_is_special): Administrator, NoAccess, PVEAdmin, PVEAuditor, PVETemplateUser and every PVE<Category>Admin/User generated; PVEUserUser, PVESysUser and (in 7.x) PVESDNUser do NOT exist because those categories have no \'user\' privileges.","Roles are returned by the API in Perl hash order (unordered); lists here are sorted.","ACL-path whitelist history verified by extracting check_path() at each version-bump commit; the whitelist only applies when adding ACL entries (PUT /access/acl without delete).","Package-version to PVE point-release mapping in versions_detail labels is approximate (based on changelog dates); the package-version boundaries themselves are exact."],"sources":["proxmox/pve-access-control@5ccd07d9302562b73374d331b63d25b04b86766c src/PVE/AccessControl.pm (HEAD, libpve-access-control 9.1.1)","proxmox/pve-access-control@25dd3756f90afbf65799da4708b3df9c2bf7e9f6 src/PVE/AccessControl.pm (8.2.2)","proxmox/pve-access-control@f2762a03599d0b76396233fbaca9bb9f8c5afa58 src/PVE/AccessControl.pm (7.4-3)","proxmox/pve-access-control@2c67c26f61138e9a97c5aab450d05a865eea6413 src/PVE/AccessControl.pm (9.0.3)","proxmox/pve-access-control@922f710574b9619d06e9e9db0331faa3bade71d4 (add VM.GuestAgent privileges)","proxmox/pve-access-control@070694541469dbc98986a178b823c4475c54fb75 (drop VM.Monitor)","proxmox/pve-access-control@5f7544fea5405d7ce78b08888807fcc6a9baad98 (add VM.Replicate)","proxmox/pve-access-control@36c18144def351b0f1b60780dc841ea8970ca1c4 (add Sys.AccessNetwork)","proxmox/pve-access-control@df619a8dc2fe518b10f951c86e51e3d4c204936b (Permissions.Modify only in Administrator)","proxmox/pve-access-control@8b5fd2e66eea77947507f0aa226c90534c9bcde8 (Mapping privileges/paths)","proxmox/pve-access-control@a62d78db3398417b302249b3593e75a783d9a4e3 (SDN.Use, PVESDNUser)","proxmox/pve-access-control@881dce13d5a4545339e1dcdbbce0a963060a676a (Sys.Incoming)","proxmox/pve-access-control debian/changelog (version/date mapping)","proxmox/pve-manager@14a22df35955d97dfc1af21e117dc894a29df0c9 PVE/CLI/pve8to9.pm (VM.Monitor upgrade check)","proxmox/pve-docs@e5010dcea566a205770572cfbc5fe0af220d5077 pveum.adoc (privilege descriptions, role descriptions)"]}');
;// CONCATENATED MODULE: ./src/model/privilege-catalog.ts
/**
 * The bundled privilege catalogue (src/data/pve-privileges.json): privileges and built-in roles
 * per PVE major version, how privileges changed between releases, and the ACL paths each release
 * accepts. The one place that reads the file, so every reader sees the same typed shape.
 */

// JSON imports are typed by their literal shape; the annotation checks it against the part the code relies on.
const PRIVILEGE_CATALOG = pve_privileges_namespaceObject;

;// CONCATENATED MODULE: ./src/model/acl-path.ts
/**
 * PVE's ACL path rules: normalisation, then a per-version whitelist for adding entries. Pure;
 * shared by spec validation, the planner and the simulator.
 */

/**
 * Normalises as PVE does: non-empty and not "0", collapse `//`, drop one trailing `/`,
 * empty becomes `/`, add the leading `/`, then only alphanumerics and `. - _ /`.
 * Returns null where PVE answers `invalid ACL path`.
 */
function normalizeAclPath(input) {
    if (input === '' || input === '0')
        return null;
    let path = input.replace(/\/+/g, '/');
    if (path.endsWith('/'))
        path = path.slice(0, -1);
    if (path === '')
        path = '/';
    if (!path.startsWith('/'))
        path = `/${path}`;
    return /^[A-Za-z0-9.\-_/]+$/.test(path) ? path : null;
}
// The 7.x table writes its ids as `<id>`, which PVE 7's check_path spelled [[:alnum:]\.\-\_]+.
const toJsRegex = (source) => new RegExp(`^(?:${source.replace(/<id>/g, '[[:alnum:]._-]+').replace(/\[:alnum:\]/g, 'A-Za-z0-9')})$`);
const table = PRIVILEGE_CATALOG.acl_paths_regex;
/**
 * The data file lists 9.1.0+ and 7.x in full and describes the steps between in words;
 * those steps are encoded here, newest first.
 */
function whitelistSources(version) {
    if (version < 80000) {
        const seven = table['7.0-5..7.4-3'];
        return version < 70005 ? seven.filter((p) => !p.startsWith('/sdn/vnets')) : seven;
    }
    let list = table['9.1.0+'];
    const without = (...prefixes) => (list = list.filter((p) => !prefixes.some((x) => p.startsWith(x))));
    if (version < 90100)
        without('/sdn/prefix-lists', '/sdn/route-maps');
    if (version < 90001)
        without('/sdn/fabrics');
    if (version < 80007)
        list = list.map((p) => (p.startsWith('/pool/') ? '/pool/[[:alnum:]._-]+' : p));
    if (version < 80006)
        without('/sdn/controllers', '/sdn/dns', '/sdn/ipams');
    return list;
}
const cache = new Map();
/** Whether PVE of this version accepts adding an ACL entry on the (normalised) path. */
function isAllowedAclPath(path, version) {
    const key = version.major * 10000 + version.minor * 100 + (version.patch ?? 0);
    let list = cache.get(key);
    if (!list) {
        list = whitelistSources(key).map(toJsRegex);
        cache.set(key, list);
    }
    return list.some((re) => re.test(path));
}

;// CONCATENATED MODULE: ./src/spec/duration.ts
/**
 * Durations and points in time as the spec writes them. Pure: no clock; callers pass `now` when
 * they need it. The schema accepts exactly what these functions can parse, so a value that got
 * past the schema always converts.
 */
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
/** `90d`, `12h`, `30m`, `2w`, `45s`, compounds such as `1w3d`, or plain seconds (`3600`). */
const DURATION_PATTERN = /^(?:\d+|(?:\d+[smhdw])+)$/;
/** `2027-12-31`, or an ISO date-time such as `2027-12-31T18:00:00Z` (no offset means UTC). */
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
/** Seconds, or undefined when the text is not a duration. */
function parseDuration(input) {
    if (typeof input === 'number')
        return Number.isSafeInteger(input) && input >= 0 ? input : undefined;
    const text = input.trim();
    if (!DURATION_PATTERN.test(text))
        return undefined;
    if (/^\d+$/.test(text))
        return safe(Number(text));
    let total = 0;
    for (const [, amount, unit] of text.matchAll(/(\d+)([smhdw])/g)) {
        total += Number(amount) * UNIT_SECONDS[unit];
    }
    return safe(total);
}
const safe = (n) => (Number.isSafeInteger(n) ? n : undefined);
/**
 * Epoch seconds of a date or date-time, or undefined when it is not one or names a day that does
 * not exist (`2027-02-30`). A bare date is midnight UTC at the start of that day, which is what
 * PVE stores when its UI sets an expiry date on a UTC host.
 */
function parseDate(input) {
    const text = input.trim();
    if (!DATE_PATTERN.test(text))
        return undefined;
    const [datePart = '', timePart] = text.split(/[T ]/, 2);
    const [y, m, d] = datePart.split('-').map(Number);
    const day = new Date(Date.UTC(y, m - 1, d));
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d)
        return undefined;
    if (timePart === undefined)
        return day.getTime() / 1000;
    const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(timePart);
    const zoned = hasZone ? timePart.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : `${timePart}Z`;
    const [hh = 0, mm = 0, ss = 0] = zoned
        .replace(/(?:Z|[+-].*)$/, '')
        .split(':')
        .map(Number);
    if (hh > 23 || mm > 59 || ss >= 60)
        return undefined;
    const ms = Date.parse(`${datePart}T${zoned}`);
    return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
/**
 * A user's `expire`: `0` / `never` (never expires), a date or date-time, or epoch seconds as PVE
 * stores them. Undefined when it is none of these.
 */
function parseExpire(input) {
    if (typeof input === 'number')
        return Number.isSafeInteger(input) && input >= 0 ? input : undefined;
    const text = input.trim();
    if (text === 'never' || text === '0')
        return 0;
    if (/^\d+$/.test(text))
        return safe(Number(text));
    return parseDate(text);
}
/** The largest unit that fits exactly: `90d`, `2w`, `36h`, `3601s`. */
function formatDuration(seconds) {
    const unit = ['w', 'd', 'h', 'm'].find((u) => seconds > 0 && seconds % UNIT_SECONDS[u] === 0);
    return unit ? `${seconds / UNIT_SECONDS[unit]}${unit}` : `${seconds}s`;
}
/** `2027-12-31` at midnight UTC, else a full ISO date-time in UTC. */
function formatEpoch(epoch) {
    const iso = new Date(epoch * 1000).toISOString();
    return epoch % 86_400 === 0 ? iso.slice(0, 10) : iso.replace(/\.000Z$/, 'Z');
}

;// CONCATENATED MODULE: ./src/spec/realm-build.ts
/**
 * From `realms:` as written to RealmSpec: property strings in their canonical spelling and empty
 * text dropped, so a spec and the cluster compare option by option.
 */

function syncDefaults(sync) {
    const pairs = {};
    if (sync.scope !== undefined)
        pairs.scope = sync.scope;
    if (sync['enable-new'] !== undefined)
        pairs['enable-new'] = sync['enable-new'];
    if (sync['remove-vanished'] !== undefined) {
        pairs['remove-vanished'] = sync['remove-vanished'].length === 0 ? 'none' : sync['remove-vanished'].join(';');
    }
    return canonicalPropertyString(pairs);
}
function optionValue(key, value) {
    if (key === 'sync')
        return syncDefaults(value);
    if (key === 'tfa')
        return canonicalPropertyString(value);
    // PVE stores no empty text: an empty value is no value.
    if (value === '')
        return undefined;
    return value;
}
function buildRealm(realm, input) {
    const options = {};
    for (const [key, value] of Object.entries(input)) {
        if (key === 'type' || value === undefined)
            continue;
        const built = optionValue(key, value);
        if (built !== undefined)
            options[key] = built;
    }
    return { realm, type: input.type, options };
}
function buildRealms(input) {
    return Object.fromEntries(Object.entries(input ?? {}).map(([realm, value]) => [realm, buildRealm(realm, value)]));
}

;// CONCATENATED MODULE: ./src/spec/build-pools.ts
/** Only numeric VM ids are kept: a name in `vms` is reported by the pool rules, never sent. */
function buildPools(input) {
    const pools = {};
    for (const [poolid, pool] of Object.entries(input ?? {})) {
        const members = pool?.members;
        pools[poolid] = {
            poolid,
            comment: pool?.comment ?? '',
            allowMove: pool?.['allow-move'] ?? false,
            ...(members !== undefined && {
                members: {
                    vms: [...new Set((members.vms ?? []).filter((vm) => typeof vm === 'number'))].sort((a, b) => a - b),
                    storage: [...new Set(members.storage ?? [])].sort(),
                    ...(notNumbers(members.vms).length > 0 && { notNumbers: notNumbers(members.vms) }),
                },
            }),
        };
    }
    return pools;
}
const notNumbers = (vms) => (vms ?? []).filter((vm) => typeof vm === 'string');

;// CONCATENATED MODULE: ./src/spec/vault-target.ts
/**
 * A Vault deliver target and the fields written there: defaults, the checks the spec rules run
 * on a target, and the data map of one delivery. Pure: no I/O.
 */

const DEFAULT_MOUNT = 'secret';
const DEFAULT_FIELD = 'token';
/** Fields every delivery writes beside `field`; a target's `field` must not take their name. */
const RESERVED_FIELDS = ['token_id', 'expires_at'];
const trimSlashes = (value) => value.trim().replace(/^\/+|\/+$/g, '');
/** The target with its defaults, and slashes at either end of mount and path dropped. */
function resolveVaultTarget(input) {
    return {
        mount: trimSlashes(input.mount ?? DEFAULT_MOUNT),
        path: trimSlashes(input.path),
        field: input.field ?? DEFAULT_FIELD,
    };
}
/** Everything wrong with a declared target; empty when it can be used. */
function vaultTargetProblems(input) {
    const target = resolveVaultTarget(input);
    return [...segmentProblems('path', target.path), ...segmentProblems('mount', target.mount), ...fieldProblems(target.field)];
}
function segmentProblems(key, value) {
    if (value === '')
        return [{ key, message: `the Vault ${key} is empty` }];
    const segments = value.split('/');
    if (segments.some((s) => s === '' || s === '.' || s === '..')) {
        return [{ key, message: `the Vault ${key} '${log_line_oneLine(value)}' has an empty, '.' or '..' segment; write it as a/b/c` }];
    }
    // `*` and `+` are wildcards in a policy path, and `"` or `\` would end or escape its string, so
    // the policy line a preflight suggests would mean something else; `?`, `#` and `%` end or
    // escape a URL path.
    if (/[*+"\\?#%\p{Cc}\p{Cf}]/u.test(value)) {
        return [
            {
                key,
                message: `the Vault ${key} '${log_line_oneLine(value)}' holds a character a Vault path here cannot carry (* + " \\ ? # % or an invisible one)`,
            },
        ];
    }
    return [];
}
/** Why `field` cannot hold the token, if it cannot; the spec layer reports it with the file and line. */
function vaultFieldProblem(field) {
    if (field.trim() === '')
        return 'the Vault field is empty; leave it out to use `token`';
    if (RESERVED_FIELDS.includes(field)) {
        return `the Vault field '${field}' clashes with a field every delivery writes (${RESERVED_FIELDS.join(', ')}); choose another name, e.g. \`token\``;
    }
    return undefined;
}
function fieldProblems(field) {
    const problem = vaultFieldProblem(field);
    return problem ? [{ key: 'field', message: problem }] : [];
}
/** The data map a delivery merges into the secret. */
function deliveredFields(target, token) {
    const problem = vaultFieldProblem(target.field);
    if (problem)
        throw new Error(problem);
    return {
        [target.field]: token.value,
        token_id: token.tokenId,
        ...(token.expiresAt !== undefined ? { expires_at: token.expiresAt } : {}),
    };
}
/** `secret/proxmox/terraform`, the form people use with `vault kv get -mount=secret proxmox/terraform`. */
const describeVaultTarget = (target) => `${target.mount}/${target.path}`;

;// CONCATENATED MODULE: ./src/spec/build.ts
/**
 * From the spec as written (schema-checked) to the Spec the engine uses: every default the
 * README documents applied, durations and dates in seconds, lists sorted and de-duplicated, so the
 * planner never has to guess and two equivalent files give deep-equal specs.
 */





const sorted = (list) => [...new Set(list ?? [])].sort();
/** A sixth of the lifetime: for 90d, rotation starts with 15 days left. */
const defaultRotateBefore = (lifetime) => Math.floor(lifetime / 6);
/** How long the previous generation keeps working after an overlap rotation, unless `overlap` says. */
const DEFAULT_OVERLAP = 7 * 86_400;
function buildSpec(input) {
    const roles = {};
    for (const [roleid, role] of Object.entries(input.roles ?? {}))
        roles[roleid] = { roleid, privileges: sorted(role.privileges) };
    const groups = {};
    for (const [groupid, group] of Object.entries(input.groups ?? {}))
        groups[groupid] = { groupid, comment: group?.comment ?? '', ...(group?.external === true && { external: true }) };
    const users = {};
    for (const [userid, user] of Object.entries(input.users ?? {}))
        users[userid] = buildUser(userid, user ?? {});
    return {
        version: 1,
        roles,
        groups,
        users,
        acl: (input.acl ?? []).map((entry) => ({
            // An unusable path is kept as written; validation reports it at its line.
            path: normalizeAclPath(entry.path) ?? entry.path,
            roles: sorted(entry.roles),
            users: sorted(entry.users),
            groups: sorted(entry.groups),
            tokens: sorted(entry.tokens),
            propagate: entry.propagate ?? true,
        })),
        ...(input.pools !== undefined && input.pools !== null && { pools: buildPools(input.pools) }),
        prune: {
            users: sorted(input.prune?.users),
            roles: sorted(input.prune?.roles),
            groups: sorted(input.prune?.groups),
            ...(input.prune?.pools !== undefined && { pools: sorted(input.prune.pools) }),
            realms: sorted(input.prune?.realms),
        },
        realms: buildRealms(input.realms),
    };
}
function buildUser(userid, user) {
    const base = {
        userid,
        comment: user.comment ?? '',
        enable: user.enable ?? true,
        expire: user.expire === undefined ? 0 : (parseExpire(user.expire) ?? 0),
        groups: sorted(user.groups),
        email: user.email ?? '',
        firstname: user.firstname ?? '',
        lastname: user.lastname ?? '',
        ...(user.external === true && { external: true }),
    };
    if (user.tokens === undefined)
        return base;
    const tokens = {};
    for (const [tokenid, token] of Object.entries(user.tokens))
        tokens[tokenid] = buildToken(tokenid, token ?? {});
    return { ...base, tokens };
}
function buildToken(tokenid, token) {
    const lifetime = token.lifetime === undefined ? undefined : parseDuration(token.lifetime);
    const rotateBefore = token['rotate-before'] === undefined ? undefined : parseDuration(token['rotate-before']);
    const spec = {
        tokenid,
        comment: token.comment ?? '',
        privsep: token.privsep ?? true,
        deliver: (token.deliver ?? []).map(buildDeliver),
        format: token.format ?? 'full',
        ...rotationOf(token),
    };
    if (lifetime === undefined)
        return rotateBefore === undefined ? spec : { ...spec, rotateBefore };
    return { ...spec, lifetime, rotateBefore: rotateBefore ?? defaultRotateBefore(lifetime) };
}
function rotationOf(token) {
    const overlap = token.overlap === undefined ? undefined : parseDuration(token.overlap);
    return {
        ...(token.rotation !== undefined && { rotation: token.rotation }),
        ...(overlap !== undefined ? { overlap } : token.rotation === 'overlap' ? { overlap: DEFAULT_OVERLAP } : {}),
    };
}
function buildDeliver(entry) {
    if ('output' in entry)
        return { kind: 'output', name: entry.output };
    if ('vault' in entry)
        return { kind: 'vault', ...resolveVaultTarget(entry.vault) };
    const target = entry['github-secret'];
    if (typeof target === 'string')
        return { kind: 'github-secret', name: target };
    return {
        kind: 'github-secret',
        name: target.name,
        ...(target.repository !== undefined && { repository: target.repository }),
        ...(target.environment !== undefined && { environment: target.environment }),
        ...(target.org !== undefined && { org: target.org }),
        ...(target.visibility !== undefined && { visibility: target.visibility }),
        ...(target['selected-repositories'] !== undefined && { selectedRepositories: sorted(target['selected-repositories']) }),
    };
}

;// CONCATENATED MODULE: ./src/plan/rotation.ts

/** `rotate-before`, defaulting to a sixth of the lifetime; undefined for tokens that never expire. */
function rotateBeforeOf(token) {
    if (token.lifetime === undefined)
        return undefined;
    return token.rotateBefore ?? defaultRotateBefore(token.lifetime);
}
/** `regenerate` keeps the token and its ACLs, but only PVE 9.1 and later have it. */
function rotationMethod(version) {
    return version.major > 9 || (version.major === 9 && version.minor >= 1) ? 'regenerate' : 'recreate';
}
/** The declared `rotation`, with `regenerate` falling back to `recreate` where the server lacks it. */
function rotationFor(token, version) {
    if (token.rotation === 'overlap' || token.rotation === 'recreate')
        return token.rotation;
    return rotationMethod(version);
}
/** An expiry (epoch, 0 = never) that has passed or falls within `window` seconds of now. */
function expiresWithin(expire, window, now) {
    return expire > 0 && expire - now <= window;
}
/** Epoch seconds as an ISO date-time: the same text whenever the plan is made. */
const isoTime = (epoch) => new Date(epoch * 1000).toISOString().replace(/\.000Z$/, 'Z');
function rotationReasons(fullid, spec, live, options) {
    const fromInputs = [];
    if (options.secretMissing.includes(fullid))
        fromInputs.push('a delivery target no longer holds the secret');
    if (options.rotate === 'all' || options.rotate.includes(fullid))
        fromInputs.push('rotation requested');
    const window = rotateBeforeOf(spec);
    const declared = window !== undefined && expiresWithin(live.expire, window, options.now)
        ? [live.expire <= options.now ? `expired ${isoTime(live.expire)}` : `expires ${isoTime(live.expire)}, within rotate-before`]
        : [];
    return { reasons: [...fromInputs, ...declared], repair: fromInputs.length > 0 && declared.length === 0 };
}

;// CONCATENATED MODULE: ./src/apply/context.ts

function createApplyContext(base) {
    let reads = 0;
    return {
        ...base,
        delivered: [],
        revoked: [],
        deadSecrets: [],
        toVerify: [],
        readRequests: () => reads,
        async read(fn) {
            const before = base.api.requestCount;
            try {
                return await fn();
            }
            finally {
                reads += base.api.requestCount - before;
            }
        },
    };
}
/** `PUT …/token/{id}?regenerate=1` exists from PVE 9.1 on; the planner picks rotations by the same rule. */
const supportsRegenerate = (server) => rotationMethod(server) === 'regenerate';

;// CONCATENATED MODULE: ./src/apply/object-steps.ts
async function applyRoleChange(ctx, change) {
    const { api, logger } = ctx;
    switch (change.action) {
        case 'create':
            logger.info(`create role ${change.roleid} (${object_steps_count(change.privileges.length, 'privilege')})`);
            return api.createRole(change.roleid, change.privileges);
        case 'update':
        case 'rotate':
            // PVE replaces the whole privilege set, which is exactly what the plan carries.
            logger.info(`update role ${change.roleid} (${object_steps_count(change.privileges.length, 'privilege')})`);
            return api.updateRole(change.roleid, change.privileges);
        case 'delete':
            logger.info(`delete role ${change.roleid}`);
            return api.deleteRole(change.roleid);
    }
}
async function applyGroupChange(ctx, change) {
    const { api, logger } = ctx;
    switch (change.action) {
        case 'create':
            logger.info(`create group ${change.groupid}`);
            return api.createGroup(change.groupid, change.comment);
        case 'update':
        case 'rotate':
            logger.info(`update group ${change.groupid} (comment)`);
            return api.updateGroup(change.groupid, change.comment);
        case 'delete':
            logger.info(`delete group ${change.groupid}`);
            return api.deleteGroup(change.groupid);
    }
}
async function applyUserChange(ctx, change) {
    const { api, logger } = ctx;
    switch (change.action) {
        case 'create':
            logger.info(`create user ${change.userid}`);
            return api.createUser(change.userid, creationFields(change.set));
        case 'update':
        case 'rotate':
            // Only the changed fields: PVE leaves the rest alone, and `groups` replaces membership exactly.
            logger.info(`update user ${change.userid} (${Object.keys(change.set).join(', ')})`);
            return api.updateUser(change.userid, { ...change.set });
        case 'delete':
            logger.info(`delete user ${change.userid}`);
            return api.deleteUser(change.userid);
    }
}
/** PVE stores free text only when non-empty, so empty values are left out of a create. */
function creationFields(set) {
    const entries = Object.entries(set).filter(([, value]) => value !== '' && !(Array.isArray(value) && value.length === 0));
    return Object.fromEntries(entries);
}
const object_steps_count = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;

;// CONCATENATED MODULE: ./src/apply/pool-steps.ts
const list = (items) => items.join(', ');
async function put(ctx, poolid, what, write) {
    ctx.logger.info(`update pool ${poolid} (${what})`);
    await ctx.api.updatePool(poolid, write);
}
async function removeMembers(ctx, change) {
    if (change.removeVms.length > 0)
        await put(ctx, change.poolid, `remove vms ${list(change.removeVms)}`, { vms: change.removeVms, delete: true });
    if (change.removeStorage.length > 0) {
        await put(ctx, change.poolid, `remove storage ${list(change.removeStorage)}`, { storage: change.removeStorage, delete: true });
    }
}
async function addMembers(ctx, change) {
    if (change.addVms.length > 0) {
        const moving = change.moves.length > 0;
        const what = `add vms ${list(change.addVms)}${moving ? `, moving ${list(change.moves.map((m) => m.vmid))}` : ''}`;
        await put(ctx, change.poolid, what, { vms: change.addVms, ...(moving && { allowMove: true }) });
    }
    if (change.addStorage.length > 0)
        await put(ctx, change.poolid, `add storage ${list(change.addStorage)}`, { storage: change.addStorage });
}
async function applyPoolChange(ctx, change) {
    switch (change.action) {
        case 'create':
            ctx.logger.info(`create pool ${change.poolid}`);
            await ctx.api.createPool(change.poolid, change.comment);
            return addMembers(ctx, change);
        case 'update':
        case 'rotate':
            if (change.setComment)
                await put(ctx, change.poolid, 'comment', { comment: change.comment });
            await removeMembers(ctx, change);
            return addMembers(ctx, change);
        case 'delete':
            await removeMembers(ctx, change);
            ctx.logger.info(`delete pool ${change.poolid}`);
            return ctx.api.deletePool(change.poolid);
    }
}

;// CONCATENATED MODULE: ./src/apply/realm-steps.ts
/**
 * Realms: one request per change, with PVE's parameter names and encoding (property strings for
 * the sync defaults and the second factor, `delete=` for options the spec dropped). The realm's
 * secret is read from the `realm-secrets` input here and nowhere else, and goes only into the
 * request body; the log says that it was sent, never what it is. A sync follows a change that
 * asks for one; it is a task PVE runs on its own, so its task id is logged and its outcome is not
 * awaited: a sync that cannot start is a warning, as the realm itself was written.
 */



const wireName = (option) => REALM_OPTIONS[option]?.wire ?? option;
function wireParams(set) {
    return Object.fromEntries(Object.entries(set).map(([option, value]) => [wireName(option), value]));
}
/** The secret to send with this change, by PVE's parameter name; nothing when the input holds none. */
function secretParam(ctx, change) {
    const param = REALM_SECRET_PARAM[change.type];
    const value = ctx.realmSecrets?.[change.realm];
    if (change.secret !== true || param === undefined || value === undefined)
        return {};
    return { [param]: value };
}
function describe(change, secret) {
    const options = [...Object.keys(change.set), ...change.unset.map((o) => `-${o}`)];
    const parts = [
        ...(change.action === 'create' ? [change.type] : []),
        ...(options.length > 0 ? [options.join(', ')] : []),
        ...(secret ? [`${REALM_SECRET_LABEL[change.type] ?? 'secret'} from realm-secrets`] : []),
    ];
    return `${change.action} realm ${log_line_oneLine(change.realm)}${parts.length > 0 ? ` (${parts.join('; ')})` : ''}`;
}
async function write(ctx, change) {
    const secret = secretParam(ctx, change);
    const hasSecret = Object.keys(secret).length > 0;
    switch (change.action) {
        case 'create':
            ctx.logger.info(describe(change, hasSecret));
            return ctx.api.createRealm({ realm: change.realm, type: change.type, ...wireParams(change.set), ...secret });
        case 'update':
        case 'rotate': {
            ctx.logger.info(describe(change, hasSecret));
            const remove = change.unset.map(wireName);
            const params = { ...wireParams(change.set), ...secret, ...(remove.length > 0 && { delete: remove.join(',') }) };
            return ctx.api.updateRealm(change.realm, params);
        }
        case 'delete':
            ctx.logger.info(`delete realm ${log_line_oneLine(change.realm)}`);
            return ctx.api.deleteRealm(change.realm);
    }
}
async function startSync(ctx, realm) {
    try {
        const upid = await ctx.api.syncRealm(realm);
        ctx.logger.info(`sync of realm ${log_line_oneLine(realm)} started: task ${log_line_oneLine(upid)} (PVE runs it on its own; see the node's task log for its result)`);
    }
    catch (err) {
        ctx.logger.warning(`realm ${log_line_oneLine(realm)} was written, but its sync did not start: ${log_line_oneLine(errorMessage(err))}; start it in PVE (Datacenter → Realms → Sync)`);
    }
}
/** A sync asked for by the run alone writes nothing: the realm already is as declared. */
const writesNothing = (change) => change.action === 'update' && change.fields.length === 0 && change.secret !== true && Object.keys(change.set).length === 0;
async function applyRealmChange(ctx, change) {
    if (writesNothing(change))
        ctx.logger.info(`sync realm ${log_line_oneLine(change.realm)} (the sync-realms input asks)`);
    else
        await write(ctx, change);
    if ((change.sync === true || change.syncRequested === true) && change.action !== 'delete')
        await startSync(ctx, change.realm);
}

;// CONCATENATED MODULE: ./src/secrets/delivery-errors.ts
/** Errors of secret delivery that carry more than one sink. Both are SecretDeliveryErrors. */



/** A delivery that stopped part-way: `delivered` already hold the (possibly soon dead) secret. */
class IncompleteDeliveryError extends SecretDeliveryError {
    delivered;
    constructor(sink, text, delivered, options) {
        super(sink, delivered.length > 0 ? message `${text} (already delivered to: ${delivered.join(', ')})` : text, options);
        this.delivered = delivered;
    }
}
/** Every sink that cannot take a secret, found before the first write, listed together. */
class DeliveryPreflightError extends SecretDeliveryError {
    problems;
    constructor(problems) {
        const head = `${problems.length} problem${problems.length === 1 ? '' : 's'} with the secret targets, found before any change was made:`;
        super('secret delivery', {
            text: [head, ...problems.map((p) => `- ${p.message}`)].join('\n'),
            markdown: [markdown_escape_escapeText(head), '', ...problems.map((p) => `- ${p.markdown ?? markdown_escape_escapeText(p.message)}`)].join('\n'),
        });
        this.problems = problems;
    }
}

;// CONCATENATED MODULE: ./src/apply/token-secret.ts
/**
 * Getting a token secret out of PVE exactly once. The secret exists only in the answer to a token
 * create or regenerate, so those requests are never retried blindly: when the answer is lost the
 * token is read back and the next step chosen from what the server actually holds.
 */


/**
 * Whether a failed request may still have been carried out. A lock timeout means the lock was
 * never taken; "does not exist" / "already exists" and 4xx are decided before anything is written.
 */
function mayHaveBeenApplied(err) {
    if (err instanceof TransportError)
        return true;
    if (!(err instanceof ProxmoxApiError))
        return false;
    if (err.status < 500 || err.status === 501)
        return false;
    return !err.lockTimeout && !err.notFound && !err.alreadyExists;
}
/** The token fields as the spec wants them, with `lifetime` turned into an expiry from now. */
function tokenWrite(ctx, change) {
    return {
        privsep: change.privsep,
        ...(change.comment !== '' ? { comment: change.comment } : {}),
        ...(change.lifetime !== undefined ? { expire: ctx.now() + change.lifetime } : {}),
    };
}
/**
 * The metadata sent with a rotation's regenerate (PVE >= 9.1, where an empty comment removes
 * one), so the rotated token also ends up with every field the plan wants.
 */
function regenerateWrite(ctx, change) {
    const expire = change.fields.find((f) => f.field === 'expire')?.after;
    return {
        ...tokenWrite(ctx, change),
        comment: change.comment,
        ...(change.lifetime === undefined && typeof expire === 'number' ? { expire } : {}),
    };
}
/**
 * Creates the token and returns its secret. After a lost answer: absent → create once more;
 * present → regenerate (PVE ≥ 9.1) or delete and create. If no secret can be had, the token is
 * deleted (and listed as revoked) so none is left that nobody holds a secret for.
 */
async function createTokenSecret(ctx, change) {
    const { userid, tokenid, fullid } = change;
    try {
        return await ctx.api.createToken(userid, tokenid, tokenWrite(ctx, change));
    }
    catch (err) {
        if (!mayHaveBeenApplied(err))
            throw err;
        ctx.logger.warning(`create token ${fullid}: the answer was lost (${errorMessage(err)}); reading the token back instead of retrying`);
    }
    try {
        const present = await tokenExists(ctx, change);
        if (!present) {
            ctx.logger.info(`create token ${fullid}: not on the server, creating it once more`);
            return await ctx.api.createToken(userid, tokenid, tokenWrite(ctx, change));
        }
        if (supportsRegenerate(ctx.plan.server)) {
            ctx.logger.info(`create token ${fullid}: it was created; regenerating its secret`);
            return await ctx.api.regenerateToken(userid, tokenid, tokenWrite(ctx, change));
        }
        ctx.logger.info(`create token ${fullid}: it was created; deleting and creating it again to get a secret`);
        await ctx.api.deleteToken(userid, tokenid);
        return await ctx.api.createToken(userid, tokenid, tokenWrite(ctx, change));
    }
    catch (err) {
        const outcome = await discardSecretless(ctx, change);
        throw new ApplyError(`could not obtain the secret of token ${fullid} (${errorMessage(err)}); ${outcome}`, { cause: err });
    }
}
/**
 * Regenerates the secret in place (PVE ≥ 9.1, keeps the token's ACLs). Repeating a regenerate
 * is harmless, it only issues yet another secret, so a lost answer is followed by one more try.
 * `onMaybeApplied` fires once the old secret may already be dead.
 */
async function regenerateTokenSecret(ctx, change, onMaybeApplied) {
    const { userid, tokenid, fullid } = change;
    try {
        return await ctx.api.regenerateToken(userid, tokenid, regenerateWrite(ctx, change));
    }
    catch (err) {
        if (!mayHaveBeenApplied(err))
            throw err;
        onMaybeApplied();
        ctx.logger.warning(`regenerate token ${fullid}: the answer was lost (${errorMessage(err)}); regenerating once more`);
    }
    return await ctx.api.regenerateToken(userid, tokenid, regenerateWrite(ctx, change));
}
async function tokenExists(ctx, change) {
    try {
        await ctx.read(() => ctx.api.getToken(change.userid, change.tokenid));
        return true;
    }
    catch (err) {
        if (err instanceof ProxmoxApiError && err.notFound)
            return false;
        throw err;
    }
}
/** Deletes a token whose secret nobody received; describes the outcome for the error message. */
async function discardSecretless(ctx, change) {
    try {
        await ctx.api.deleteToken(change.userid, change.tokenid);
    }
    catch (err) {
        if (err instanceof ProxmoxApiError && err.notFound)
            return 'no token was left behind';
        ctx.logger.error(`delete token ${change.fullid} failed: ${errorMessage(err)}`);
        return `deleting it failed too (${errorMessage(err)}): the token may exist with a secret nobody holds, delete ${change.fullid} by hand`;
    }
    ctx.revoked.push(change.fullid);
    ctx.logger.info(`delete token ${change.fullid}: nobody holds its secret`);
    return 'the token was deleted again';
}

;// CONCATENATED MODULE: ./src/plan/secret-privileges.ts
/**
 * What a freshly delivered token secret must hold, compared with what PVE says it holds. PVE
 * answers `GET /access/permissions` (asked as the token itself, without a path) with its
 * privileges on a few fixed paths and on every node of the ACL tree, leaving out paths where it
 * holds nothing; the planner's permission engine computes the same map from the state the plan
 * leads to, so the two can be compared path by path, propagate flags included.
 */





/** The paths PVE always evaluates, whether an ACL entry sits there or not. */
const PERMISSION_BASE_PATHS = ['/', '/access', '/access/groups', '/nodes', '/pool', '/sdn', '/storage', '/vms'];
/** Every node of the ACL tree, the intermediate ones included, as PVE lists them. */
function aclTreePaths(acl) {
    const out = new Set();
    for (const { path } of acl) {
        const parts = path.split('/').filter(Boolean);
        for (let i = 1; i <= parts.length; i++)
            out.add(`/${parts.slice(0, i).join('/')}`);
    }
    return [...out];
}
const flag = (propagates) => (propagates ? 'propagating' : 'not propagating');
/** How one path differs, or undefined when the token holds exactly the planned privileges there. */
function pathDifference(planned, held) {
    const missing = Object.keys(planned).filter((p) => !Object.hasOwn(held, p));
    const extra = Object.keys(held).filter((p) => !Object.hasOwn(planned, p));
    const flags = Object.keys(planned).filter((p) => Object.hasOwn(held, p) && Boolean(held[p]) !== planned[p]);
    const parts = [
        ...(missing.length > 0 ? [`lacks ${missing.sort(compareText).join(', ')}`] : []),
        ...(extra.length > 0 ? [`also holds ${extra.sort(compareText).join(', ')}`] : []),
        ...flags.sort(compareText).map((p) => `${p} is ${flag(Boolean(held[p]))}, planned ${flag(planned[p])}`),
    ];
    return parts.length > 0 ? parts.join('; ') : undefined;
}
/** A guest or storage of a pool: PVE lists it for the pool's roles, which the planner does not model. */
const POOL_MEMBER_PATH = /^\/(vms|storage)\/[^/]+$/;
/**
 * Compares PVE's answer for token `fullid` with the privileges it has in `after`, the state the
 * plan leads to, on the fixed paths, every node of the ACL tree, and every other path PVE names
 * (where the token inherits from above) except a pool's guests and storages.
 */
function checkSecretPrivileges(after, fullid, reported) {
    const model = accessModelOf(after, serverPrivileges(after));
    const tree = new Set([...PERMISSION_BASE_PATHS, ...aclTreePaths(after.acl)]);
    const others = Object.keys(reported).filter((path) => !tree.has(path) && !POOL_MEMBER_PATH.test(path));
    const paths = [...tree, ...others].sort(compareText);
    const names = new Set();
    let held = 0;
    // Paths that differ alike are named together: a role on `/` shows on every path below.
    const differences = new Map();
    for (const path of paths) {
        const planned = privilegesAt(model, fullid, path);
        const difference = pathDifference(planned, reported[path] ?? {});
        if (difference !== undefined)
            differences.set(difference, [...(differences.get(difference) ?? []), path]);
        if (Object.keys(planned).length > 0)
            held += 1;
        for (const name of Object.keys(planned))
            names.add(name);
    }
    return {
        privileges: names.size,
        paths: held,
        differences: [...differences].map(([difference, where]) => `${where.join(', ')}: ${difference}`),
    };
}
/**
 * Why PVE will refuse the token whatever its secret, in the state the plan leads to: its user is
 * disabled or expired. Undefined when the token can authenticate.
 */
function tokenCannotAuthenticate(after, fullid, now) {
    const userid = splitTokenId(fullid)?.userid;
    const user = userid === undefined ? undefined : after.users[userid];
    if (!user)
        return undefined;
    if (!user.enable)
        return `its user ${user.userid} is disabled, and PVE refuses the tokens of a disabled user`;
    if (user.expire !== 0 && user.expire < now)
        return `its user ${user.userid} has expired, and PVE refuses the tokens of an expired user`;
    return undefined;
}

;// CONCATENATED MODULE: ./src/proxmox/concurrency-gate.ts
/**
 * Runs at most `limit` of the tasks handed to it at a time; the others wait their turn in the
 * order they came. A finished task hands its slot straight to the next waiting one.
 */
/** How many per-object reads (a pool's members, a realm's options) one state read keeps in flight. */
const READS_AT_ONCE = 8;
function concurrencyGate(limit) {
    let active = 0;
    const waiting = [];
    const release = () => {
        const next = waiting.shift();
        if (next)
            next();
        else
            active -= 1;
    };
    return async (task) => {
        if (active < limit)
            active += 1;
        else
            await new Promise((resolve) => waiting.push(resolve));
        try {
            return await task();
        }
        finally {
            release();
        }
    };
}

;// CONCATENATED MODULE: ./src/apply/verify-secret.ts
/**
 * Every new or rotated secret is tried once after delivery: one `GET /access/permissions` as the
 * token itself, over the run's TLS settings, compared with the privileges the plan gives it. A
 * token holds its planned privileges only once the ACL writes and deletions after the token steps
 * are done, so the secrets are queued at delivery and tried when the apply has written everything.
 *
 * A secret PVE refuses (401), or one that holds other privileges than planned, is revoked with its
 * token, like a secret that could not be delivered: no token is left whose working secret nobody
 * holds, and the next apply creates it again. A check that cannot be made (the network failed
 * after the client's retries, or PVE refuses the token by design) leaves the token as it is and
 * says so as a warning.
 */





/** Secret checks in flight at once, as for the pool reads: enough to hide latency, few enough for any PVE. */
const CHECKS_AT_ONCE = 8;
/** Differences shown per failed secret (each names the paths it holds for); the rest are counted. */
const SHOWN_DIFFERENCES = 4;
/** The hook after a successful delivery: the secret is tried once the apply has written everything. */
function queueSecretVerification(ctx, change, secret, then) {
    ctx.toVerify.push({ change, secret, ...(then && { then }) });
}
/**
 * Tries the queued secrets. `stopped`: the apply ended early, so the tokens may lack grants the
 * plan still owes them; only authentication is checked then. Resolves with the first failure.
 */
async function verifyQueuedSecrets(ctx, stopped, mark) {
    const pending = ctx.toVerify.splice(0);
    if (pending.length === 0)
        return undefined;
    const after = stopped ? undefined : applyChangesToState(ctx.live, ctx.plan.changes, ctx.now());
    const title = ctx.connectAs === undefined ? 'Finish rotations' : `Verify new secrets (${pending.length})`;
    return ctx.logger.group(title, async () => {
        // The checks only read, as each token; they run a few at a time, and their outcomes are
        // logged, recorded and acted on one by one in plan order, as if they had run in turn.
        const gate = concurrencyGate(CHECKS_AT_ONCE);
        const checks = pending.map(({ change, secret }) => ctx.connectAs === undefined ? undefined : gate(() => verify(ctx, change, secret, after)));
        for (const check of checks)
            check?.catch(() => { });
        let first;
        for (const [index, { change, then }] of pending.entries()) {
            try {
                const check = checks[index];
                if (check !== undefined)
                    await settleVerification(ctx, change, await check);
                await then?.();
            }
            catch (err) {
                mark(change, change.action === 'create' ? 'reverted' : 'failed', errorMessage(err));
                first ??= `${change.address}: ${errorMessage(err)}`;
            }
        }
        return first;
    });
}
/** Records a check's outcome on the delivered entry; a failed one deletes the token and throws an ApplyError that says so. */
async function settleVerification(ctx, change, verification) {
    record(ctx, change, verification);
    if (verification.status === 'verified')
        ctx.logger.info(`verified the secret of ${change.fullid}: ${verification.detail}`);
    else if (verification.status === 'unverified')
        ctx.logger.warning(`the secret of ${change.fullid} is not verified: ${verification.detail}`);
    else
        throw await revoke(ctx, change, verification.detail);
}
async function verify(ctx, change, secret, after) {
    const refused = after === undefined ? undefined : tokenCannotAuthenticate(after, change.fullid, ctx.now());
    if (refused !== undefined)
        return { status: 'unverified', detail: `not tried: ${refused}` };
    let reported;
    try {
        reported = await permissionsAs(ctx, secret);
    }
    catch (err) {
        if (err instanceof ProxmoxApiError && err.status === 401)
            return { status: 'failed', detail: `PVE did not accept it (${err.message})` };
        return { status: 'unverified', detail: `could not be checked: ${errorMessage(err)}` };
    }
    if (after === undefined) {
        return { status: 'unverified', detail: 'it authenticates; its privileges were not compared, because the apply stopped early' };
    }
    const check = checkSecretPrivileges(after, change.fullid, reported);
    if (check.differences.length === 0) {
        return { status: 'verified', detail: `holds the ${count_count(check.privileges, 'planned privilege')} on ${count_count(check.paths, 'path')}` };
    }
    const more = check.differences.length - SHOWN_DIFFERENCES;
    const shown = check.differences.slice(0, SHOWN_DIFFERENCES).join('; ');
    return { status: 'failed', detail: `it holds other privileges than planned: ${shown}${more > 0 ? `; and ${more} more` : ''}` };
}
/** One request as the token; the credentials live only in the one-off client, closed right after. */
async function permissionsAs(ctx, secret) {
    const client = await ctx.connectAs({ tokenId: secret.fullTokenId, secret: secret.value });
    try {
        return await client.getPermissions();
    }
    finally {
        await client.close();
    }
}
function record(ctx, change, verification) {
    const index = ctx.delivered.findLastIndex((d) => d.fullid === change.fullid);
    if (index >= 0)
        ctx.delivered[index] = { ...ctx.delivered[index], verification };
}
/** Deletes the token whose secret failed; a rotated token's consumers now hold a dead secret. */
async function revoke(ctx, change, reason) {
    const { fullid } = change;
    ctx.logger.error(`the secret of ${fullid} failed its verification: ${reason}`);
    let outcome;
    try {
        await ctx.api.deleteToken(change.userid, change.tokenid);
        ctx.revoked.push(fullid);
        ctx.logger.info(`delete token ${fullid}: its secret failed verification`);
        outcome = 'the token was deleted';
    }
    catch (err) {
        if (err instanceof ProxmoxApiError && err.notFound)
            outcome = 'the token is already gone';
        else
            outcome = `deleting it failed too (${errorMessage(err)}): delete ${fullid} by hand`;
    }
    if (change.action === 'create') {
        return new ApplyError(`the secret of new token ${fullid} failed its verification (${reason}); ${outcome}`);
    }
    const consumers = ctx.delivery.describe(change);
    ctx.deadSecrets.push({ fullid, consumers });
    if (ctx.live.users[change.userid]?.tokens[change.tokenid] === undefined) {
        // A new generation of an overlap rotation: the token it replaces was left as it was.
        return new ApplyError(`the secret of new generation ${fullid} failed its verification (${reason}); ${outcome}, and the token it replaces ` +
            `keeps working for its whole lifetime; these consumers got the withdrawn secret and need the next run: ${consumers.join(', ') || 'none configured'}`);
    }
    return new ApplyError(`token ${fullid} was rotated but its new secret failed its verification (${reason}); ${outcome}, ` +
        `so these consumers now hold a dead secret: ${consumers.join(', ') || 'none configured'}. ` +
        'The next apply creates the token again and delivers a new secret');
}

;// CONCATENATED MODULE: ./src/apply/overlap-rotation.ts
/**
 * Rotation with `rotation: overlap` (README, "Tokens and rotation"), one step after another:
 *
 * 1. create the next generation (`name-N`) and take its secret;
 * 2. grant it the ACL entries the replaced token holds once this plan is applied;
 * 3. deliver its secret;
 * 4. once the new secret has passed its check (made after all of the apply's writes), set the
 *    replaced token's expiry to now + overlap, so PVE retires it even if no run follows.
 *
 * Until step 4 the replaced token is untouched: a failure in steps 1 to 3, or a secret that fails
 * its check, deletes the new generation again (nobody may be left holding the only secret of a
 * token, nor a token nobody holds), and the replaced token keeps working for its whole lifetime. A failure in step 4 is
 * reported; the new generation is delivered and the next plan sets the expiry.
 */








async function rotateWithOverlap(ctx, change, generation) {
    const next = { ...change, tokenid: generation.tokenid, fullid: generation.fullid, address: tokenAddress(generation.fullid) };
    ctx.logger.info(`rotate token ${change.fullid} (overlap): create ${next.fullid}`);
    const secret = await createTokenSecret(ctx, next);
    await grantGeneration(ctx, change, next);
    await deliverGeneration(ctx, change, next, secret);
    // Step 4 waits until the new secret has passed its check, made once the apply has written
    // everything (verify-secret.ts): a secret that fails is revoked, and the replaced token must then
    // keep its whole lifetime, as when the delivery fails.
    queueSecretVerification(ctx, next, secret, () => retire(ctx, change, generation));
}
/** Step 2: one write per path and propagate flag, as the executor batches ACL writes. */
async function grantGeneration(ctx, change, next) {
    const after = applyChangesToState(ctx.live, ctx.plan.changes, ctx.now());
    const entries = after.acl.filter((e) => e.type === 'token' && e.ugid === change.fullid).map((e) => ({ ...e, ugid: next.fullid }));
    for (const write of regrantWrites(entries)) {
        ctx.logger.info(`grant ${next.fullid}: ${write.roles.join(',')} on ${write.path}${write.propagate ? '' : ' (no propagate)'}`);
        try {
            await ctx.api.updateAcl(write);
        }
        catch (err) {
            ctx.logger.error(`grant ${next.fullid} on ${write.path}: ${errorMessage(err)}`);
            const outcome = await discardSecretless(ctx, next);
            throw new ApplyError(`the new token ${next.fullid} could not be given the ACL entries of ${change.fullid} (${errorMessage(err)}); ${outcome}. ` +
                `${change.fullid} is unchanged and keeps working`, { cause: err });
        }
    }
}
/** Step 3: a secret that did not reach every target is withdrawn, so consumers stay on the old token. */
async function deliverGeneration(ctx, change, next, secret) {
    try {
        const targets = await ctx.delivery.deliver(next, secret);
        ctx.delivered.push({ fullid: next.fullid, targets });
    }
    catch (err) {
        ctx.logger.error(`deliver the secret of ${next.fullid}: ${errorMessage(err)}`);
        const outcome = await discardSecretless(ctx, next);
        const reached = err instanceof IncompleteDeliveryError ? err.delivered : [];
        if (reached.length > 0) {
            ctx.deadSecrets.push({ fullid: next.fullid, consumers: reached });
            ctx.logger.warning(`the secret of ${next.fullid} was withdrawn; held by: ${reached.join(', ')}`);
        }
        throw new ApplyError(`the secret of the new token ${next.fullid} could not be delivered (${errorMessage(err)}); ${outcome}. ` +
            `${change.fullid} is unchanged and keeps working` +
            (reached.length > 0 ? `; these consumers got the withdrawn secret and need the next run: ${reached.join(', ')}` : ''), { cause: err });
    }
}
/** Step 4: never lengthens an expiry the replaced token already has. */
async function retire(ctx, change, generation) {
    const current = ctx.live.users[change.userid]?.tokens[change.tokenid]?.expire ?? 0;
    const expire = ctx.now() + generation.overlap;
    if (current > 0 && current <= expire) {
        ctx.logger.info(`token ${change.fullid} already expires ${isoTime(current)}, within the overlap`);
        return;
    }
    ctx.logger.info(`token ${change.fullid} expires ${isoTime(expire)}, after the overlap`);
    try {
        await ctx.api.updateToken(change.userid, change.tokenid, { expire });
    }
    catch (err) {
        throw new ApplyError(`the new token ${generation.fullid} was delivered, but the expiry of ${change.fullid} could not be set (${errorMessage(err)}); ` +
            `it keeps working until the next run sets it`, { cause: err });
    }
}

;// CONCATENATED MODULE: ./src/apply/token-steps.ts
/**
 * Token changes, with the deliver-or-revoke rule: every secret goes to its targets the moment it
 * exists; a new token whose secret could not be delivered is deleted again, and a rotation whose
 * secret could not be delivered names the consumers left holding a dead secret. A delivered
 * secret is queued to be tried once the apply has written everything (verify-secret.ts).
 */








async function applyTokenChange(ctx, change) {
    switch (change.action) {
        case 'create':
            ctx.logger.info(`create token ${change.fullid}${expiryNote(change)}`);
            return deliverOrRevoke(ctx, change, await createTokenSecret(ctx, change));
        case 'update':
            ctx.logger.info(`update token ${change.fullid} (${change.fields.map((f) => f.field).join(', ')})`);
            return ctx.api.updateToken(change.userid, change.tokenid, tokenUpdate(ctx, change));
        case 'rotate':
            return change.generation !== undefined ? rotateWithOverlap(ctx, change, change.generation) : rotate(ctx, change);
        case 'delete':
            ctx.logger.info(`delete token ${change.fullid}`);
            return ctx.api.deleteToken(change.userid, change.tokenid);
    }
}
async function deliverOrRevoke(ctx, change, secret) {
    try {
        const targets = await ctx.delivery.deliver(change, secret);
        ctx.delivered.push({ fullid: change.fullid, targets });
        queueSecretVerification(ctx, change, secret);
    }
    catch (err) {
        ctx.logger.error(`deliver the secret of ${change.fullid}: ${errorMessage(err)}`);
        const outcome = await discardSecretless(ctx, change);
        throw new ApplyError(`the secret of new token ${change.fullid} could not be delivered (${errorMessage(err)}); ${outcome}`, {
            cause: err,
        });
    }
}
async function rotate(ctx, change) {
    const method = change.rotation ?? rotationMethod(ctx.plan.server);
    ctx.logger.info(`rotate token ${change.fullid} (${method})${expiryNote(change)}`);
    let oldSecretDead = false;
    const markDead = () => void (oldSecretDead = true);
    let secret;
    try {
        secret = method === 'regenerate' ? await regenerateTokenSecret(ctx, change, markDead) : await recreate(ctx, change, markDead);
    }
    catch (err) {
        if (oldSecretDead)
            reportDeadSecret(ctx, change);
        throw err;
    }
    try {
        const targets = await ctx.delivery.deliver(change, secret);
        ctx.delivered.push({ fullid: change.fullid, targets });
        queueSecretVerification(ctx, change, secret);
    }
    catch (err) {
        // The consumers that did get the new secret must not be left with a token without ACLs.
        if (method === 'recreate')
            await regrant(ctx, change);
        // Targets reached before the failure hold the new, working secret: they are not dead.
        const consumers = reportDeadSecret(ctx, change, err instanceof IncompleteDeliveryError ? err.delivered : []);
        throw new ApplyError(`token ${change.fullid} was rotated but its new secret could not be delivered (${errorMessage(err)}); ` +
            `these consumers now hold a dead secret: ${consumers.join(', ') || 'none configured'}. ` +
            `Fix the target, then run apply again with rotate: ${change.fullid}`, { cause: err });
    }
    if (method === 'recreate')
        await regrant(ctx, change);
}
/** Before PVE 9.1 the only rotation: delete and create. The new token starts without ACLs. */
async function recreate(ctx, change, markDead) {
    try {
        await ctx.api.deleteToken(change.userid, change.tokenid);
    }
    catch (err) {
        // Already gone is what we wanted; anything else leaves the old token and secret working.
        if (!(err instanceof ProxmoxApiError && err.notFound))
            throw err;
    }
    markDead();
    return createTokenSecret(ctx, change);
}
/** Gives the recreated token back the ACL entries it had, except those the plan removes. */
async function regrant(ctx, change) {
    const removed = new Set(ctx.plan.changes.flatMap((c) => (c.kind === 'acl' && c.action === 'delete' ? [aclKey(c.entry)] : [])));
    const entries = ctx.live.acl.filter((e) => e.type === 'token' && e.ugid === change.fullid && !removed.has(aclKey(e)));
    for (const write of regrantWrites(entries)) {
        ctx.logger.info(`re-grant ${change.fullid}: ${write.roles.join(',')} on ${write.path}${write.propagate ? '' : ' (no propagate)'}`);
        await ctx.api.updateAcl(write);
    }
}
function reportDeadSecret(ctx, change, holdingNewSecret = []) {
    const consumers = ctx.delivery.describe(change).filter((c) => !holdingNewSecret.includes(c));
    ctx.deadSecrets.push({ fullid: change.fullid, consumers });
    ctx.logger.warning(`the previous secret of ${change.fullid} no longer works; held by: ${consumers.join(', ') || 'no configured target'}`);
    return consumers;
}
/**
 * Only the fields the plan changes: PVE sets what is given and nothing else, and before 9.0.4 an
 * empty comment cannot be sent to remove one. A `lifetime` field becomes an expiry from now.
 */
function tokenUpdate(ctx, change) {
    const write = {};
    for (const { field, after } of change.fields) {
        if (field === 'privsep')
            write.privsep = change.privsep;
        else if (field === 'comment')
            write.comment = change.comment;
        else if (field === 'expire' && typeof after === 'number')
            write.expire = after;
        else if (field === 'lifetime' && change.lifetime !== undefined)
            write.expire = ctx.now() + change.lifetime;
        // A previous generation of an overlap rotation: it expires this long from now.
        else if (field === 'overlap' && typeof after === 'number')
            write.expire = ctx.now() + after;
    }
    return write;
}
function expiryNote(change) {
    return change.lifetime === undefined ? '' : `, expires ${Math.round(change.lifetime / 86_400)}d after creation`;
}

;// CONCATENATED MODULE: ./src/apply/executor.ts
/**
 * Applies a plan to Proxmox: guard, check every secret target, then run the changes in the
 * plan's order, one log group per phase and one log line per request. Stops at the first
 * failure and reports what was done, what failed and what never ran; after a clean run it
 * re-reads and re-plans to prove the cluster converged.
 */










/**
 * Throws (before any write) when the guard refuses the plan or a secret target is unusable.
 * Once writing has begun it never throws: a failure ends the run and is returned in `error`.
 */
async function executePlan(plan, deps) {
    guardPlan(plan, { allowDeletions: deps.allowDeletions ?? true, live: deps.live, now: deps.now() });
    const executable = plan.changes.filter((c) => c.implied !== true);
    const secretChanges = executable.filter((c) => c.kind === 'token' && (c.action === 'create' || c.action === 'rotate'));
    if (secretChanges.length > 0)
        await deps.delivery.preflight(secretChanges);
    const { api, delivery, logger, live, now, connectAs } = deps;
    const ctx = createApplyContext({
        api,
        delivery,
        logger,
        live,
        now,
        plan,
        connectAs,
        ...(deps.realmSecrets && { realmSecrets: deps.realmSecrets }),
    });
    const firstRequest = deps.api.requestCount;
    const outcomes = new Map();
    let error;
    for (const phase of phasesOf(executable)) {
        error = await deps.logger.group(phase.title, () => runPhase(ctx, phase, outcomes));
        if (error !== undefined)
            break;
    }
    const secretsError = await verifyQueuedSecrets(ctx, error !== undefined, (c, status, message) => outcomes.set(c, operation(c, status, message)));
    error ??= secretsError;
    const writes = deps.api.requestCount - firstRequest - ctx.readRequests();
    const operations = executable.map((c) => outcomes.get(c) ?? operation(c, 'skipped', 'not run: the apply stopped at an earlier failure'));
    const applied = operations.filter((o) => o.status === 'done').length;
    deps.logger.info(`${applied} of ${executable.length} operations applied with ${count_count(writes, 'write request')}`);
    const verification = error === undefined ? await verifyConvergence(deps) : { converged: false, remaining: [] };
    const finalError = error ?? verification.error;
    return {
        operations,
        applied,
        writes,
        delivered: ctx.delivered,
        revoked: ctx.revoked,
        deadSecrets: ctx.deadSecrets,
        converged: verification.converged,
        remaining: verification.remaining,
        ...(finalError !== undefined ? { error: finalError } : {}),
    };
}
/** Runs of consecutive changes of one kind, writes and deletes apart (the plan already orders them). */
function phasesOf(changes) {
    const phases = [];
    for (const change of changes) {
        const deleting = change.action === 'delete';
        const key = `${change.kind}:${deleting}`;
        const last = phases.at(-1);
        if (last?.key === key)
            last.changes.push(change);
        else
            phases.push({ key, title: `${deleting ? 'Delete' : 'Apply'} ${NOUNS[change.kind]}`, changes: [change] });
    }
    return phases.map(({ title, changes: list }) => ({ title: `${title} (${list.length})`, changes: list }));
}
const NOUNS = {
    realm: 'realms',
    role: 'roles',
    group: 'groups',
    user: 'users',
    token: 'tokens',
    pool: 'pools',
    acl: 'ACL entries',
};
/** Resolves with an error message when the phase failed, undefined when every change was done. */
async function runPhase(ctx, phase, outcomes) {
    // A phase holds one kind only, so ACL phases are batched whole.
    const acl = phase.changes.filter((c) => c.kind === 'acl');
    if (acl.length > 0)
        return runAclPhase(ctx, acl, outcomes);
    for (const change of phase.changes) {
        if (change.kind === 'acl')
            continue;
        try {
            await executor_applyChange(ctx, change);
            outcomes.set(change, operation(change, 'done'));
        }
        catch (err) {
            const reverted = change.kind === 'token' && change.action === 'create' && ctx.revoked.includes(change.fullid);
            outcomes.set(change, operation(change, reverted ? 'reverted' : 'failed', errorMessage(err)));
            return failed(ctx.logger, change.address, err);
        }
    }
    return undefined;
}
function executor_applyChange(ctx, change) {
    switch (change.kind) {
        case 'role':
            return applyRoleChange(ctx, change);
        case 'group':
            return applyGroupChange(ctx, change);
        case 'user':
            return applyUserChange(ctx, change);
        case 'token':
            return applyTokenChange(ctx, change);
        case 'pool':
            return applyPoolChange(ctx, change);
        case 'realm':
            return applyRealmChange(ctx, change);
    }
}
async function runAclPhase(ctx, changes, outcomes) {
    let batches;
    try {
        batches = aclWritesFor(changes).map((write) => ({ write, covers: changesOfWrite(write, changes) }));
        const covered = new Set(batches.flatMap((b) => b.covers));
        const missing = changes.filter((c) => !covered.has(c));
        if (missing.length > 0)
            throw new Error(`internal: no ACL write covers ${missing.map((c) => c.address).join(', ')}`);
    }
    catch (err) {
        return failed(ctx.logger, 'acl', err);
    }
    for (const { write, covers } of batches) {
        ctx.logger.info(describeAclWrite(write));
        try {
            await ctx.api.updateAcl(write);
        }
        catch (err) {
            for (const c of covers)
                outcomes.set(c, operation(c, 'failed', errorMessage(err)));
            return failed(ctx.logger, `ACL ${write.path}`, err);
        }
        for (const c of covers)
            outcomes.set(c, operation(c, 'done'));
    }
    return undefined;
}
async function verifyConvergence(deps) {
    // Without a re-plan nothing proves convergence, so the report does not claim it.
    if (!deps.verify)
        return { converged: false, remaining: [] };
    const verify = deps.verify;
    return deps.logger.group('Verify', async () => {
        try {
            const remaining = await verify();
            if (remaining.length === 0)
                deps.logger.info('re-read and re-planned: nothing left to change');
            else
                deps.logger.error(`did not converge; still to change: ${remaining.map((c) => c.address).join(', ')}`);
            return { converged: remaining.length === 0, remaining };
        }
        catch (err) {
            deps.logger.error(`verification failed: ${errorMessage(err)}`);
            return { converged: false, remaining: [], error: `verification failed: ${errorMessage(err)}` };
        }
    });
}
function failed(logger, what, err) {
    const message = `${what}: ${errorMessage(err)}`;
    logger.error(message);
    return message;
}
function operation(change, status, message) {
    return {
        address: change.address,
        kind: change.kind,
        action: change.action,
        status,
        ...(message !== undefined ? { message } : {}),
    };
}

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(46752);
;// CONCATENATED MODULE: ./src/proxmox/tls.ts
/**
 * TLS trust for one client's connections only. Everything here configures this client's own
 * undici connector: the process-wide trust (NODE_TLS_REJECT_UNAUTHORIZED, the global
 * dispatcher) is never touched, so other HTTPS calls in the action keep full verification.
 */




/** The certificate the server presented is not the pinned one (fails closed, never retried). */
class CertificatePinError extends errors_ActionError {
    name = 'CertificatePinError';
    code = 'ERR_PROXMOX_CERT_PIN';
    constructor(expected, actual) {
        super(actual
            ? `server certificate fingerprint ${actual} does not match the pinned fingerprint ${expected}`
            : `server presented no certificate to check against the pinned fingerprint ${expected}`);
    }
}
/** `AA:BB:…` (any case, colons optional) → 64 lower-case hex digits; throws on anything else. */
function normalizeFingerprint(fingerprint) {
    const hex = fingerprint.trim().replace(/:/g, '').toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hex)) {
        throw new errors_ActionError('the certificate fingerprint must be a SHA-256 fingerprint: 32 bytes in hex, colon-separated as the Proxmox UI shows it');
    }
    return hex;
}
/** 64 hex digits → `AA:BB:…`, the form people compare against the UI. */
const formatFingerprint = (hex) => hex.toUpperCase().match(/../g).join(':');
/** Reads `caCert` when it is a path; PEM text is used as it is. */
async function loadCaCert(caCert) {
    if (caCert.includes('-----BEGIN'))
        return caCert;
    try {
        const pem = await (0,promises_.readFile)(caCert, 'utf8');
        if (!pem.includes('-----BEGIN CERTIFICATE-----'))
            throw new Error('no PEM certificate in the file');
        return pem;
    }
    catch (err) {
        const reason = FILE_PROBLEMS[err.code ?? ''] ?? err.message;
        throw new errors_ActionError(`cannot read proxmox-ca-cert ${log_line_oneLine(caCert)}: ${reason} (give a PEM file, or the PEM text itself)`, {
            cause: err,
        });
    }
}
/** Node's file errors in words; its own text names the system call too. */
const FILE_PROBLEMS = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EISDIR: 'it is a directory',
};
/** Builds the connector for this client's Agent; `connectTimeoutMs` bounds TCP + TLS setup. */
async function buildTlsConnector(tls, connectTimeoutMs) {
    if (tls.fingerprint !== undefined)
        return pinnedConnector(normalizeFingerprint(tls.fingerprint), connectTimeoutMs);
    if (tls.caCert !== undefined) {
        return (0,undici/* buildConnector */.gU)({ ca: await loadCaCert(tls.caCert), timeout: connectTimeoutMs });
    }
    if (tls.insecure === true)
        return (0,undici/* buildConnector */.gU)({ rejectUnauthorized: false, timeout: connectTimeoutMs });
    return (0,undici/* buildConnector */.gU)({ timeout: connectTimeoutMs });
}
/**
 * Chain and host-name checks are off (PVE's certificate is self-signed and names the node, not
 * the address used); instead the leaf certificate must carry the pinned SHA-256 fingerprint.
 * Sessions are not cached, so every connection presents a certificate to check.
 */
function pinnedConnector(expectedHex, connectTimeoutMs) {
    const base = (0,undici/* buildConnector */.gU)({ rejectUnauthorized: false, maxCachedSessions: 0, timeout: connectTimeoutMs });
    return (options, callback) => {
        base(options, (err, socket) => {
            if (err !== null)
                return callback(err, null);
            const actual = socket.getPeerCertificate?.()?.fingerprint256;
            const actualHex = typeof actual === 'string' && actual !== '' ? normalizeFingerprint(actual) : undefined;
            if (actualHex !== expectedHex) {
                socket.destroy();
                return callback(new CertificatePinError(formatFingerprint(expectedHex), actualHex && formatFingerprint(actualHex)), null);
            }
            return callback(null, socket);
        });
    };
}

;// CONCATENATED MODULE: ./src/proxmox/agent.ts
/**
 * The connection pool behind a client: an undici Agent whose every connection goes through the
 * client's TLS trust (pinned fingerprint, CA or, when asked, none). A run's one-off clients (one
 * per new secret it tries) share one such pool, so they reuse kept-alive connections instead of
 * each paying a TLS handshake; credentials still travel per request, never with the pool.
 */


const DEFAULT_TIMEOUT_MS = 30_000;
function resolveTimeouts(timeouts) {
    return {
        connectMs: timeouts?.connectMs ?? DEFAULT_TIMEOUT_MS,
        headersMs: timeouts?.headersMs ?? DEFAULT_TIMEOUT_MS,
        bodyMs: timeouts?.bodyMs ?? DEFAULT_TIMEOUT_MS,
    };
}
/**
 * A pool whose connections all pass `tls`; the caller closes it. `connections` bounds the open
 * connections (requests beyond wait for one): undici may otherwise open a new one while the
 * connection that just answered is not yet marked free again.
 */
async function createConnectionPool(tls, timeouts = resolveTimeouts(undefined), connections) {
    const connect = await buildTlsConnector(tls, timeouts.connectMs);
    return new undici/* Agent */.g6({ connect, headersTimeout: timeouts.headersMs, bodyTimeout: timeouts.bodyMs, ...(connections && { connections }) });
}

;// CONCATENATED MODULE: ./src/engine/shared-pool.ts


function sharedPool(tls) {
    let pool;
    return {
        get: () => (pool ??= Promise.resolve().then(() => createConnectionPool(tls(), undefined, CHECKS_AT_ONCE))),
        async close() {
            const opened = pool;
            pool = undefined;
            // A pool that could not be made has nothing to close; the check that asked for it reported why.
            await (await opened?.catch(() => undefined))?.close();
        },
    };
}

;// CONCATENATED MODULE: ./src/engine/connect.ts
/** Builds Proxmox client options from the action's settings; the action and the CLI share it. */

function proxmoxClientOptions(settings, logger, onSecret) {
    if (!settings.proxmoxUrl) {
        throw new errors_InputError('proxmox-url', 'input proxmox-url is required in plan, apply and drift modes (only validate runs offline)');
    }
    if (!settings.auth) {
        throw new errors_InputError('proxmox-token-id', 'no Proxmox credentials: set proxmox-token-id and proxmox-token-secret, or proxmox-username and proxmox-password');
    }
    if (tlsUnverified(settings)) {
        logger.warning('proxmox-insecure is true: the server certificate is NOT verified; pin it with proxmox-fingerprint instead');
    }
    return {
        url: settings.proxmoxUrl,
        auth: settings.auth,
        fingerprint: settings.fingerprint,
        caCert: settings.caCert,
        insecure: settings.insecure,
        logger,
        onSecret,
    };
}
/** `insecure` without a pinned fingerprint: the only case where nothing checks the server. */
const tlsUnverified = (settings) => settings.insecure && !settings.fingerprint;

;// CONCATENATED MODULE: ./src/github/comment-trust.ts
async function trustedCommentAuthor(octokit) {
    const login = await ownLogin(octokit);
    return login !== undefined ? (user) => user.login === login : (user) => user.type === 'Bot';
}
async function ownLogin(octokit) {
    try {
        const { data } = await octokit.rest.users.getAuthenticated();
        return data.login;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/network-failure.ts
/**
 * A request that got no answer because the server could not be reached at all: the name did not
 * resolve, the port refused, no route, no handshake in time. Such a failure is about the address
 * or the network between, not about the server, and is said so in plain words, with the system's
 * own text (one line) for whoever has to debug it.
 */

const PLAIN_WORDS = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'DNS lookup found no such host',
    EAI_AGAIN: 'DNS lookup failed for now',
    EHOSTUNREACH: 'no route to the host',
    ENETUNREACH: 'the network is unreachable',
    ETIMEDOUT: 'the connection timed out',
    UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
};
/** Errors wrap their cause (fetch wraps the socket's error); the code sits a few levels down. */
function* causes(err) {
    let current = err;
    for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
        yield current;
        current = current.cause;
    }
}
/** Every address of a host was tried and failed: the messages are in `errors`, not in `message`. */
function textOf(err) {
    const message = err instanceof Error ? err.message : '';
    const inner = err.errors;
    if (message === '' && Array.isArray(inner))
        return inner.map((e) => (e instanceof Error ? e.message : String(e))).join(', ');
    return message;
}
/** The reason `err` never reached the server, or undefined when it did or the reason is another one. */
function networkFailure(err) {
    for (const cause of causes(err)) {
        const code = cause.code;
        if (typeof code === 'string' && code in PLAIN_WORDS) {
            return { code, words: PLAIN_WORDS[code], detail: log_line_oneLine(textOf(cause) || code) };
        }
    }
    return undefined;
}
/** `connection refused (connect ECONNREFUSED 127.0.0.1:1)` */
const describeNetworkFailure = (failure) => `${failure.words} (${failure.detail})`;
/** The error code of a network failure (`ECONNRESET`, `UND_ERR_HEADERS_TIMEOUT`, …), or `unknown`. */
function errorCode(err) {
    const code = err?.code;
    return typeof code === 'string' ? code : 'unknown';
}
/** Failures where a server may simply have been busy or restarting; TLS and pin failures are not. */
const TRANSIENT_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'UND_ERR_SOCKET',
    'UND_ERR_CLOSED',
]);
/** Whether a request that failed with this error is worth another attempt (idempotent requests only). */
const isTransientNetworkError = (err) => TRANSIENT_CODES.has(errorCode(err));

;// CONCATENATED MODULE: ./src/github/http-error.ts
/**
 * The one place that reads Octokit's request errors: the HTTP status, whether GitHub answered at
 * all, its own message and headers. Also turns them into `ActionError`s that say what was
 * attempted and, for a 403, which permission is missing: a bare "Resource not accessible by
 * integration" helps nobody.
 */



/** The HTTP status of an Octokit `RequestError` (duck-typed: the class is a transitive dependency). */
function httpStatus(err) {
    if (typeof err !== 'object' || err === null || !('status' in err))
        return undefined;
    const status = err.status;
    return typeof status === 'number' ? status : undefined;
}
/**
 * True when the request got no HTTP answer at all (refused, reset, DNS, timeout): Octokit reports
 * those with status 500 too, but without a response, and they must not read as GitHub's 500.
 */
function isUnreachable(err) {
    if (typeof err !== 'object' || err === null)
        return false;
    if (err.name === 'AbortError')
        return true;
    return httpStatus(err) === 500 && err.response === undefined;
}
/**
 * Why an unreachable GitHub gave no answer, in one line: `the host name was not found (DNS)
 * (getaddrinfo ENOTFOUND api.github.com)`, `connection refused (…)`, or the error's own text.
 */
function unreachableReason(err) {
    const failure = networkFailure(err);
    if (failure)
        return describeNetworkFailure(failure);
    if (err?.name === 'AbortError')
        return 'the request timed out';
    return log_line_oneLine(errorText(err));
}
/** GitHub could not be reached or answered 5xx: the same request may well work a moment later. */
function isTransient(err) {
    const status = httpStatus(err);
    return isUnreachable(err) || (status !== undefined && status >= 500);
}
/** A response header of the failed request, when it is a string. */
function responseHeader(err, name) {
    if (typeof err !== 'object' || err === null || !('response' in err))
        return undefined;
    const headers = err.response?.headers;
    if (typeof headers !== 'object' || headers === null)
        return undefined;
    const value = headers[name];
    return typeof value === 'string' ? value : undefined;
}
/** GitHub names the permission an endpoint needs in this header; worth repeating on a 403. */
function acceptedPermissions(err) {
    return responseHeader(err, 'x-accepted-github-permissions') || undefined;
}
/**
 * How long GitHub asks to wait, in ms, when it rate-limits: its secondary rate limit answers 403
 * or 429 with `retry-after`. Undefined for anything else; a plain 403 is a permission problem.
 */
function rateLimitWaitMs(err) {
    const status = httpStatus(err);
    const seconds = Number(responseHeader(err, 'retry-after'));
    if ((status !== 429 && status !== 403) || !Number.isFinite(seconds) || seconds <= 0)
        return undefined;
    return seconds * 1000;
}
/** GitHub's own `message`, without the documentation URL Octokit appends. */
function githubMessage(err) {
    const data = typeof err === 'object' && err !== null ? err.response?.data : undefined;
    if (typeof data === 'object' && data !== null && typeof data.message === 'string') {
        return data.message;
    }
    return errorText(err);
}
/** The error's own text, whatever was thrown. */
const errorText = (err) => (err instanceof Error ? err.message : String(err));
/**
 * Wraps `err` from the attempt described by `what` (e.g. `update the plan comment on #12`);
 * `forbiddenHint` explains a 403 in the terms of that call.
 */
function gitHubError(err, what, forbiddenHint) {
    const status = httpStatus(err);
    const message = errorText(err);
    if (status === 403) {
        const needs = acceptedPermissions(err);
        return new ActionError(`GitHub refused to ${what} (403: ${message}). ${forbiddenHint}${needs ? ` GitHub says the call needs: ${needs}.` : ''}`, { cause: err });
    }
    if (isUnreachable(err))
        return new ActionError(`could not reach GitHub to ${what}: ${unreachableReason(err)}`, { cause: err });
    return new ActionError(`could not ${what}${status === undefined ? '' : ` (${status})`}: ${message}`, { cause: err });
}

;// CONCATENATED MODULE: ./src/github/actions-secrets.ts
/**
 * GitHub's Actions secrets endpoints, one function per call, for the three levels a secret lives
 * at. No retries and no error wording here: callers decide both. Values arrive already sealed.
 */

async function getPublicKey(octokit, scope) {
    const { data } = await requestPublicKey(octokit, scope);
    return { keyId: data.key_id, key: data.key };
}
function requestPublicKey(octokit, scope) {
    switch (scope.kind) {
        case 'repository':
            return octokit.rest.actions.getRepoPublicKey({ owner: scope.owner, repo: scope.repo });
        case 'environment':
            return octokit.rest.actions.getEnvironmentPublicKey({ owner: scope.owner, repo: scope.repo, environment_name: scope.environment });
        case 'organization':
            return octokit.rest.actions.getOrgPublicKey({ org: scope.org });
    }
}
/** Creates or replaces secret `name`; `created` on 201, `updated` on 204. */
async function putSealedSecret(octokit, scope, name, sealed, org) {
    const { status } = await requestPut(octokit, scope, name, sealed, org);
    return status === 201 ? 'created' : 'updated';
}
function requestPut(octokit, scope, secret_name, sealed, org) {
    switch (scope.kind) {
        case 'repository':
            return octokit.rest.actions.createOrUpdateRepoSecret({ owner: scope.owner, repo: scope.repo, secret_name, ...sealed });
        case 'environment':
            return octokit.rest.actions.createOrUpdateEnvironmentSecret({
                owner: scope.owner,
                repo: scope.repo,
                environment_name: scope.environment,
                secret_name,
                ...sealed,
            });
        case 'organization': {
            const selected = org.selectedRepositoryIds ? { selected_repository_ids: [...org.selectedRepositoryIds] } : {};
            return octokit.rest.actions.createOrUpdateOrgSecret({
                org: scope.org,
                secret_name,
                visibility: org.visibility,
                ...selected,
                ...sealed,
            });
        }
    }
}
/**
 * Whether secret `name` is there (metadata only; GitHub never returns values). A missing
 * environment or repository holds no secret either, so its 404 is a `false` too.
 */
async function hasSecret(octokit, scope, secret_name) {
    try {
        await requestSecret(octokit, scope, secret_name);
        return true;
    }
    catch (err) {
        if (httpStatus(err) === 404)
            return false;
        throw err;
    }
}
function requestSecret(octokit, scope, secret_name) {
    switch (scope.kind) {
        case 'repository':
            return octokit.rest.actions.getRepoSecret({ owner: scope.owner, repo: scope.repo, secret_name });
        case 'environment':
            return octokit.rest.actions.getEnvironmentSecret({
                owner: scope.owner,
                repo: scope.repo,
                environment_name: scope.environment,
                secret_name,
            });
        case 'organization':
            return octokit.rest.actions.getOrgSecret({ org: scope.org, secret_name });
    }
}
/** The numeric id organization secrets name their selected repositories by. */
async function getRepositoryId(octokit, repo) {
    const { data } = await octokit.rest.repos.get({ owner: repo.owner, repo: repo.repo });
    return data.id;
}
/** GitHub's 404 does not say which part of a scope is missing; one more GET tells which to create. */
async function missingPartOf(octokit, scope) {
    if (scope.kind === 'organization')
        return 'organization';
    try {
        await octokit.rest.repos.get({ owner: scope.owner, repo: scope.repo });
        return scope.kind === 'environment' ? 'environment' : 'unknown';
    }
    catch (err) {
        return httpStatus(err) === 404 ? 'repository' : 'unknown';
    }
}

;// CONCATENATED MODULE: ./src/github/retry.ts

/** Waits `ms` milliseconds; callers take a `Sleep` so tests can record the waits instead. */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Runs `call` until the policy lets an outcome stand or the attempts are used up. Never throws. */
async function retry(call, policy) {
    const attempts = Math.max(1, policy.attempts);
    for (let attempt = 1;; attempt += 1) {
        const outcome = await settle(call);
        const delay = attempt < attempts ? policy.delay(outcome, attempt) : undefined;
        if (delay === undefined)
            return { outcome, tries: attempt };
        policy.onRetry?.(outcome, attempt, delay);
        await policy.sleep(delay);
    }
}
async function settle(call) {
    try {
        return { ok: true, value: await call() };
    }
    catch (error) {
        return { ok: false, error };
    }
}
/** The error of a failed outcome; undefined for a value. */
const failureOf = (outcome) => (outcome.ok ? undefined : outcome.error);
/** The value of a settled outcome, or its error thrown again. */
function retry_valueOf(outcome) {
    if (outcome.ok)
        return outcome.value;
    throw outcome.error;
}
/** Longest wait a `retry-after` may ask for before we give up instead. */
const MAX_RETRY_AFTER_MS = 60_000;
/**
 * The wait before repeating an idempotent call (a GET, or a PUT that replaces the whole value)
 * after it failed with `err`, or undefined when the failure is not worth repeating: a rate limit
 * is waited out as GitHub asks (up to a minute), a 429 or 5xx backs off from `baseDelayMs`.
 * `retryIndex` counts from 0 for the first repeat.
 */
function idempotentRetryDelay(err, retryIndex, baseDelayMs) {
    const wait = rateLimitWaitMs(err);
    if (wait !== undefined)
        return wait <= MAX_RETRY_AFTER_MS ? wait : undefined;
    const status = httpStatus(err);
    if (status === 429 || (status !== undefined && status >= 500))
        return baseDelayMs * 2 ** retryIndex;
    return undefined;
}
/** Runs an idempotent GitHub call with `idempotentRetryDelay`, logging each repeat under `label`. */
function retryIdempotent(label, options, logger, call) {
    const attempts = options.attempts ?? 3;
    return retry(call, {
        attempts,
        sleep: options.sleep ?? sleep,
        delay: (outcome, attempt) => (outcome.ok ? undefined : idempotentRetryDelay(outcome.error, attempt - 1, options.baseDelayMs ?? 1_000)),
        onRetry: (outcome, attempt, delay) => logger.info(`${label}: ${failureWords(failureOf(outcome))}; retrying in ${delay} ms (attempt ${attempt + 1} of ${attempts})`),
    });
}
/** Octokit reports a request that got no answer as a 500: say that GitHub was not reached, and why. */
const failureWords = (err) => isUnreachable(err) ? `could not reach GitHub: ${unreachableReason(err)}` : `GitHub answered ${httpStatus(err) ?? 'with an error'}`;

;// CONCATENATED MODULE: ./src/log.ts
const nullLogger = {
    info: () => { },
    warning: () => { },
    error: () => { },
    debug: () => { },
    group: (_title, fn) => fn(),
};
/** A logger that keeps every line, for tests and for searching logs for leaked secrets. */
function recordingLogger() {
    const lines = [];
    return {
        lines,
        info: (m) => void lines.push(m),
        warning: (m) => void lines.push(`warning: ${m}`),
        error: (m) => void lines.push(`error: ${m}`),
        debug: (m) => void lines.push(`debug: ${m}`),
        group: async (title, fn) => {
            lines.push(`::group::${title}`);
            try {
                return await fn();
            }
            finally {
                lines.push('::endgroup::');
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/model/github-names.ts
/**
 * GitHub's rules for the names a `github-secret` target holds, in one place, as listed in the
 * README ("GitHub names in delivery targets"). The spec is checked against them offline, so a
 * typo, or a line break smuggled into a name, is an error at its line instead of a failed or
 * misdirected request half-way through an apply. Pure: no I/O.
 *
 * Each check returns a problem that completes "… <problem>" after the caller's own words, or
 * undefined when the name is acceptable.
 */
/** Organization logins: letters, digits and single hyphens, not at either end; 1 to 39 characters. */
const ORG_LOGIN = /^[A-Za-z0-9](?:-?[A-Za-z0-9])*$/;
/** User logins follow the same rule; a managed user of an enterprise adds `_shortcode`. */
const USER_LOGIN = /^[A-Za-z0-9](?:-?[A-Za-z0-9])*(?:_[A-Za-z0-9]+)?$/;
const LOGIN_MAX = 39;
/** Repository names: letters, digits, `.`, `-` and `_`, up to 100 characters, and not `.` or `..`. */
const REPOSITORY_NAME = /^[A-Za-z0-9._-]+$/;
const REPOSITORY_MAX = 100;
/** Environment names: up to 255 characters. */
const ENVIRONMENT_MAX = 255;
/** Control and invisible format characters (line breaks among them). */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
/** Actions secret names: letters, digits and `_`, not starting with a digit, and not with `GITHUB_`. */
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The organization secret visibilities GitHub knows. */
const ORG_VISIBILITIES = (/* unused pure expression or super */ null && (['all', 'private', 'selected']));
function secretNameProblem(name) {
    if (!SECRET_NAME.test(name))
        return "must contain only letters, digits and '_' and not start with a digit";
    if (/^GITHUB_/i.test(name))
        return 'must not start with GITHUB_';
    return undefined;
}
function orgLoginProblem(login) {
    return loginProblem(login, ORG_LOGIN, "letters, digits and single '-'");
}
function ownerLoginProblem(login) {
    return loginProblem(login, USER_LOGIN, "letters, digits and single '-' (and a managed user's '_shortcode')");
}
function loginProblem(login, rule, allowed) {
    if (!rule.test(login))
        return `must be a GitHub login: ${allowed}, not starting or ending with '-'`;
    if (login.length > LOGIN_MAX)
        return `is longer than ${LOGIN_MAX} characters`;
    return undefined;
}
function repositoryNameProblem(name) {
    if (!REPOSITORY_NAME.test(name) || name === '.' || name === '..') {
        return "must be a repository name: letters, digits, '.', '-' and '_' (and not . or ..)";
    }
    if (name.length > REPOSITORY_MAX)
        return `is longer than ${REPOSITORY_MAX} characters`;
    return undefined;
}
/** `owner/name`, each part by its own rule. */
function fullRepositoryProblem(fullName) {
    const parts = fullName.split('/');
    if (parts.length !== 2)
        return 'must be owner/name';
    const [owner = '', name = ''] = parts;
    const ownerProblem = ownerLoginProblem(owner);
    if (ownerProblem !== undefined)
        return `has an owner that ${ownerProblem}`;
    const nameProblem = repositoryNameProblem(name);
    return nameProblem === undefined ? undefined : `has a name that ${nameProblem}`;
}
function environmentNameProblem(name) {
    if (name.trim() === '')
        return 'must not be empty';
    if (INVISIBLE.test(name))
        return 'must not contain line breaks or other control characters';
    if (name.length > ENVIRONMENT_MAX)
        return `is longer than ${ENVIRONMENT_MAX} characters`;
    return undefined;
}
/**
 * An entry of `selected-repositories`: a repository of the organization, by name or as
 * `org/name`. GitHub lets an organization secret be read only by the organization's own repositories.
 */
function selectedRepositoryProblem(entry, org) {
    if (!entry.includes('/'))
        return repositoryNameProblem(entry);
    const problem = fullRepositoryProblem(entry);
    if (problem !== undefined)
        return problem;
    const owner = entry.split('/')[0] ?? '';
    return owner.toLowerCase() === org.toLowerCase()
        ? undefined
        : "belongs to another owner: only the organization's own repositories can read its secrets";
}

;// CONCATENATED MODULE: ./src/model/action-outputs.ts
/**
 * The action's own outputs, as action.yml declares them: listed here once. The action sets each
 * of them in every run, and a spec's `deliver: output:` target may not take one of these names.
 */
const ACTION_OUTPUT_NAMES = [
    'mode',
    'has-changes',
    'summary',
    'plan',
    'plan-digest',
    'drift',
    'applied',
    'comment-url',
    'tokens',
    'audit',
];
const isActionOutputName = (name) => ACTION_OUTPUT_NAMES.includes(name);
/** Step output ids: a letter or `_`, then letters, digits, `-` or `_`. */
const OUTPUT_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;

;// CONCATENATED MODULE: ./src/spec/deliver-target-label.ts
/** An org secret without a visibility is readable by private and internal repositories only, never public ones. */
const DEFAULT_ORG_VISIBILITY = 'private';
/**
 * `github-secret acme/infra/NAME`, `github-secret acme/infra:production/NAME`,
 * `github-secret org acme/NAME (visibility private)`; `current` is the repository the run is in.
 */
function describeTarget(target, current) {
    if (target.org !== undefined) {
        const visibility = target.visibility ?? DEFAULT_ORG_VISIBILITY;
        const selected = visibility === 'selected' ? `: ${(target.selectedRepositories ?? []).join(', ')}` : '';
        return `github-secret org ${target.org}/${target.name} (visibility ${visibility}${selected})`;
    }
    const repo = target.repository ?? (current ? `${current.owner}/${current.repo}` : 'this repository');
    const env = target.environment !== undefined ? `:${target.environment}` : '';
    return `github-secret ${repo}${env}/${target.name}`;
}
const describeOutput = (target) => `output ${target.name}`;
/** `vault secret/proxmox/terraform#token`: mount, path and the field that holds the token. */
const describeVault = (target) => `vault ${target.mount}/${target.path}#${target.field}`;
/** `output terraform_token`, `github-secret acme/infra:production/PM_API_TOKEN`, `vault secret/proxmox/terraform#token`. */
function describeDeliverTarget(target) {
    switch (target.kind) {
        case 'output':
            return describeOutput(target);
        case 'vault':
            return describeVault(target);
        case 'github-secret':
            return describeTarget(target, undefined);
    }
}

;// CONCATENATED MODULE: ./src/secrets/targets.ts
/**
 * Where a `github-secret` deliver target points: a repository, one of its environments, or an
 * organization. Also the one wording of every target in logs, errors and dead-secret notices.
 */





/** Reads `owner/repo`; throws a SecretDeliveryError naming `sink` for anything else. */
function parseRepository(fullName, sink) {
    const parts = fullName.split('/');
    if (parts.length !== 2 || !parts[0] || !parts[1]) {
        throw new SecretDeliveryError(sink, `repository "${fullName}" is not of the form owner/repo`);
    }
    return { owner: parts[0], repo: parts[1] };
}
/** Only a command line run knows no repository of its own; the action always runs in one. */
const NO_REPOSITORY = 'no repository is known for a target without `repository`: give the target `repository: owner/name`, or pass --repository owner/repo (or set GITHUB_REPOSITORY)';
/** The scope a target writes to; `current` is the repository the workflow runs in. */
function scopeOf(target, current) {
    const sink = describeTarget(target, current);
    if (target.org !== undefined) {
        if (target.repository !== undefined || target.environment !== undefined) {
            throw new SecretDeliveryError(sink, 'an organization secret takes no repository or environment');
        }
        return { kind: 'organization', org: target.org };
    }
    const repo = target.repository !== undefined ? parseRepository(target.repository, sink) : current;
    if (!repo)
        throw new SecretDeliveryError(sink, NO_REPOSITORY);
    return target.environment !== undefined
        ? { kind: 'environment', owner: repo.owner, repo: repo.repo, environment: target.environment }
        : { kind: 'repository', owner: repo.owner, repo: repo.repo };
}
/** Owner and repository names are case-insensitive on GitHub, so the key folds them. */
function scopeKey(scope) {
    switch (scope.kind) {
        case 'repository':
            return `${scope.owner}/${scope.repo}`.toLowerCase();
        case 'environment':
            return `${`${scope.owner}/${scope.repo}`.toLowerCase()}:${scope.environment}`;
        case 'organization':
            return `org:${scope.org.toLowerCase()}`;
    }
}
/** `acme/infra`, `acme/infra:production`, `org acme`. */
function describeScope(scope) {
    switch (scope.kind) {
        case 'repository':
            return `${scope.owner}/${scope.repo}`;
        case 'environment':
            return `${scope.owner}/${scope.repo}:${scope.environment}`;
        case 'organization':
            return `org ${scope.org}`;
    }
}
/** GitHub's naming rules for Actions secrets; undefined when `name` is acceptable. */
function targets_secretNameProblem(name) {
    const problem = secretNameProblem(name);
    return problem === undefined ? undefined : `secret name "${log_line_oneLine(name)}" ${problem}`;
}
/** Step output ids (`OUTPUT_NAME_PATTERN`). */
function outputNameProblem(name) {
    return OUTPUT_NAME_PATTERN.test(name)
        ? undefined
        : `output name "${name}" must start with a letter or _ and contain only letters, digits, - and _`;
}
/** A selected repository written without an owner belongs to the secret's organization. */
function selectedRepository(name, org, sink) {
    return parseRepository(name.includes('/') ? name : `${org}/${name}`, sink);
}

;// CONCATENATED MODULE: ./src/secrets/github-errors.ts
/**
 * Turns Octokit's request errors into SecretDeliveryErrors that say what to fix: which token,
 * which permission, which missing repository or environment. Never echoes a request body.
 */




/** The fine-grained permission (PAT or GitHub App) a scope needs for writing secrets. */
function requiredPermission(scope) {
    switch (scope.kind) {
        case 'repository':
            return ownMessage('`Secrets: write` (repository)');
        case 'environment':
            return ownMessage('`Secrets: write` on environments (repository `Environments: write` and `Secrets: write`)');
        case 'organization':
            return ownMessage('`Organization secrets: write`');
    }
}
/** The sentence every permission failure ends with. */
function tokenAdvice(scope) {
    return message `GITHUB_TOKEN cannot write Actions secrets; pass a GitHub App token or fine-grained PAT with ${requiredPermission(scope)} as \`secrets-token\``;
}
function toDeliveryError(err, context) {
    if (err instanceof SecretDeliveryError)
        return err;
    const { sink, scope } = context;
    const status = httpStatus(err);
    if (isUnreachable(err)) {
        // Octokit calls this a 500, but GitHub never answered: the problem is on the way there.
        const tries = context.attempts > 1 ? ` after ${context.attempts} attempts` : '';
        return new SecretDeliveryError(sink, `could not reach GitHub: ${unreachableReason(err)}${tries}; check this machine's network and proxy settings`, { cause: err });
    }
    const answer = `GitHub answered ${status ?? 'with an error'}: ${githubMessage(err)}`;
    if (status === 401) {
        return new SecretDeliveryError(sink, message `${answer}. The \`secrets-token\` was rejected: it is invalid or expired`, { cause: err });
    }
    if (status === 403) {
        const accepted = acceptedPermissions(err);
        const needs = accepted ? ` (GitHub says this endpoint needs ${accepted})` : '';
        return new SecretDeliveryError(sink, message `${answer}${needs}. ${tokenAdvice(scope)}`, { cause: err });
    }
    if (status === 404)
        return new SecretDeliveryError(sink, notFoundMessage(context, answer), { cause: err });
    if (status !== undefined && status >= 500) {
        const tries = context.attempts > 1 ? ` after ${context.attempts} attempts` : '';
        return new SecretDeliveryError(sink, `${answer}${tries}; GitHub may be having trouble, try again later`, { cause: err });
    }
    return new SecretDeliveryError(sink, answer, { cause: err });
}
function notFoundMessage(context, answer) {
    const { scope } = context;
    const where = describeScope(scope);
    if (context.operation === 'repository') {
        return message `${answer}. Repository ${context.repository ?? '?'}, selected for this organization secret, does not exist or the \`secrets-token\` cannot see it`;
    }
    switch (context.notFound) {
        case 'environment':
            return scope.kind === 'environment'
                ? `environment "${scope.environment}" does not exist in ${scope.owner}/${scope.repo}; ` +
                    'create it in the repository settings (this action does not create environments)'
                : answer;
        case 'repository':
            return message `${answer}. Repository ${where.split(':')[0] ?? where} does not exist or the \`secrets-token\` cannot see it; ${tokenAdvice(scope)}`;
        case 'organization':
            return message `${answer}. Organization ${where.replace(/^org /, '')} does not exist or the \`secrets-token\` cannot see it; ${tokenAdvice(scope)}`;
        default:
            return message `${answer}. ${where} was not found or the \`secrets-token\` cannot see it; ${tokenAdvice(scope)}`;
    }
}

// EXTERNAL MODULE: ./node_modules/libsodium-wrappers/dist/modules-esm/libsodium-wrappers.mjs + 1 modules
var libsodium_wrappers = __webpack_require__(54768);
;// CONCATENATED MODULE: ./src/secrets/seal.ts
/**
 * GitHub's secrets API only accepts values sealed to the scope's public key with libsodium's
 * sealed box (X25519 + XSalsa20-Poly1305, anonymous sender). Only GitHub can open them again.
 */

/**
 * Seals `value` to `publicKeyBase64` (as served by a `.../secrets/public-key` endpoint) and returns
 * standard padded base64: libsodium's default variant is URL-safe without padding, which GitHub rejects.
 */
async function sealForGitHub(value, publicKeyBase64) {
    await libsodium_wrappers/* default.ready */.Ay.ready;
    let key;
    try {
        key = libsodium_wrappers/* default.from_base64 */.Ay.from_base64(publicKeyBase64, libsodium_wrappers/* default.base64_variants */.Ay.base64_variants.ORIGINAL);
    }
    catch {
        throw new Error('the public key GitHub returned is not valid base64');
    }
    if (key.length !== libsodium_wrappers/* default */.Ay.crypto_box_PUBLICKEYBYTES) {
        throw new Error(`the public key GitHub returned has ${key.length} bytes, not ${libsodium_wrappers/* default */.Ay.crypto_box_PUBLICKEYBYTES}`);
    }
    const sealed = libsodium_wrappers/* default */.Ay.crypto_box_seal(libsodium_wrappers/* default.from_string */.Ay.from_string(value), key);
    return libsodium_wrappers/* default.to_base64 */.Ay.to_base64(sealed, libsodium_wrappers/* default.base64_variants */.Ay.base64_variants.ORIGINAL);
}

;// CONCATENATED MODULE: ./src/secrets/github-secrets.ts
/**
 * Actions secrets for delivery: public keys per scope (cached), sealed PUTs, existence checks,
 * each GitHub call retried and its failure worded as a SecretDeliveryError that names the fix.
 * The value only ever leaves this module sealed to GitHub's public key.
 */








function createGitHubSecretsClient(options) {
    const client = {
        octokit: options.octokit,
        repository: options.repository,
        logger: options.logger ?? nullLogger,
        retry: options.retry ?? {},
        keys: new Map(),
        repoIds: new Map(),
    };
    // Own properties, not methods of a prototype: callers wrap a client by spreading it.
    return {
        describe: (target) => github_secrets_describe(client, target),
        publicKeyFor: (target) => publicKeyFor(client, target),
        check: (target) => check(client, target),
        putSecret: (target, value) => putSecret(client, target, value),
        secretExists: (target) => secretExists(client, target),
    };
}
const github_secrets_describe = (client, target) => describeTarget(target, client.repository);
/** One call with retries, its failure turned into a SecretDeliveryError that names the fix. */
async function call(client, site, fn) {
    const { target, scope, operation, repository } = site;
    const sink = github_secrets_describe(client, target);
    const { outcome, tries } = await retryIdempotent(`${sink} (${operation})`, client.retry, client.logger, fn);
    if (outcome.ok)
        return outcome.value;
    const err = outcome.error;
    const notFound = httpStatus(err) === 404 && operation !== 'repository' ? await missingPartOf(client.octokit, scope) : undefined;
    throw toDeliveryError(err, {
        sink,
        scope,
        operation,
        attempts: tries,
        ...(notFound ? { notFound } : {}),
        ...(repository ? { repository } : {}),
    });
}
/** A cached promise of `key`, fetched once; a failed fetch is not cached, so the next caller asks again. */
function cached(cache, key, fetch) {
    let value = cache.get(key);
    if (!value) {
        value = fetch();
        value.catch(() => cache.delete(key));
        cache.set(key, value);
    }
    return value;
}
function publicKeyFor(client, target) {
    const scope = scopeOf(target, client.repository);
    return cached(client.keys, scopeKey(scope), async () => {
        const key = await call(client, { target, scope, operation: 'public-key' }, () => getPublicKey(client.octokit, scope));
        client.logger.debug(`${github_secrets_describe(client, target)}: public key ${key.keyId}`);
        return key;
    });
}
function repositoryId(client, target, scope, name) {
    const repo = selectedRepository(name, target.org ?? '', github_secrets_describe(client, target));
    const fullName = `${repo.owner}/${repo.repo}`;
    return cached(client.repoIds, fullName.toLowerCase(), () => call(client, { target, scope, operation: 'repository', repository: fullName }, () => getRepositoryId(client.octokit, repo)));
}
/** Who may read the secret; for `selected`, the repository ids are looked up one by one, in order. */
async function orgAccess(client, target, scope) {
    const visibility = target.visibility ?? DEFAULT_ORG_VISIBILITY;
    if (scope.kind !== 'organization' || visibility !== 'selected')
        return { visibility };
    const ids = [];
    for (const name of target.selectedRepositories ?? [])
        ids.push(await repositoryId(client, target, scope, name));
    return { visibility, selectedRepositoryIds: ids };
}
async function check(client, target) {
    await publicKeyFor(client, target);
    await orgAccess(client, target, scopeOf(target, client.repository));
}
async function putSecret(client, target, value) {
    const scope = scopeOf(target, client.repository);
    const org = await orgAccess(client, target, scope);
    const send = async () => {
        const { keyId, key } = await publicKeyFor(client, target);
        const sealed = { encrypted_value: await sealForGitHub(value, key), key_id: keyId };
        return call(client, { target, scope, operation: 'put' }, () => putSealedSecret(client.octokit, scope, target.name, sealed, org));
    };
    try {
        return await send();
    }
    catch (err) {
        if (!(await keyWasRotated(client, target, scope, err)))
            throw err;
        return send();
    }
}
/**
 * GitHub can rotate a scope's key; a value sealed to the old one is refused with 422. The cached
 * key is dropped and, when a fresh fetch brings a different key, the caller seals again.
 */
async function keyWasRotated(client, target, scope, err) {
    if (!(err instanceof Error) || httpStatus(err.cause) !== 422)
        return false;
    const cacheKey = scopeKey(scope);
    const old = await client.keys.get(cacheKey)?.catch(() => undefined);
    client.keys.delete(cacheKey);
    const fresh = await publicKeyFor(client, target);
    if (fresh.keyId === old?.keyId)
        return false;
    client.logger.info(`${github_secrets_describe(client, target)}: GitHub rotated the public key (${old?.keyId ?? '?'} → ${fresh.keyId}); sealing again`);
    return true;
}
function secretExists(client, target) {
    const scope = scopeOf(target, client.repository);
    return call(client, { target, scope, operation: 'get' }, () => hasSecret(client.octokit, scope, target.name));
}

;// CONCATENATED MODULE: ./src/engine/github-clients.ts


function gitHubClients(deps, settings) {
    let rest;
    let author;
    let secrets;
    const restClient = () => {
        if (settings.token && !rest)
            rest = deps.octokit(settings.token, settings.apiUrl);
        return rest;
    };
    return {
        rest: restClient,
        commentAuthor: () => {
            const octokit = restClient();
            if (!octokit)
                throw new Error('no github-token to tell whose comments count');
            return (author ??= trustedCommentAuthor(octokit));
        },
        secrets: () => {
            if (settings.secretsToken && !secrets) {
                secrets = createGitHubSecretsClient({
                    octokit: deps.octokit(settings.secretsToken, settings.apiUrl),
                    repository: settings.repository(),
                    logger: deps.logger,
                    retry: { sleep: (ms) => deps.sleep(ms) },
                });
            }
            return secrets;
        },
    };
}

;// CONCATENATED MODULE: ./src/proxmox/normalize.ts
/**
 * PVE's wire format → LiveState. Pure. PVE answers the same fact in several spellings:
 * stored values are numbers, echoed ones numeric strings; lists are comma strings in list
 * endpoints and arrays in per-object ones; `tokens` is an array, an object or `null`; an empty
 * `email` shows up as `""` or not at all. Everything here folds those into one shape, sorted,
 * so two reads of the same cluster are deep-equal whichever endpoints they used.
 */


/** Builds the LiveState from the five list answers (or their per-object equivalents). */
function normalizeLiveState(wire) {
    const users = wire.users.map(normalizeUser).filter((u) => u !== undefined);
    const groups = wire.groups.map(normalizeGroup).filter((g) => g !== undefined);
    // Membership is visible from both sides, each possibly filtered by the caller's rights: take the union.
    const membership = new Membership();
    for (const user of users)
        for (const groupid of user.groups)
            membership.add(user.userid, groupid);
    for (const group of groups)
        for (const userid of group.members)
            membership.add(userid, group.groupid);
    return {
        version: parseServerVersion(wire.version),
        roles: byId(wire.roles.map(normalizeRole).filter((r) => r !== undefined), (r) => r.roleid),
        users: byId(users.map((u) => ({ ...u, groups: membership.groupsOf(u.userid) })), (u) => u.userid),
        groups: byId(groups.map((g) => ({ ...g, members: membership.membersOf(g.groupid) })), (g) => g.groupid),
        acl: normalizeAcl(wire.acl),
    };
}
class Membership {
    #groupsOf = new Map();
    #membersOf = new Map();
    add(userid, groupid) {
        setIn(this.#groupsOf, userid).add(groupid);
        setIn(this.#membersOf, groupid).add(userid);
    }
    groupsOf = (userid) => sortedUnique([...(this.#groupsOf.get(userid) ?? [])]);
    membersOf = (groupid) => sortedUnique([...(this.#membersOf.get(groupid) ?? [])]);
}
function setIn(map, key) {
    let set = map.get(key);
    if (!set)
        map.set(key, (set = new Set()));
    return set;
}
/** `/version` → ServerVersion; understands `9.1.1`, `8.2.4` and 7.x's `7.4-3`. */
function parseServerVersion(wire) {
    const version = normalize_text(wire.version);
    const release = normalize_text(wire.release);
    const match = /^(\d+)\.(\d+)/.exec(version) ?? /^(\d+)\.(\d+)/.exec(release);
    if (!match)
        throw new errors_ActionError(`cannot read the Proxmox VE version from /version (version '${version}')`);
    const major = Number(match[1]);
    const minor = Number(match[2]);
    return { version: version || release, release: release || `${major}.${minor}`, major, minor };
}
function normalizeRole(wire) {
    const roleid = normalize_text(wire.roleid);
    if (roleid === '')
        return undefined;
    return { roleid, privileges: privilegesOf(wire.privs), builtin: normalize_flag(wire.special, false) };
}
/** The role list sends `"A,B"`; `GET /access/roles/{id}` sends `{ "A": 1, "B": 1 }`. */
function privilegesOf(value) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        return sortedUnique(Object.entries(value)
            .filter(([, on]) => normalize_flag(on, false))
            .map(([priv]) => priv));
    }
    return sortedUnique(normalize_list(value));
}
function normalizeUser(wire) {
    const userid = normalize_text(wire.userid);
    if (userid === '')
        return undefined;
    return {
        userid,
        // PVE re-creates a deleted root@pam without `enable`/`expire`; its defaults are 1 and 0.
        enable: normalize_flag(wire.enable, true),
        expire: integer(wire.expire),
        comment: normalize_text(wire.comment),
        email: normalize_text(wire.email),
        firstname: normalize_text(wire.firstname),
        lastname: normalize_text(wire.lastname),
        groups: sortedUnique(normalize_list(wire.groups)),
        tokens: normalizeTokens(wire.tokens),
    };
}
/** `tokens`: an array of `{tokenid, …}` (user list), an object keyed by id (single user), or `null`. */
function normalizeTokens(value) {
    const entries = Array.isArray(value)
        ? value.map((item) => [normalize_text(item?.tokenid), item])
        : typeof value === 'object' && value !== null
            ? Object.entries(value)
            : [];
    const tokens = entries
        .filter(([tokenid, item]) => tokenid !== '' && typeof item === 'object' && item !== null)
        .map(([tokenid, item]) => {
        const wire = item;
        return { tokenid, privsep: normalize_flag(wire.privsep, true), expire: integer(wire.expire), comment: normalize_text(wire.comment) };
    });
    return byId(tokens, (t) => t.tokenid);
}
/** The group list sends `users: "a,b"`; `GET /access/groups/{id}` sends `members: [...]`. */
function normalizeGroup(wire) {
    const groupid = normalize_text(wire.groupid);
    if (groupid === '')
        return undefined;
    return { groupid, comment: normalize_text(wire.comment), members: sortedUnique([...normalize_list(wire.users), ...normalize_list(wire.members)]) };
}
const ACL_TYPES = ['user', 'group', 'token'];
function normalizeAcl(wire) {
    const entries = wire
        .map((item) => ({
        path: normalize_text(item.path),
        type: normalize_text(item.type),
        ugid: normalize_text(item.ugid),
        roleid: normalize_text(item.roleid),
        propagate: normalize_flag(item.propagate, true),
    }))
        .filter((e) => e.path !== '' && e.ugid !== '' && e.roleid !== '' && ACL_TYPES.includes(e.type));
    return entries.sort(compareAclEntries);
}
/** A record whose keys are inserted in sorted order, so serialisations are stable too. */
function byId(items, id) {
    return Object.fromEntries([...items].sort((a, b) => compareText(id(a), id(b))).map((item) => [id(item), item]));
}
const normalize_text = (value) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
/** `1`, `"1"`, `true` → true; `0`, `"0"`, `false` → false; absent → the PVE default. */
function normalize_flag(value, fallback) {
    if (typeof value === 'boolean')
        return value;
    if (typeof value === 'number')
        return value !== 0;
    if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim()))
        return Number(value) !== 0;
    return fallback;
}
/** Numbers or numeric strings (`"4102444800"`, `"+5"`, `"007"`); anything else is 0. */
function integer(value) {
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim() || 'NaN') : NaN;
    return Number.isFinite(n) ? Math.trunc(n) : 0;
}
/** Lists as arrays, or one string split like PVE splits its `*-list` formats. */
function normalize_list(value) {
    if (Array.isArray(value))
        return value.map(normalize_text).filter((item) => item !== '');
    if (typeof value !== 'string')
        return [];
    return value.split(value.includes('\u0000') ? /\u0000+/ : /[,;\s]+/).filter((item) => item !== '');
}

;// CONCATENATED MODULE: ./src/proxmox/read-pools.ts
/**
 * Reads the resource pools: `GET /pools` lists every pool the caller may audit (nested ones
 * included) with its comment but without members, and members come only from `GET /pools?poolid=`,
 * one request per pool. No listing carries all memberships at once, so this is 1 + N requests
 * for N pools, run a few at a time.
 */


async function readPools(api, gate = concurrencyGate(READS_AT_ONCE)) {
    const ids = (await api.listPools()).map((p) => read_pools_text(p.poolid)).filter((id) => id !== '');
    const pools = await Promise.all(ids.map(async (id) => normalizePool(await gate(() => api.getPool(id)))));
    return Object.fromEntries(pools.sort((a, b) => compareText(a.poolid, b.poolid)).map((p) => [p.poolid, p]));
}
/**
 * The state with its pools; a cluster without pools reads as a state without the key, so its
 * plan digest is the one it had before pools were read.
 */
const read_pools_withPools = (state, pools) => Object.keys(pools).length === 0 ? state : { ...state, pools };
/** One pool answer → LivePool: guests carry a numeric `vmid`, storages `type: storage` and their id in `storage`. */
function normalizePool(wire) {
    const members = Array.isArray(wire.members) ? wire.members : [];
    const vms = new Set();
    const storage = new Set();
    for (const item of members) {
        if (typeof item !== 'object' || item === null)
            continue;
        const member = item;
        if (member.type === 'storage') {
            const id = read_pools_text(member.storage);
            if (id !== '')
                storage.add(id);
        }
        else {
            const vmid = Number(member.vmid);
            if (Number.isSafeInteger(vmid) && vmid > 0)
                vms.add(vmid);
        }
    }
    return {
        poolid: read_pools_text(wire.poolid),
        comment: read_pools_text(wire.comment),
        vms: [...vms].sort((a, b) => a - b),
        storage: [...storage].sort(compareText),
    };
}
const read_pools_text = (value) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

;// CONCATENATED MODULE: ./src/proxmox/normalize-realms.ts
/**
 * PVE's realm answers → LiveRealm, by spec option name. Pure. Booleans come as 0/1, the sync
 * defaults and second factor as property strings in whatever order they were written; the
 * OpenID client key, which a realm's GET returns in clear, is dropped here and goes no further.
 */


const truthy = (value) => value !== undefined && value !== null && value !== '' && value !== '0' && value !== 0;
function normalize_realms_optionValue(name, value) {
    const kind = REALM_OPTIONS[name].kind;
    if (kind === 'boolean')
        return truthy(value);
    if (kind === 'integer')
        return Number(value);
    if (kind === 'sync')
        return canonicalSyncDefaults(String(value));
    if (kind === 'tfa')
        return canonicalPropertyString(parsePropertyString(String(value)));
    return String(value);
}
/** The options of one realm's answer; unknown keys (digest, plugin, secrets) are not options. */
function realmOptions(wire) {
    const options = {};
    for (const [key, value] of Object.entries(wire)) {
        const name = specOptionName(key);
        if (name === undefined || value === undefined || value === null || value === '')
            continue;
        const normalized = normalize_realms_optionValue(name, value);
        if (normalized === undefined || (name === 'default' && normalized === false))
            continue;
        options[name] = normalized;
    }
    return Object.fromEntries(Object.entries(options).sort(([a], [b]) => compareText(a, b)));
}
/** One realm from its list entry and, when it could be read, its own answer. */
function normalizeRealm(listed, detail) {
    const realm = typeof listed.realm === 'string' ? listed.realm : undefined;
    const type = String(listed.type ?? detail?.type ?? '');
    if (realm === undefined || !isRealmType(type))
        return undefined;
    if (detail !== undefined)
        return { realm, type, options: realmOptions(detail), detailed: true };
    // The list shows the second factor's type only, so it is no usable value.
    const { tfa: _tfa, ...rest } = listed;
    void _tfa;
    return { realm, type, options: realmOptions(rest), detailed: false };
}

;// CONCATENATED MODULE: ./src/proxmox/read-realms.ts
/**
 * Realms: the list (`GET /access/domains`, which anyone may read) names every realm with its
 * type, comment and default flag only, so each realm with more to it needs its own GET: 1 + N
 * requests for N such realms. `pam` and `pve` take only comment, default and tfa, and the list
 * shows whether a tfa is set, so they are read on their own only when one is. A realm GET needs
 * Sys.Audit or Realm.Allocate on /access/realm; without it the realm is kept as listed and
 * marked not detailed, which the planner reports only when the spec manages realms.
 */





const needsOwnRead = (listed) => !isBuiltinRealm(String(listed.realm)) || listed.tfa !== undefined;
async function readDetail(api, realm, denied) {
    // Every realm's GET is checked on /access/realm itself: one refusal answers for all of them.
    if (denied.value)
        return undefined;
    try {
        return await api.getRealm(realm);
    }
    catch (err) {
        if (err instanceof ProxmoxApiError && err.status === 403) {
            denied.value = true;
            return undefined;
        }
        throw err;
    }
}
async function readRealms(api, gate = concurrencyGate(READS_AT_ONCE)) {
    const listed = await api.listRealms();
    const denied = { value: false };
    const realms = await Promise.all(
    // A built-in realm without tfa is complete in the list: its entry is its detail.
    listed.map(async (entry) => normalizeRealm(entry, needsOwnRead(entry) ? await gate(() => readDetail(api, String(entry.realm), denied)) : entry)));
    const found = realms.filter((r) => r !== undefined).sort((a, b) => compareText(a.realm, b.realm));
    return Object.fromEntries(found.map((r) => [r.realm, r]));
}

;// CONCATENATED MODULE: ./src/proxmox/read-state.ts




/**
 * 7 + R + P requests: /version, /access/roles, /access/users?full=1, /access/groups, /access/acl,
 * /access/domains, /pools; one /access/domains/{realm} per realm with options and one
 * /pools?poolid= per pool.
 */
async function readLiveState(api) {
    // One bound for the per-realm and per-pool reads together.
    const gate = concurrencyGate(READS_AT_ONCE);
    const [version, roles, users, groups, acl, realms, pools] = await Promise.all([
        api.getVersion(),
        api.listRoles(),
        api.listUsersFull(),
        api.listGroups(),
        api.listAcl(),
        readRealms(api, gate),
        readPools(api, gate),
    ]);
    return read_pools_withPools({ ...normalizeLiveState({ version, roles, users, groups, acl }), realms }, pools);
}

;// CONCATENATED MODULE: ./src/plan/cascades.ts



const cascades_describe = (c) => c.address.replace(':', ' ');
/** For a plan's changes: which explicit deletion each implied change goes with. */
function causeFinder(changes) {
    const deletes = changes.filter((c) => c.action === 'delete' && !c.implied && c.kind !== 'acl');
    const ofEntry = causeIndex(deletes);
    const users = new Map(deletes.filter((d) => d.kind === 'user').map((d) => [d.userid, d]));
    return (implied) => {
        if (!implied.implied)
            return undefined;
        if (implied.kind === 'token')
            return users.get(implied.userid);
        return implied.kind === 'acl' ? ofEntry(implied.entry) : undefined;
    };
}
/** Finds the deleted object an ACL entry goes with, in constant time per entry. */
function causeIndex(deletes) {
    const by = new Map();
    for (const d of deletes) {
        if (d.kind === 'user')
            by.set(`user:${d.userid}`, d);
        else if (d.kind === 'token')
            by.set(`token:${d.fullid}`, d);
        else if (d.kind === 'group')
            by.set(`group:${d.groupid}`, d);
        else if (d.kind === 'role')
            by.set(`role:${d.roleid}`, d);
    }
    // Deepest first, so an entry is shown with the pool whose path it is on.
    const pools = deletes.filter((d) => d.kind === 'pool').sort((a, b) => b.poolid.length - a.poolid.length);
    const owner = (ugid) => ugid.slice(0, ugid.lastIndexOf('!'));
    return (e) => by.get(`${e.type}:${e.ugid}`) ??
        (e.type === 'token' ? by.get(`user:${owner(e.ugid)}`) : undefined) ??
        by.get(`role:${e.roleid}`) ??
        pools.find((p) => goesWithPool(p.poolid)(e));
}
/**
 * The explicit changes plus every cascade they cause. An explicit ACL delete that a cascade
 * already covers becomes implied, so each address appears once.
 */
function withCascades(explicit, live) {
    const deletes = explicit.filter((c) => c.action === 'delete' && c.kind !== 'acl');
    if (deletes.length === 0)
        return [...explicit];
    const causeOf = causeIndex(deletes);
    const byAddress = new Map(explicit.map((c) => [c.address, c]));
    for (const user of deletes.filter((d) => d.kind === 'user')) {
        const liveUser = live.users[user.userid];
        for (const token of Object.values(liveUser?.tokens ?? {})) {
            const fullid = fullTokenId(user.userid, token.tokenid);
            const implied = {
                kind: 'token',
                userid: user.userid,
                tokenid: token.tokenid,
                fullid,
                address: tokenAddress(fullid),
                action: 'delete',
                fields: [],
                privsep: token.privsep,
                comment: token.comment,
                deliver: [],
                format: 'full',
                implied: true,
                reason: `removed with ${cascades_describe(user)}`,
            };
            byAddress.set(implied.address, implied);
        }
    }
    for (const entry of live.acl) {
        const candidate = { kind: 'acl', address: aclAddress(entry), action: 'delete', entry, fields: [] };
        const cause = causeOf(entry);
        if (!cause)
            continue;
        const existing = byAddress.get(candidate.address);
        // A grant or propagate change for an entry whose subject or role is going cannot be meant; keep the explicit change visible.
        if (existing && existing.action !== 'delete')
            continue;
        byAddress.set(candidate.address, { ...candidate, implied: true, reason: `removed with ${cascades_describe(cause)}` });
    }
    return [...byAddress.values()];
}

;// CONCATENATED MODULE: ./src/spec/desired-acl.ts


function subjectsOf(acl) {
    return [
        ...acl.users.map((u) => ['user', u]),
        ...acl.groups.map((g) => ['group', g]),
        ...acl.tokens.map((t) => ['token', t]),
    ];
}
function desiredAcl(blocks) {
    const entries = new Map();
    const conflicts = [];
    const rootGrants = [];
    blocks.forEach((block, index) => {
        for (const [type, ugid] of subjectsOf(block)) {
            if (type === 'user' && ugid === ROOT_USER) {
                if (!rootGrants.includes(index))
                    rootGrants.push(index);
                continue;
            }
            for (const roleid of block.roles) {
                const entry = { path: block.path, type, ugid, roleid, propagate: block.propagate };
                const key = aclKey(entry);
                const seen = entries.get(key);
                if (!seen)
                    entries.set(key, { entry, index });
                else if (seen.entry.propagate !== entry.propagate)
                    conflicts.push([key, seen.index, index]);
            }
        }
    });
    return { entries, conflicts, rootGrants };
}

;// CONCATENATED MODULE: ./src/model/token-generations.ts
const SUFFIX = /^-([2-9]|[1-9]\d+)$/;
/** The id of generation `n` of the token declared as `name`. */
const generationTokenId = (name, n) => (n <= 1 ? name : `${name}-${n}`);
/** Which generation of `name` the token `tokenid` is; undefined when it is none. */
function generationOf(name, tokenid) {
    if (tokenid === name)
        return 1;
    if (!tokenid.startsWith(name))
        return undefined;
    const match = SUFFIX.exec(tokenid.slice(name.length));
    return match ? Number(match[1]) : undefined;
}
/** The live generations of `name` among a user's tokens, oldest first; the last one is current. */
function liveGenerations(name, tokens) {
    const found = [];
    for (const token of Object.values(tokens)) {
        const generation = generationOf(name, token.tokenid);
        if (generation !== undefined)
            found.push({ generation, token });
    }
    return found.sort((a, b) => a.generation - b.generation);
}
/** Whether a declared token is on the cluster: under its name, or (rotated with overlap) as any generation. */
function tokenOnCluster(tokens, name, overlap) {
    if (!tokens)
        return false;
    return tokens[name] !== undefined || (overlap && liveGenerations(name, tokens).length > 0);
}

;// CONCATENATED MODULE: ./src/plan/plan-context.ts


function planContext(spec, live, options) {
    const declaredTokens = new Set();
    for (const user of Object.values(spec.users)) {
        for (const tokenid of Object.keys(user.tokens ?? {}))
            declaredTokens.add(fullTokenId(user.userid, tokenid));
    }
    const roles = new Set();
    const groups = new Set();
    const users = new Set();
    for (const user of Object.values(spec.users))
        for (const g of user.groups)
            groups.add(g);
    for (const acl of spec.acl) {
        for (const r of acl.roles)
            roles.add(r);
        for (const g of acl.groups)
            groups.add(g);
        for (const u of acl.users)
            users.add(u);
        for (const t of acl.tokens)
            users.add(splitTokenId(t)?.userid ?? t);
    }
    const acting = options.actingIdentity;
    return {
        spec,
        live,
        options,
        ...(acting !== undefined ? { acting, actingUser: splitTokenId(acting)?.userid ?? acting } : {}),
        declaredTokens,
        ...generationsOf(spec, live),
        referenced: { roles, groups, users },
    };
}
function generationsOf(spec, live) {
    const currentGenerations = new Map();
    const retiringTokens = new Set();
    for (const user of Object.values(spec.users)) {
        const liveTokens = live.users[user.userid]?.tokens ?? {};
        for (const token of Object.values(user.tokens ?? {})) {
            if (token.rotation !== 'overlap')
                continue;
            const generations = liveGenerations(token.tokenid, liveTokens);
            const current = generations.pop();
            if (current && current.generation > 1) {
                currentGenerations.set(fullTokenId(user.userid, token.tokenid), fullTokenId(user.userid, current.token.tokenid));
            }
            for (const { token: old } of generations)
                retiringTokens.add(fullTokenId(user.userid, old.tokenid));
        }
    }
    return { currentGenerations, retiringTokens };
}
/** The full id that stands for a declared token: its current generation under `rotation: overlap`. */
function currentTokenId(ctx, userid, tokenid) {
    const declared = fullTokenId(userid, tokenid);
    return ctx.currentGenerations.get(declared) ?? declared;
}
/** The spec's ACL with each overlap-rotated token named by its current generation. */
function aclOfCurrentGenerations(ctx) {
    if (ctx.currentGenerations.size === 0)
        return ctx.spec.acl;
    return ctx.spec.acl.map((block) => ({ ...block, tokens: block.tokens.map((t) => ctx.currentGenerations.get(t) ?? t) }));
}
/** Whether the spec claims the ACL entries of this subject (README, "Ownership rules"); an external one it only grants to. */
function ownsAclSubject(ctx, type, ugid) {
    if (type === 'user')
        return Object.hasOwn(ctx.spec.users, ugid) && ctx.spec.users[ugid].external !== true;
    if (type === 'group')
        return Object.hasOwn(ctx.spec.groups, ugid) && ctx.spec.groups[ugid].external !== true;
    if (ctx.retiringTokens.has(ugid))
        return false;
    return ctx.declaredTokens.has(ugid) || [...ctx.currentGenerations.values()].includes(ugid);
}

;// CONCATENATED MODULE: ./src/plan/diff-acl.ts
/**
 * ACL entries: declared ones are created or have their propagate flag set; live entries of a
 * subject the spec owns (a declared user, group or token) that the spec does not declare are
 * deleted. Entries of other subjects are left alone here; they may still vanish as the cascade of
 * a deleted user, token, group or role (see cascades.ts).
 */



function diffAcl(ctx, desired) {
    const changes = [];
    const live = new Set();
    for (const entry of ctx.live.acl) {
        const key = aclKey(entry);
        live.add(key);
        const want = desired.entries.get(key)?.entry;
        if (want && want.propagate !== entry.propagate) {
            changes.push({
                kind: 'acl',
                address: aclAddress(entry),
                action: 'update',
                entry: want,
                fields: [{ field: 'propagate', before: entry.propagate, after: want.propagate }],
            });
        }
        else if (!want && ownsAclSubject(ctx, entry.type, entry.ugid)) {
            changes.push({
                kind: 'acl',
                address: aclAddress(entry),
                action: 'delete',
                entry,
                fields: [],
                reason: `${entry.type} ${entry.ugid} is declared, this entry is not`,
            });
        }
    }
    for (const [key, { entry }] of desired.entries) {
        if (live.has(key))
            continue;
        changes.push({ kind: 'acl', address: aclAddress(entry), action: 'create', entry, fields: [] });
    }
    return changes.sort((a, b) => compareText(a.address, b.address));
}

;// CONCATENATED MODULE: ./src/spec/glob.ts
/**
 * `prune` patterns are globs, as the README and the JSON Schema describe them: `*` matches any
 * run of characters (also none), `?` exactly one character, everything else only itself. They
 * are not regular expressions; the spec checks warn about patterns that look like one.
 */
const glob_cache = new Map();
function compile(pattern) {
    let re = glob_cache.get(pattern);
    if (!re) {
        let source = '';
        for (const char of pattern) {
            source += char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
        }
        glob_cache.set(pattern, (re = new RegExp(`^${source}$`, 'su')));
    }
    return re;
}
/** Whether the glob matches the whole id. */
const globMatches = (pattern, id) => compile(pattern).test(id);
/** The first pattern that matches the whole id, if any. */
function matchingPattern(patterns, id) {
    return patterns.find((pattern) => globMatches(pattern, id));
}

;// CONCATENATED MODULE: ./src/plan/diff-groups.ts
/** Groups: declared ones are owned whole (membership is set from the users' side); others go only when pruned. */



function diffGroups(ctx) {
    const changes = [];
    for (const group of Object.values(ctx.spec.groups)) {
        if (group.external === true)
            continue;
        const live = ctx.live.groups[group.groupid];
        const base = { kind: 'group', groupid: group.groupid, address: groupAddress(group.groupid), comment: group.comment };
        if (!live) {
            changes.push({ ...base, action: 'create', fields: [{ field: 'comment', before: undefined, after: group.comment }] });
        }
        else if (live.comment !== group.comment) {
            changes.push({ ...base, action: 'update', fields: [{ field: 'comment', before: live.comment, after: group.comment }] });
        }
    }
    for (const live of Object.values(ctx.live.groups)) {
        if (Object.hasOwn(ctx.spec.groups, live.groupid) || ctx.referenced.groups.has(live.groupid))
            continue;
        const pattern = matchingPattern(ctx.spec.prune.groups, live.groupid);
        if (pattern === undefined)
            continue;
        changes.push({
            kind: 'group',
            groupid: live.groupid,
            address: groupAddress(live.groupid),
            action: 'delete',
            fields: [],
            comment: live.comment,
            reason: `not in spec, matches prune "${pattern}"`,
        });
    }
    return changes.sort((a, b) => compareText(a.address, b.address));
}

;// CONCATENATED MODULE: ./src/plan/pool-change.ts
const poolAddress = (poolid) => `pool:${poolid}`;

;// CONCATENATED MODULE: ./src/plan/diff-pools.ts
/**
 * Pools: a declared pool is owned with its comment and, when `members` is given, its exact
 * members; an undeclared one goes only when a `prune: pools:` pattern matches it. PVE keeps a
 * guest in one pool at most, so a declared guest that sits in another pool on the cluster moves
 * (with `allow-move`, which the pool rules require); the pool it leaves does not remove it again.
 */



const missing = (from, other) => from.filter((item) => !other.includes(item));
const texts = (vms) => vms.map(String);
/** The pool each guest is in on the cluster. */
function livePoolOfVm(pools) {
    const of = new Map();
    for (const pool of Object.values(pools))
        for (const vmid of pool.vms)
            of.set(vmid, pool.poolid);
    return of;
}
/** The declared pool each guest belongs to (the first, when the spec wrongly names it twice). */
function claimedVms(declared) {
    const claimed = new Map();
    for (const pool of declared)
        for (const vmid of pool.members?.vms ?? [])
            if (!claimed.has(vmid))
                claimed.set(vmid, pool.poolid);
    return claimed;
}
function memberFields(was, change) {
    const fields = [];
    const vms = was?.vms ?? [];
    const storage = was?.storage ?? [];
    if (change.addVms.length + change.removeVms.length > 0) {
        const after = [...missing(vms, change.removeVms), ...change.addVms].sort((a, b) => a - b);
        fields.push({ field: 'vms', before: texts(vms), after: texts(after) });
    }
    if (change.addStorage.length + change.removeStorage.length > 0) {
        const after = [...missing(storage, change.removeStorage), ...change.addStorage].sort(compareText);
        fields.push({ field: 'storage', before: storage, after });
    }
    return fields;
}
function declaredChange(pool, was, claimed, where) {
    const members = pool.members;
    const delta = {
        addVms: members ? missing(members.vms, was?.vms ?? []) : [],
        // A guest another declared pool claims leaves by that pool's move.
        removeVms: members && was ? was.vms.filter((v) => !members.vms.includes(v) && !claimed.has(v)) : [],
        addStorage: members ? missing(members.storage, was?.storage ?? []) : [],
        removeStorage: members && was ? missing(was.storage, members.storage) : [],
    };
    const moves = delta.addVms.flatMap((vmid) => {
        const from = where.get(vmid);
        return from !== undefined && from !== pool.poolid ? [{ vmid, from }] : [];
    });
    const commentChanged = (was?.comment ?? '') !== pool.comment;
    const fields = [
        ...(commentChanged ? [{ field: 'comment', before: was?.comment, after: pool.comment }] : []),
        ...memberFields(was, delta),
    ];
    if (was && fields.length === 0)
        return undefined;
    const change = {
        kind: 'pool',
        address: poolAddress(pool.poolid),
        action: was ? 'update' : 'create',
        fields,
        poolid: pool.poolid,
        comment: pool.comment,
        setComment: commentChanged,
        ...delta,
        moves,
    };
    return change;
}
/** An undeclared pool is deleted when a prune pattern matches it and every pool below it goes too. */
function prunedPools(ctx) {
    const live = Object.keys(ctx.live.pools ?? {});
    const declared = ctx.spec.pools ?? {};
    const patterns = ctx.spec.prune.pools ?? [];
    const matched = new Map();
    for (const poolid of live) {
        const pattern = Object.hasOwn(declared, poolid) ? undefined : matchingPattern(patterns, poolid);
        if (pattern !== undefined)
            matched.set(poolid, pattern);
    }
    const kept = [...live.filter((id) => !matched.has(id)), ...Object.keys(declared)];
    const keptBelow = (poolid) => kept.some((other) => other.startsWith(`${poolid}/`));
    return new Map([...matched].filter(([poolid]) => !keptBelow(poolid)));
}
function diffPools(ctx) {
    const live = ctx.live.pools ?? {};
    const declared = Object.values(ctx.spec.pools ?? {});
    const claimed = claimedVms(declared);
    const where = livePoolOfVm(live);
    const changes = declared.flatMap((pool) => declaredChange(pool, live[pool.poolid], claimed, where) ?? []);
    for (const [poolid, pattern] of prunedPools(ctx)) {
        const was = live[poolid];
        const emptied = { addVms: [], removeVms: was.vms.filter((v) => !claimed.has(v)), addStorage: [], removeStorage: was.storage };
        changes.push({
            kind: 'pool',
            address: poolAddress(poolid),
            action: 'delete',
            fields: memberFields(was, emptied),
            reason: `not in spec, matches prune "${pattern}"`,
            poolid,
            comment: was.comment,
            setComment: false,
            ...emptied,
            moves: [],
        });
    }
    return changes.sort((a, b) => compareText(a.address, b.address));
}

;// CONCATENATED MODULE: ./src/plan/diff-realms.ts
/**
 * Realms: a declared realm other than pam and pve is owned whole (an option it does not declare
 * is removed); pam and pve exist on every node and keep whatever they do not declare. An
 * undeclared realm goes only when a `prune: realms:` pattern matches it, and never pam, pve or a
 * realm a declared user lives in. A type never changes and neither does an option PVE fixes at
 * creation: the plan says so as an error instead of attempting it.
 */




/** PVE keeps `default 0` and no `default` alike: both are "not the default realm". */
const sameValue = (key, before, after) => before === after || (key === 'default' && before !== true && after !== true);
function createChange(want) {
    const options = Object.fromEntries(Object.entries(want.options).filter(([key, value]) => !(key === 'default' && value === false)));
    const fields = Object.entries(options).map(([field, after]) => ({ field, before: undefined, after }));
    return {
        kind: 'realm',
        realm: want.realm,
        type: want.type,
        address: realmAddress(want.realm),
        action: 'create',
        fields: [{ field: 'type', before: undefined, after: want.type }, ...fields],
        set: options,
        unset: [],
        ...(REALM_SECRET_PARAM[want.type] !== undefined && { secret: true }),
        ...(isSyncableType(want.type) && want.options.sync !== undefined && { sync: true }),
    };
}
function updateChange(want, live, findings) {
    const address = realmAddress(want.realm);
    const declaredOnly = isBuiltinRealm(want.realm);
    const keys = new Set([...Object.keys(want.options), ...(declaredOnly ? [] : Object.keys(live.options))]);
    const fields = [];
    const set = {};
    const unset = [];
    for (const key of [...keys].sort(compareText)) {
        const before = live.options[key];
        const after = want.options[key];
        if (sameValue(key, before, after) || !optionsOfType(want.type).includes(key))
            continue;
        if (REALM_OPTIONS[key]?.createOnly === true) {
            const message = `realm '${want.realm}': ${key} is fixed when a realm is created (${String(before ?? 'not set')} on the cluster); delete and re-create the realm to change it`;
            findings.push(finding('error', 'realm-fixed-option', message, { address }));
            continue;
        }
        fields.push({ field: key, before, after });
        if (after === undefined)
            unset.push(key);
        else
            set[key] = after;
    }
    if (fields.length === 0)
        return undefined;
    const syncChanged = set.sync !== undefined && isSyncableType(want.type);
    return {
        kind: 'realm',
        realm: want.realm,
        type: want.type,
        address,
        action: 'update',
        fields,
        set,
        unset,
        ...(syncChanged && { sync: true }),
    };
}
/** The run asks to set this realm's secret again: on the update there is, or on one of its own. */
function withSecretAgain(ctx, want, update) {
    if (!(ctx.options.setRealmSecrets ?? []).includes(want.realm) || REALM_SECRET_PARAM[want.type] === undefined)
        return update;
    const reason = 'the set-realm-secrets input asks to set its secret again';
    if (update)
        return { ...update, secret: true, repair: true, reason };
    const base = { kind: 'realm', realm: want.realm, type: want.type, address: realmAddress(want.realm) };
    return { ...base, action: 'update', fields: [], set: {}, unset: [], secret: true, repair: true, reason };
}
/** The run asks for a sync of this directory realm: on the update there is (unless it syncs anyway), or on one of its own. */
function withSyncAgain(ctx, want, update) {
    const asked = ctx.options.syncRealms === 'all' || (ctx.options.syncRealms ?? []).includes(want.realm);
    if (!asked || !isSyncableType(want.type) || update?.sync === true)
        return update;
    const reason = 'the sync-realms input asks for a sync';
    if (update)
        return { ...update, syncRequested: true, repair: true, reason: update.reason ?? reason };
    const base = { kind: 'realm', realm: want.realm, type: want.type, address: realmAddress(want.realm) };
    return { ...base, action: 'update', fields: [], set: {}, unset: [], syncRequested: true, repair: true, reason };
}
function declaredChanges(ctx, findings) {
    const changes = [];
    for (const want of Object.values(ctx.spec.realms ?? {})) {
        const live = ctx.live.realms?.[want.realm];
        const address = realmAddress(want.realm);
        if (!live) {
            if (!isBuiltinRealm(want.realm))
                changes.push(createChange(want));
        }
        else if (live.type !== want.type) {
            const message = `realm '${want.realm}' is of type ${live.type} on the cluster, the spec says ${want.type}: a realm's type never changes; delete and re-create it under its new type`;
            findings.push(finding('error', 'realm-type-change', message, { address }));
        }
        else if (!live.detailed) {
            const message = `realm '${want.realm}': its options cannot be read (GET /access/domains/${want.realm} needs Sys.Audit or Realm.Allocate on /access/realm), so it cannot be compared with the spec`;
            findings.push(finding('error', 'realm-unreadable', message, { address }));
        }
        else {
            const update = withSyncAgain(ctx, want, withSecretAgain(ctx, want, updateChange(want, live, findings)));
            if (update)
                changes.push(update);
        }
    }
    return changes;
}
function prunedRealms(ctx) {
    const inUse = new Set(Object.keys(ctx.spec.users).map(realmOf));
    return Object.values(ctx.live.realms ?? {}).flatMap((live) => {
        if (Object.hasOwn(ctx.spec.realms ?? {}, live.realm) || isBuiltinRealm(live.realm) || inUse.has(live.realm))
            return [];
        const pattern = matchingPattern(ctx.spec.prune.realms ?? [], live.realm);
        if (pattern === undefined)
            return [];
        const base = { kind: 'realm', realm: live.realm, type: live.type, address: realmAddress(live.realm) };
        return [{ ...base, action: 'delete', fields: [], set: {}, unset: [], reason: `not in spec, matches prune "${pattern}"` }];
    });
}
function diffRealms(ctx) {
    const findings = [];
    const changes = [...declaredChanges(ctx, findings), ...prunedRealms(ctx)];
    return { changes: changes.sort((a, b) => compareText(a.address, b.address)), findings };
}

;// CONCATENATED MODULE: ./src/plan/diff-roles.ts
/** Custom roles: declared ones are owned whole; undeclared custom roles go only when pruned. */



function diffRoles(ctx) {
    const changes = [];
    for (const role of Object.values(ctx.spec.roles)) {
        const live = ctx.live.roles[role.roleid];
        const privileges = sortedUnique(role.privileges);
        const base = { kind: 'role', roleid: role.roleid, address: roleAddress(role.roleid), privileges };
        // Built-in roles cannot be written; declaring one is reported by the reference checks.
        if (live?.builtin)
            continue;
        if (!live) {
            changes.push({ ...base, action: 'create', fields: [{ field: 'privileges', before: undefined, after: privileges }] });
        }
        else if (!sameSet(live.privileges, privileges)) {
            changes.push({ ...base, action: 'update', fields: [{ field: 'privileges', before: [...live.privileges], after: privileges }] });
        }
    }
    for (const live of Object.values(ctx.live.roles)) {
        if (live.builtin || Object.hasOwn(ctx.spec.roles, live.roleid) || ctx.referenced.roles.has(live.roleid))
            continue;
        const pattern = matchingPattern(ctx.spec.prune.roles, live.roleid);
        if (pattern === undefined)
            continue;
        changes.push({
            kind: 'role',
            roleid: live.roleid,
            address: roleAddress(live.roleid),
            action: 'delete',
            fields: [],
            privileges: [],
            reason: `not in spec, matches prune "${pattern}"`,
        });
    }
    return changes.sort((a, b) => compareText(a.address, b.address));
}

;// CONCATENATED MODULE: ./src/plan/diff-generations.ts




function previousChange(user, old) {
    const fullid = fullTokenId(user.userid, old.tokenid);
    return {
        kind: 'token',
        userid: user.userid,
        tokenid: old.tokenid,
        fullid,
        address: tokenAddress(fullid),
        privsep: old.privsep,
        comment: old.comment,
        deliver: [],
        format: 'full',
    };
}
function previousGenerationChanges(ctx, user, token, generations, notes) {
    const { now } = ctx.options;
    const overlap = token.overlap ?? 0;
    const successor = fullTokenId(user.userid, generations.current.tokenid);
    const changes = [];
    for (const { token: old } of generations.previous) {
        const base = previousChange(user, old);
        if (old.expire > 0 && old.expire <= now) {
            const reason = `previous generation of ${successor}, expired ${isoTime(old.expire)}`;
            changes.push({ ...base, action: 'delete', fields: [], reason, retired: true });
        }
        else if (old.expire === 0 || old.expire > now + overlap) {
            // `overlap` becomes an expiry from the moment of the apply, as `lifetime` does.
            const fields = [{ field: 'overlap', before: undefined, after: overlap }];
            changes.push({ ...base, action: 'update', fields, reason: `previous generation of ${successor}: retire it after the overlap` });
        }
        else {
            const text = `${base.fullid} is a previous generation of ${successor}: retiring until ${isoTime(old.expire)}, then the next run deletes it`;
            notes.push(finding('notice', 'token-retiring', text, { address: base.address }));
        }
    }
    return changes;
}

;// CONCATENATED MODULE: ./src/plan/diff-tokens.ts







/** The declared token as a change to `tokenid`: the declared name, or the current generation of an overlap-rotated one. */
function diff_tokens_declaredChange(user, token, tokenid = token.tokenid) {
    const fullid = fullTokenId(user.userid, tokenid);
    return {
        kind: 'token',
        userid: user.userid,
        tokenid,
        fullid,
        address: tokenAddress(fullid),
        privsep: token.privsep,
        comment: token.comment,
        ...(token.lifetime !== undefined ? { lifetime: token.lifetime } : {}),
        deliver: token.deliver,
        format: token.format,
    };
}
/**
 * A lifetime becomes an expiry at apply time (`lifetime` field); a token whose expiry lies beyond
 * now + lifetime is brought back within it.
 */
function expiryField(token, live, now) {
    if (token.lifetime === undefined)
        return live.expire === 0 ? undefined : { field: 'expire', before: live.expire, after: 0 };
    if (live.expire === 0 || live.expire > now + token.lifetime)
        return { field: 'lifetime', before: undefined, after: token.lifetime };
    return undefined;
}
function metadataFields(ctx, token, live, fullid, notes) {
    const fields = [];
    if (live.privsep !== token.privsep)
        fields.push({ field: 'privsep', before: live.privsep, after: token.privsep });
    if (live.comment !== token.comment) {
        if (token.comment === '' && ctx.live.version.major < 9) {
            // Token comments can be removed only since libpve-access-control 9.0.4; planning it would never converge.
            notes.push(finding('warning', 'token-comment', `PVE ${ctx.live.version.version} cannot remove the comment of ${fullid}; it stays "${live.comment}"`, { address: tokenAddress(fullid) }));
        }
        else {
            fields.push({ field: 'comment', before: live.comment, after: token.comment });
        }
    }
    const expiry = expiryField(token, live, ctx.options.now);
    if (expiry)
        fields.push(expiry);
    return fields;
}
function existingTokenChange(ctx, user, token, live, notes) {
    const base = diff_tokens_declaredChange(user, token, live.tokenid);
    const fields = metadataFields(ctx, token, live, base.fullid, notes);
    // The rotate input and the secret check name the token as declared, whichever generation is current.
    const { reasons, repair } = rotationReasons(fullTokenId(user.userid, token.tokenid), token, live, ctx.options);
    if (reasons.length > 0 && base.fullid === ctx.acting) {
        // Rotating the credential this run authenticates with would cut the run off mid-way.
        notes.push(finding('warning', 'self-rotation', `${base.fullid} is the identity this run authenticates with; it is not rotated (${reasons.join('; ')}). Rotate it from another identity.`, { address: base.address }));
    }
    else if (reasons.length > 0) {
        const rotation = rotationFor(token, ctx.live.version);
        return {
            ...base,
            action: 'rotate',
            fields,
            rotation,
            ...(rotation === 'overlap' ? { generation: nextGeneration(user, token, live) } : {}),
            reason: reasons.join('; '),
            ...(repair ? { repair: true } : {}),
        };
    }
    return fields.length > 0 ? { ...base, action: 'update', fields } : undefined;
}
function nextGeneration(user, token, current) {
    const tokenid = generationTokenId(token.tokenid, (generationOf(token.tokenid, current.tokenid) ?? 1) + 1);
    return { tokenid, fullid: fullTokenId(user.userid, tokenid), overlap: token.overlap ?? 0 };
}
function diff_tokens_createChange(user, token) {
    const fields = [
        { field: 'privsep', before: undefined, after: token.privsep },
        ...(token.comment !== '' ? [{ field: 'comment', before: undefined, after: token.comment }] : []),
        ...(token.lifetime !== undefined ? [{ field: 'lifetime', before: undefined, after: token.lifetime }] : []),
    ];
    return { ...diff_tokens_declaredChange(user, token), action: 'create', fields };
}
/** The changes one declared token needs; with overlap, its current generation stands for it and older ones retire. */
function declaredTokenChanges(ctx, user, token, liveTokens, notes) {
    if (token.rotation !== 'overlap') {
        const live = liveTokens[token.tokenid];
        const change = live ? existingTokenChange(ctx, user, token, live, notes) : diff_tokens_createChange(user, token);
        return change ? [change] : [];
    }
    const generations = liveGenerations(token.tokenid, liveTokens);
    const current = generations.pop();
    if (!current)
        return [diff_tokens_createChange(user, token)];
    const change = existingTokenChange(ctx, user, token, current.token, notes);
    const previous = previousGenerationChanges(ctx, user, token, { previous: generations, current: current.token }, notes);
    return [...(change ? [change] : []), ...previous];
}
/** A live token the declared tokens own: one of them, or a generation of one rotated with overlap. */
function owned(user, tokenid) {
    const tokens = user.tokens ?? {};
    if (Object.hasOwn(tokens, tokenid))
        return true;
    return Object.values(tokens).some((t) => t.rotation === 'overlap' && generationOf(t.tokenid, tokenid) !== undefined);
}
function undeclaredDelete(user, live) {
    const fullid = fullTokenId(user.userid, live.tokenid);
    return {
        kind: 'token',
        userid: user.userid,
        tokenid: live.tokenid,
        fullid,
        address: tokenAddress(fullid),
        action: 'delete',
        fields: [],
        privsep: live.privsep,
        comment: live.comment,
        deliver: [],
        format: 'full',
        reason: `not declared under users.${user.userid}.tokens`,
    };
}
function diffTokens(ctx) {
    const changes = [];
    const notes = [];
    for (const user of Object.values(ctx.spec.users)) {
        if (user.tokens === undefined)
            continue;
        const liveTokens = ctx.live.users[user.userid]?.tokens ?? {};
        for (const token of Object.values(user.tokens))
            changes.push(...declaredTokenChanges(ctx, user, token, liveTokens, notes));
        for (const live of Object.values(liveTokens)) {
            if (!owned(user, live.tokenid))
                changes.push(undeclaredDelete(user, live));
        }
    }
    return { changes: changes.sort((a, b) => compareText(a.address, b.address)), findings: notes };
}

;// CONCATENATED MODULE: ./src/plan/diff-users.ts




const USER_FIELDS = ['enable', 'expire', 'comment', 'email', 'firstname', 'lastname', 'groups'];
function desiredFields(user) {
    return {
        enable: user.enable,
        expire: user.expire,
        comment: user.comment,
        email: user.email,
        firstname: user.firstname,
        lastname: user.lastname,
        groups: sortedUnique(user.groups),
    };
}
function differs(field, live, want) {
    if (field === 'groups')
        return !sameSet(live.groups, want.groups);
    return live[field] !== want[field];
}
function userUpdate(live, want) {
    const set = {};
    const fields = [];
    for (const field of USER_FIELDS) {
        if (!differs(field, live, want))
            continue;
        set[field] = want[field];
        fields.push({ field, before: field === 'groups' ? [...live.groups] : live[field], after: want[field] });
    }
    if (fields.length === 0)
        return undefined;
    return {
        kind: 'user',
        userid: live.userid,
        address: userAddress(live.userid),
        action: 'update',
        fields,
        set,
    };
}
function diffUsers(ctx) {
    const changes = [];
    for (const user of Object.values(ctx.spec.users)) {
        if (user.external === true)
            continue;
        const want = desiredFields(user);
        const live = ctx.live.users[user.userid];
        if (live) {
            const update = userUpdate(live, want);
            if (update)
                changes.push(update);
            continue;
        }
        changes.push({
            kind: 'user',
            userid: user.userid,
            address: userAddress(user.userid),
            action: 'create',
            // Empty text and lists are PVE's defaults: listing them would only add noise to the review.
            fields: USER_FIELDS.filter((field) => want[field] !== '' && !(Array.isArray(want[field]) && want[field].length === 0)).map((field) => ({ field, before: undefined, after: want[field] })),
            set: want,
        });
    }
    for (const live of Object.values(ctx.live.users)) {
        const { userid } = live;
        if (Object.hasOwn(ctx.spec.users, userid) || ctx.referenced.users.has(userid))
            continue;
        if (userid === ROOT_USER || userid === ctx.actingUser)
            continue;
        const pattern = matchingPattern(ctx.spec.prune.users, userid);
        if (pattern === undefined)
            continue;
        changes.push({
            kind: 'user',
            userid,
            address: userAddress(userid),
            action: 'delete',
            fields: [],
            set: {},
            reason: `not in spec, matches prune "${pattern}"`,
        });
    }
    return changes.sort((a, b) => compareText(a.address, b.address));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/plan/reviewed.ts
/** A token change as it would be without its rotation: its declared field changes, or nothing. */
function declaredPart(change) {
    if (change.fields.length === 0)
        return undefined;
    const { repair: _repair, rotation: _rotation, generation: _generation, reason: _reason, ...rest } = change;
    return { ...rest, action: 'update' };
}
/** A realm whose secret is set again, or that syncs, on request: what is left is the update the spec asks for, if any. */
function declaredRealmPart(change) {
    if (change.fields.length === 0)
        return undefined;
    const { repair: _repair, secret: _secret, syncRequested: _syncRequested, reason: _reason, ...rest } = change;
    return rest;
}
/** The changes a review covers, in plan order: every change, with repairs reduced to their declared part. */
function reviewedChanges(changes) {
    return changes.flatMap((c) => {
        if (c.kind === 'realm' && c.repair === true) {
            const declared = declaredRealmPart(c);
            return declared ? [declared] : [];
        }
        if (c.kind !== 'token' || c.repair !== true)
            return [c];
        const declared = declaredPart(c);
        return declared ? [declared] : [];
    });
}
/** Repair rotations: done by apply on its own, shown apart from the reviewed changes. */
const reviewed_repairChanges = (plan) => plan.changes.filter((c) => c.kind === 'token' && c.repair === true);
/** Whether the plan changes anything a review must approve (implied cascades aside). */
const hasReviewedChanges = (plan) => reviewedChanges(plan.changes).some((c) => !c.implied);

;// CONCATENATED MODULE: ./src/plan/digest.ts
/**
 * The plan digest: sha256 over the changes and the live state they were computed from. The PR
 * comment carries it; apply re-plans and proceeds only when the digest is the same, i.e. the
 * cluster did not change since the review and the same operations will run.
 *
 * - The whole live access state counts, not only the objects the changes touch: ownership,
 *   pruning, cascades, privilege diffs and lockout checks all read the rest of it.
 * - `reason` is left out: it is prose for humans, may be worded differently by another release
 *   of this action, and apply never branches on it.
 * - Repair rotations are left out (reviewed.ts): they depend on the job's inputs, not on the spec
 *   and the cluster, so a plan job and an apply job configured differently still agree.
 * - Rotations that an expiry asks for are left out too (only their declared part counts), and so
 *   are the live tokens' expiries: a rotation moves a secret and an expiry, never declared access,
 *   so the nightly `rotate` run between a review and its merge does not make the apply refuse.
 * - Canonical JSON (sorted keys, no undefined) so the digest depends only on content.
 */


function canonical(value) {
    if (Array.isArray(value))
        return value.map(canonical);
    if (value !== null && typeof value === 'object') {
        const out = {};
        for (const key of Object.keys(value).sort()) {
            const item = value[key];
            if (item !== undefined)
                out[key] = canonical(item);
        }
        return out;
    }
    return value;
}
function canonicalJson(value) {
    return JSON.stringify(canonical(value));
}
const withoutRotations = (changes) => reviewedChanges(changes).flatMap((c) => (c.kind === 'token' && c.action === 'rotate' ? (declaredPart(c) ?? []) : [c]));
function withoutTokenExpiry(user) {
    const tokens = {};
    for (const [id, { expire: _expire, ...rest }] of Object.entries(user.tokens))
        tokens[id] = rest;
    return { ...user, tokens };
}
function planDigest(changes, live) {
    const operations = withoutRotations(changes).map(({ reason: _reason, ...rest }) => rest);
    const users = Object.fromEntries(Object.entries(live.users).map(([id, user]) => [id, withoutTokenExpiry(user)]));
    return (0,external_node_crypto_.createHash)('sha256')
        .update(canonicalJson({ changes: operations, live: { ...live, users } }))
        .digest('hex');
}

;// CONCATENATED MODULE: ./src/plan/order.ts
/**
 * Execution order of a plan.
 *
 * 1. Creates, updates and rotations, by dependency: roles, groups, users, tokens, pools, ACLs
 *    (a grant needs its role and subject; a user needs its groups; a token needs its user; a
 *    grant on `/pool/<id>` means its pool, and a nested pool needs its parent).
 * 2. Then deletions, in reverse: ACLs, pools (children first), tokens, users, groups, roles.
 *
 * Deleting first would shrink privileges sooner, but it can cut off the acting identity half-way:
 * replacing its grant (delete the old entry, create the new one) would leave it without
 * `Permissions.Modify` between the two, and since PVE 8.0 a caller without `Permissions.Modify`
 * may only grant privileges it holds itself. Granting first keeps the identity's rights intact
 * until the last write; the plan as a whole is still checked for what it removes (safety.ts).
 * Explicit ACL deletions come before role, group, token and user deletions because PVE refuses
 * to delete an entry whose role or subject no longer exists. Implied changes keep their slot
 * beside the deletion that causes them and are never executed.
 */

const KIND_RANK = { realm: -1, role: 0, group: 1, user: 2, token: 3, pool: 4, acl: 5 };
/** Realms go first (a user `name@ldap1` needs its realm) and are deleted last, after the users in them. */
function rank(change) {
    const kind = KIND_RANK[change.kind];
    return change.action === 'delete' ? 10 + (5 - kind) : kind;
}
/** Nested pools: a parent is created before its children (the address sorts first) and deleted after them. */
const childFirst = (a, b) => a.kind === 'pool' && b.kind === 'pool' && a.action === 'delete' ? b.poolid.split('/').length - a.poolid.split('/').length : 0;
function orderChanges(changes) {
    return [...changes].sort((a, b) => rank(a) - rank(b) || childFirst(a, b) || compareText(a.address, b.address));
}

;// CONCATENATED MODULE: ./src/model/rule.ts
/** Runs the rules in table order. A rule reports only its own code, so the table says what every code means. */
function runRules(rules, input) {
    return rules.flatMap((rule) => {
        const found = rule.check(input);
        const stray = found.find((f) => f.code !== rule.code);
        if (stray !== undefined)
            throw new Error(`rule ${rule.code} reported a finding coded ${stray.code}`);
        return found;
    });
}

;// CONCATENATED MODULE: ./src/spec/positions.ts
/** The position of the first key the spec has one for; keys follow LoadedSpec.positions. */
function positionOf(spec, ...keys) {
    for (const key of keys) {
        const position = spec.positions.get(key);
        if (position)
            return position;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/spec/limits.ts
/**
 * What PVE rejects, or silently changes, in the values a spec writes: one table, listed for users
 * in the README ("Limits the spec enforces"). A value past one of these would pass review and
 * then fail half-way through an apply, or show as drift on every run. Pure; the version and the
 * clock come from the caller (nothing offline, the connected server at plan time).
 */
const ROLE_OR_GROUP_ID_PATTERN = /^[A-Za-z0-9.\-_]+$/;
/**
 * PVE's `email-opt` format. Its `\w` is Perl's, which takes any Unicode letter, digit, mark or
 * connector (so `jürgen@example.com` is fine); the domain part is ASCII only.
 */
const EMAIL_PATTERN = /^[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}+\-~]+(\.[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}+\-~]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/u;
/**
 * The last moment a JavaScript Date can name (275760-09-13), in epoch seconds. PVE stores an
 * expiry as a plain integer with no upper bound, but this action, the PVE web UI and every
 * browser show it as a Date; a later expiry cannot be represented, and must not quietly become
 * "never expires".
 */
const MAX_EXPIRE_EPOCH = 8_640_000_000_000;
const LAST_REPRESENTABLE_DATE = '275760-09-13';
/** Lengths in characters (code points, as PVE counts them). */
const LENGTH_LIMITS = {
    userid: { field: 'user id', max: 64 },
    realm: { field: 'realm', max: 32 },
    firstname: { field: 'firstname', max: 1024, since: { major: 8, minor: 1 } },
    lastname: { field: 'lastname', max: 1024, since: { major: 8, minor: 1 } },
    email: { field: 'email', max: 254, since: { major: 8, minor: 1 } },
    userComment: { field: 'comment', max: 2048, since: { major: 8, minor: 1 } },
};
/** The shortest user id PVE takes (`a@` is "too short" before its realm is even looked at). */
const USERID_MIN_LENGTH = 3;
/** Whether a limit applies to `release`; offline (no release) the newest rules apply. */
function enforcedBy(limit, release) {
    if (!limit.since || !release)
        return true;
    return release.major > limit.since.major || (release.major === limit.since.major && release.minor >= limit.since.minor);
}
const charLength = (text) => [...text].length;
const sinceText = (limit) => (limit.since ? ` (PVE ${limit.since.major}.${limit.since.minor} and later)` : '');

;// CONCATENATED MODULE: ./src/spec/limit-checks.ts
/**
 * The spec's values measured against PVE's limits (limits.ts): lengths PVE rejects, free text PVE
 * would store differently from how it is written (so the plan would show a change on every run),
 * and expiries that cannot be represented or lie in the past. Pure; offline the newest rules
 * apply, at plan time those of the connected release.
 */



const where = (loaded, ...keys) => {
    for (const key of keys) {
        const position = loaded.positions.get(key);
        if (position)
            return position;
    }
    return undefined;
};
/** Free text PVE stores in user.cfg, in file order: group comments, then each user's fields and its tokens' comments. */
function limit_checks_texts(loaded, withEmail) {
    const out = [];
    for (const group of Object.values(loaded.spec.groups)) {
        const base = `groups.${group.groupid}`;
        out.push({
            value: group.comment,
            what: `group '${group.groupid}'`,
            field: 'comment',
            position: where(loaded, `${base}.comment`, base),
            address: `group:${group.groupid}`,
        });
    }
    for (const user of Object.values(loaded.spec.users)) {
        const base = `users.${user.userid}`;
        for (const field of ['firstname', 'lastname', 'email', 'comment']) {
            if (user[field] === '' || (field === 'email' && !withEmail))
                continue;
            out.push({
                value: user[field],
                what: `user '${user.userid}'`,
                field,
                position: where(loaded, `${base}.${field}`, base),
                address: `user:${user.userid}`,
            });
        }
        for (const token of Object.values(user.tokens ?? {})) {
            const tbase = `${base}.tokens.${token.tokenid}`;
            const fullid = `${user.userid}!${token.tokenid}`;
            out.push({
                value: token.comment,
                what: `token '${fullid}'`,
                field: 'comment',
                position: where(loaded, `${tbase}.comment`, tbase),
                address: `token:${fullid}`,
            });
        }
    }
    return out;
}
function valueTooLong(loaded, target) {
    const serverText = target.release ? `PVE ${target.release.major}.${target.release.minor}` : 'PVE';
    return limit_checks_texts(loaded, true).flatMap(({ value, what, field, position, address }) => {
        if (!address.startsWith('user:'))
            return [];
        const limit = field === 'comment' ? LENGTH_LIMITS.userComment : LENGTH_LIMITS[field];
        const n = charLength(value);
        if (!enforcedBy(limit, target.release) || n <= limit.max)
            return [];
        const message = `${what}: ${limit.field} is ${n} characters long; ${serverText} accepts at most ${limit.max}${target.release ? '' : sinceText(limit)}`;
        return [finding('error', 'value-too-long', message, { address, position })];
    });
}
// PVE writes user.cfg with "0" and "" dropped and reads every field back with its outer spaces
// trimmed (other whitespace is percent-encoded and survives), so either would differ from the
// spec on every later run.
function textNotStored(loaded) {
    return limit_checks_texts(loaded, false)
        .filter(({ value }) => value === '0')
        .map(({ what, field, position, address }) => finding('error', 'text-not-stored', `${what}: PVE does not store a ${field} of "0" (it reads back as empty), so every run would want to set it again; write another text or remove the key`, { address, position }));
}
function textOuterSpace(loaded) {
    return limit_checks_texts(loaded, false).flatMap(({ value, what, field, position, address }) => {
        const ends = [value.startsWith(' ') && 'starts', value.endsWith(' ') && 'ends'].filter(Boolean).join(' and ');
        if (ends === '')
            return [];
        const message = `${what}: ${field} ${ends} with a space, which PVE removes when it stores it; remove it from the spec (it is not removed for you, so what you wrote is what PVE shows)`;
        return [finding('error', 'text-outer-space', message, { address, position })];
    });
}
function realmCannotExist(loaded) {
    return Object.values(loaded.spec.users).flatMap((user) => {
        const realm = /@([^@]*)$/.exec(user.userid)?.[1] ?? '';
        if (charLength(realm) <= LENGTH_LIMITS.realm.max)
            return [];
        const message = `user '${user.userid}': realm '${realm}' is longer than ${LENGTH_LIMITS.realm.max} characters, so PVE can never have such a realm and this user can never log in`;
        return [
            finding('warning', 'realm-cannot-exist', message, {
                address: `user:${user.userid}`,
                position: where(loaded, `users.${user.userid}`),
            }),
        ];
    });
}
function expireInPast(loaded, target) {
    const now = target.now;
    // Expiries past the last representable date are refused by the schema already.
    return Object.values(loaded.spec.users)
        .filter((user) => user.expire > 0 && now !== undefined && user.expire <= now)
        .map((user) => finding('warning', 'expire-in-past', `user '${user.userid}': expire ${formatEpoch(user.expire)} is in the past: PVE takes it, but the user cannot log in and its tokens stop working`, {
        address: `user:${user.userid}`,
        position: where(loaded, `users.${user.userid}.expire`, `users.${user.userid}`),
    }));
}
function lifetimeOutOfRange(loaded, target) {
    return Object.values(loaded.spec.users).flatMap((user) => Object.values(user.tokens ?? {})
        .filter((token) => token.lifetime !== undefined && (target.now ?? 0) + token.lifetime > MAX_EXPIRE_EPOCH)
        .map((token) => {
        const tbase = `users.${user.userid}.tokens.${token.tokenid}`;
        const fullid = `${user.userid}!${token.tokenid}`;
        const message = `token '${fullid}': lifetime is too long: the token would expire after ${LAST_REPRESENTABLE_DATE}, the last date that can be represented; omit lifetime for a token that never expires`;
        return finding('error', 'lifetime-out-of-range', message, {
            address: `token:${fullid}`,
            position: where(loaded, `${tbase}.lifetime`, tbase),
        });
    }));
}
/** The checks by the code they report; each is a rule of its own in the rule table. */
const LIMIT_CHECKS = {
    'value-too-long': valueTooLong,
    'text-not-stored': textNotStored,
    'text-outer-space': textOuterSpace,
    'realm-cannot-exist': realmCannotExist,
    'expire-in-past': expireInPast,
    'lifetime-out-of-range': lifetimeOutOfRange,
};
function limitFindings(loaded, target = {}) {
    return Object.values(LIMIT_CHECKS).flatMap((check) => check(loaded, target));
}

;// CONCATENATED MODULE: ./src/spec/prune-checks.ts
/**
 * `prune` patterns PVE would take without complaint but that almost surely do not say what their
 * author meant: a pattern no id can ever match, often a regular expression written where a glob
 * belongs. (prune-kept.ts covers patterns that reach a user prune never deletes.) Pure.
 */



const ID_RULES = {
    users: "user ids are name@realm, with no whitespace, ':' or '/', and end in a realm of letters, digits, '.', '-' and '_'",
    roles: "role ids hold only letters, digits, '.', '-' and '_'",
    groups: "group ids hold only letters, digits, '.', '-' and '_'",
    pools: "pool ids hold only letters, digits, '.', '-', '_' and '/' between levels",
    realms: "realm ids hold only letters, digits, '.', '-' and '_'",
};
const ID_CHAR = /^[A-Za-z0-9.\-_]$/;
const REGEX_SYNTAX = /[\^$[\](){}+|\\]/;
/** Why no id of this kind can ever match the glob, or undefined when some id can. */
function whyNeverMatches(kind, pattern) {
    const chars = [...pattern];
    if (kind !== 'users') {
        const bad = chars.find((c) => c !== '*' && c !== '?' && !ID_CHAR.test(c) && !(kind === 'pools' && c === '/'));
        return bad === undefined ? undefined : `'${bad}' never occurs in one`;
    }
    const bad = chars.find((c) => /[\s:/]/u.test(c));
    if (bad !== undefined)
        return `${bad === ':' || bad === '/' ? `'${bad}'` : 'whitespace'} never occurs in one`;
    const lastAt = pattern.lastIndexOf('@');
    const lastStar = pattern.lastIndexOf('*');
    if (lastAt < 0 && lastStar < 0 && !pattern.includes('?'))
        return 'it has no @realm part';
    if (lastStar > lastAt) {
        // The id ends inside its realm, so whatever the last * leaves over must fit a realm.
        const tail = [...pattern.slice(lastStar + 1)].find((c) => c !== '?' && !ID_CHAR.test(c));
        return tail === undefined ? undefined : `'${tail}' cannot occur in the realm at its end`;
    }
    const realm = pattern.slice(lastAt + 1);
    // A ? could stand for the @ itself, which moves the realm; judge only plain realms.
    if (realm.includes('?'))
        return undefined;
    if (!identity_REALM_PATTERN.test(realm))
        return `'${realm}' cannot be a realm (a letter, then at least one letter, digit, '.', '-' or '_')`;
    if ([...realm].length > LENGTH_LIMITS.realm.max)
        return `realm '${realm}' is longer than ${LENGTH_LIMITS.realm.max} characters, so it can never exist`;
    return undefined;
}
/** Patterns of `prune` that can never match anything. */
function unmatchablePruneFindings(loaded) {
    const out = [];
    for (const kind of ['users', 'roles', 'groups', 'pools', 'realms']) {
        for (const pattern of loaded.spec.prune[kind] ?? []) {
            const why = whyNeverMatches(kind, pattern);
            if (why === undefined)
                continue;
            const regex = REGEX_SYNTAX.test(pattern)
                ? ' It looks like a regular expression: prune patterns are globs, where * matches any run of characters and ? one character.'
                : '';
            out.push(finding('warning', 'prune-never-matches', `prune pattern "${pattern}" can never match: ${ID_RULES[kind]}, and ${why}.${regex}`, {
                position: loaded.positions.get(`prune.${kind}[${pattern}]`) ?? loaded.positions.get(`prune.${kind}`),
            }));
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/spec/prune-kept.ts
/**
 * Prune never deletes root@pam or the identity the action runs as. When a pattern matches one
 * of them the plan says it was kept, at the pattern's line, so a reviewer is not left wondering
 * why a matching user survived; a pattern that names the user outright is a warning, as it
 * cannot mean anything. When the action runs as root@pam, that is one user and one finding.
 * Offline only root@pam is known, and only a pattern naming it outright is worth a word.
 */




const ACTING_REASON = 'it is the user this action authenticates as';
/** Each protected user once, with every reason it is kept. */
function protectedUsers(server) {
    const users = new Map([[ROOT_USER, 'root@pam is never deleted']]);
    if (server.acting !== undefined) {
        const actingUser = splitTokenId(server.acting)?.userid ?? server.acting;
        const other = users.get(actingUser);
        users.set(actingUser, other === undefined ? ACTING_REASON : `${other}, and ${ACTING_REASON}`);
    }
    return users;
}
function keptOnServer(loaded, server) {
    const out = [];
    for (const [userid, why] of protectedUsers(server)) {
        if (!(userid in server.live.users) || Object.hasOwn(loaded.spec.users, userid))
            continue;
        const pattern = matchingPattern(loaded.spec.prune.users, userid);
        if (pattern === undefined)
            continue;
        const named = pattern === userid;
        out.push(finding(named ? 'warning' : 'notice', 'prune-kept', `prune pattern "${pattern}" ${named ? 'names' : 'matches'} ${userid}, which is kept: ${why}`, {
            address: `user:${userid}`,
            position: positionOf(loaded, `prune.users[${pattern}]`, 'prune.users', 'prune'),
        }));
    }
    return out;
}
function namesRoot(loaded) {
    return loaded.spec.prune.users
        .filter((pattern) => pattern === ROOT_USER)
        .map((pattern) => finding('warning', 'prune-kept', `prune pattern "${pattern}" names root@pam, which is never deleted; remove the pattern`, {
        address: `user:${ROOT_USER}`,
        position: positionOf(loaded, `prune.users[${pattern}]`, 'prune.users'),
    }));
}
const pruneKept = {
    code: 'prune-kept',
    needs: 'spec',
    check: ({ loaded, server }) => (server ? keptOnServer(loaded, server) : namesRoot(loaded)),
};

;// CONCATENATED MODULE: ./src/spec/repeated-items.ts
/**
 * A list item written twice counts once (the spec is a set), which PVE takes without complaint;
 * a repeat is usually a copy-paste slip, or a typo that hides the name meant instead. Pure.
 */

function repeatedItemFindings(loaded) {
    return (loaded.repeatedItems ?? []).map((item) => {
        const role = /^roles\.(.+)\.privileges$/.exec(item.list)?.[1];
        const message = role !== undefined
            ? `role '${role}' lists privilege '${item.value}' twice (first at line ${item.first.line}); a role holds it once, so remove the repeat`
            : `'${item.value}' is listed twice in ${item.list} (first at line ${item.first.line}); it counts once, so remove the repeat`;
        return finding('warning', 'duplicate-item', message, { position: item.position });
    });
}

;// CONCATENATED MODULE: ./src/spec/edit-distance.ts
/** Levenshtein distance, for "did you mean" suggestions on short names. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++) {
            row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = row;
    }
    return previous[b.length] ?? 0;
}

;// CONCATENATED MODULE: ./src/spec/pve-catalog.ts
/**
 * What each PVE major version knows: privileges, built-in roles, and how privileges changed
 * between releases, read from the bundled privilege catalogue. Pure lookups for validation and
 * for hints that tell a user what to write instead of a privilege their server does not have.
 */


/** Majors the data file describes, ascending. */
const PVE_MAJORS = Object.keys(PRIVILEGE_CATALOG.versions)
    .map(Number)
    .sort((a, b) => a - b);
const LATEST_MAJOR = PVE_MAJORS.at(-1) ?? 9;
/** A major the data covers: itself, or the newest known for a newer one. */
const covered = (major) => PVE_MAJORS.includes(major) ? major : major > LATEST_MAJOR ? LATEST_MAJOR : (PVE_MAJORS[0] ?? 7);
function pve_catalog_privilegesOf(major) {
    return new Set(PRIVILEGE_CATALOG.versions[String(covered(major))] ?? []);
}
/** Every privilege any covered major knows. */
const ALL_PRIVILEGES = new Set(Object.values(PRIVILEGE_CATALOG.versions).flat());
function builtinRolesOf(major) {
    return PRIVILEGE_CATALOG.builtin_roles[String(covered(major))] ?? {};
}
/** Majors in which a built-in role of this name exists. */
function builtinRoleMajors(roleid) {
    return PVE_MAJORS.filter((major) => roleid in builtinRolesOf(major));
}
/** Majors in which a privilege exists. */
function privilegeMajors(privilege) {
    return PVE_MAJORS.filter((major) => pve_catalog_privilegesOf(major).has(privilege));
}
/**
 * Replacements the data file cannot express: VM.Monitor was split in PVE 9 (monitor reads need
 * Sys.Audit, guest agent calls VM.GuestAgent.*), per the PVE 9 release notes.
 */
const REPLACEMENTS = {
    'VM.Monitor': ['Sys.Audit', 'VM.GuestAgent.Audit'],
};
const majorOfPackage = (pkg) => Number.parseInt(pkg, 10);
/**
 * Why a privilege is not in `known` and what to use instead, e.g.
 * `VM.Monitor was removed in PVE 9: use Sys.Audit / VM.GuestAgent.Audit`.
 * Empty when there is nothing useful to say.
 */
function privilegeHint(privilege, known) {
    const sameLetters = [...known].find((k) => k.toLowerCase() === privilege.toLowerCase());
    if (sameLetters)
        return `did you mean ${sameLetters}? privilege names are case-sensitive`;
    const removal = PRIVILEGE_CATALOG.changes_timeline.find((t) => t.privileges_removed.includes(privilege));
    if (removal) {
        const replacements = (REPLACEMENTS[privilege] ?? removal.privileges_added).filter((p) => known.has(p));
        const release = majorOfPackage(removal['libpve-access-control']);
        return `${privilege} was removed in PVE ${release}${replacements.length > 0 ? `: use ${replacements.join(' / ')}` : ''}`;
    }
    const addition = PRIVILEGE_CATALOG.changes_timeline.find((t) => t.privileges_added.includes(privilege));
    if (addition) {
        const release = addition['libpve-access-control'].replace(/~.*$/, '');
        return `${privilege} was added in PVE ${majorOfPackage(release)}, libpve-access-control ${release}`;
    }
    const close = closest(privilege, known);
    return close ? `did you mean ${close}?` : '';
}
function closest(name, known) {
    let best;
    for (const candidate of known) {
        const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
        if (distance <= 3 && (!best || distance < best.distance))
            best = { name: candidate, distance };
    }
    return best?.name;
}

;// CONCATENATED MODULE: ./src/spec/rule-input.ts
/** The first of `keys` the spec file has a position for, else the top of the file: offline, every finding gets a line. */
function specWhere(loaded, ...keys) {
    for (const key of keys) {
        const position = loaded.positions.get(key);
        if (position)
            return position;
    }
    return loaded.positions.get('') ?? { file: loaded.file, line: 1, column: 1 };
}
/** `PVE 9`, or `any known PVE version` offline without a target. */
const targetText = (major) => (major === undefined ? 'any known PVE version' : `PVE ${major}`);

;// CONCATENATED MODULE: ./src/spec/rules-acl.ts
/**
 * Rules for `acl:` blocks: paths PVE accepts, and the same grant written twice, alike or with
 * different propagate flags.
 */








/** `9.1.1` → 9.1.1; 7.x writes `7.0-5`, whose revision the path rules count as the patch level. */
function versionParts(version) {
    const patch = /^\d+\.\d+[.-](\d+)/.exec(version.version)?.[1];
    return { major: version.major, minor: version.minor, patch: patch === undefined ? 0 : Number(patch) };
}
/**
 * At plan time only new entries matter: PVE checks the path when an entry is added, and an entry
 * that exists already (from before an upgrade) stays.
 */
function refusedOnServer(loaded, server) {
    const live = new Set(server.live.acl.map(aclKey));
    const version = versionParts(server.live.version);
    const created = [...desiredAcl(loaded.spec.acl).entries].filter(([key]) => !live.has(key)).sort(([a], [b]) => compareText(a, b));
    const paths = [...new Set(created.map(([, { entry }]) => entry.path))].filter((path) => !isAllowedAclPath(path, version));
    return paths.map((path) => {
        const index = loaded.spec.acl.findIndex((block) => block.path === path);
        return finding('error', 'invalid-acl-path', `ACL path '${path}' is not accepted by PVE ${server.live.version.version}`, {
            position: positionOf(loaded, `acl.${index}.path`, `acl.${index}`),
        });
    });
}
const invalidAclPath = {
    code: 'invalid-acl-path',
    needs: 'spec',
    check: ({ loaded, options, server }) => {
        if (server)
            return refusedOnServer(loaded, server);
        const major = options.pveMajor;
        const versions = major !== undefined ? [major] : PVE_MAJORS;
        return loaded.spec.acl.flatMap((entry, n) => {
            const position = specWhere(loaded, `acl.${n}.path`, `acl.${n}`);
            const normalized = normalizeAclPath(entry.path);
            if (normalized === null) {
                return [
                    finding('error', 'invalid-acl-path', `ACL path '${entry.path}' is not valid: only letters, digits and '.', '-', '_', '/' are allowed`, { position }),
                ];
            }
            if (versions.some((m) => isAllowedAclPath(normalized, { major: m, minor: 99 })))
                return [];
            const message = `ACL path '${entry.path}' is not accepted by ${targetText(major)} (e.g. /, /vms/100, /storage/local, /pool/dev, /sdn/zones/z, /access/groups/g)`;
            return [finding('error', 'invalid-acl-path', message, { position })];
        });
    },
};
/** Every grant (path, subject, role) written again after its first block. */
function repeatedGrants(loaded) {
    const seen = new Map();
    const repeats = [];
    loaded.spec.acl.forEach((block, n) => {
        const path = normalizeAclPath(block.path) ?? block.path;
        const subjects = [
            ...block.users.map((u) => `user ${u}`),
            ...block.groups.map((g) => `group ${g}`),
            ...block.tokens.map((t) => `token ${t}`),
        ];
        for (const subject of subjects) {
            for (const roleid of block.roles) {
                const key = `${path}|${subject}|${roleid}`;
                const earlier = seen.get(key);
                if (!earlier)
                    seen.set(key, { propagate: block.propagate, entry: n });
                else
                    repeats.push({ subject, roleid, path, earlier, propagate: block.propagate, entry: n });
            }
        }
    });
    return repeats;
}
const aclConflict = {
    code: 'acl-conflict',
    needs: 'spec',
    check: ({ loaded }) => repeatedGrants(loaded)
        .filter((r) => r.earlier.propagate !== r.propagate)
        .map((r) => finding('error', 'acl-conflict', `${r.subject} gets ${r.roleid} on ${r.path} with propagate ${r.earlier.propagate} in ACL entry ${r.earlier.entry + 1} and ${r.propagate} here`, {
        position: specWhere(loaded, `acl.${r.entry}`),
    })),
};
const duplicateAcl = {
    code: 'duplicate-acl',
    needs: 'spec',
    check: ({ loaded }) => repeatedGrants(loaded)
        .filter((r) => r.earlier.propagate === r.propagate)
        .map((r) => finding('warning', 'duplicate-acl', `${r.subject} already gets ${r.roleid} on ${r.path} in ACL entry ${r.earlier.entry + 1}`, {
        position: specWhere(loaded, `acl.${r.entry}`),
    })),
};
const ACL_RULES = [invalidAclPath, aclConflict, duplicateAcl];

;// CONCATENATED MODULE: ./src/spec/rules-deliver.ts
/**
 * Rules for where token secrets go: output and GitHub names, organization-only options, and two
 * tokens (or one token twice) writing the same output or secret.
 */





/** Outputs the action sets itself (README, "Outputs"); a deliver output must not shadow them. */
/** Every deliver target of every declared token, in file order. */
function deliveries(loaded) {
    return Object.values(loaded.spec.users).flatMap((user) => Object.values(user.tokens ?? {}).flatMap((token) => {
        const tbase = `users.${user.userid}.tokens.${token.tokenid}`;
        const fullid = `${user.userid}!${token.tokenid}`;
        return token.deliver.map((target, i) => ({
            fullid,
            target,
            at: { address: `token:${fullid}`, position: specWhere(loaded, `${tbase}.deliver.${i}`, `${tbase}.deliver`, tbase) },
            fieldAt: (field) => specWhere(loaded, `${tbase}.deliver.${i}.github-secret.${field}`, `${tbase}.deliver.${i}`, `${tbase}.deliver`, tbase),
        }));
    }));
}
const outputs = (loaded) => deliveries(loaded).filter((d) => d.target.kind === 'output');
const secrets = (loaded) => deliveries(loaded).filter((d) => d.target.kind === 'github-secret');
const invalidOutputName = {
    code: 'invalid-output-name',
    needs: 'spec',
    check: ({ loaded }) => outputs(loaded)
        .filter(({ target }) => !OUTPUT_NAME_PATTERN.test(target.name))
        .map(({ target, at }) => finding('error', 'invalid-output-name', `output name '${target.name}' must start with a letter or '_' and contain only letters, digits, '-' and '_'`, at)),
};
const deliverOutputCollision = {
    code: 'deliver-output-collision',
    needs: 'spec',
    check: ({ loaded }) => {
        const owners = new Map();
        return outputs(loaded).flatMap(({ fullid, target, at }) => {
            const found = [];
            if (OUTPUT_NAME_PATTERN.test(target.name) && isActionOutputName(target.name)) {
                found.push(finding('error', 'deliver-output-collision', `output '${target.name}' is an output of the action itself`, at));
            }
            const owner = owners.get(target.name);
            if (owner === undefined)
                owners.set(target.name, fullid);
            else
                found.push(finding('error', 'deliver-output-collision', `output '${target.name}' is already delivered by ${owner === fullid ? 'this token' : `token '${owner}'`}`, at));
            return found;
        });
    },
};
const invalidSecretName = {
    code: 'invalid-secret-name',
    needs: 'spec',
    check: ({ loaded }) => secrets(loaded).flatMap(({ target, at }) => {
        const problem = secretNameProblem(target.name);
        return problem === undefined ? [] : [finding('error', 'invalid-secret-name', `secret name '${log_line_oneLine(target.name)}' ${problem}`, at)];
    }),
};
/** GitHub's rules for the names of a secret target's repository, environment, organization and selected repositories. */
const invalidGithubName = {
    code: 'invalid-github-name',
    needs: 'spec',
    check: ({ loaded }) => secrets(loaded).flatMap(({ target, at, fieldAt }) => {
        const problems = [];
        if (target.repository !== undefined)
            problems.push(['repository', target.repository, fullRepositoryProblem(target.repository), fieldAt('repository')]);
        if (target.environment !== undefined)
            problems.push(['environment', target.environment, environmentNameProblem(target.environment), fieldAt('environment')]);
        if (target.org !== undefined) {
            problems.push(['org', target.org, orgLoginProblem(target.org), fieldAt('org')]);
            for (const entry of target.selectedRepositories ?? []) {
                problems.push([
                    'selected-repositories',
                    entry,
                    selectedRepositoryProblem(entry, target.org),
                    fieldAt(`selected-repositories[${entry}]`),
                ]);
            }
        }
        return problems.flatMap(([field, value, problem, position]) => problem === undefined
            ? []
            : [
                finding('error', 'invalid-github-name', `github-secret ${field} '${log_line_oneLine(value)}' ${problem}`, {
                    address: at.address,
                    position,
                }),
            ]);
    }),
};
function deliverOptionProblems(target) {
    const problems = [];
    if (target.org !== undefined && (target.repository !== undefined || target.environment !== undefined))
        problems.push(['error', 'an organization secret has no repository or environment']);
    if (target.org === undefined && (target.visibility !== undefined || target.selectedRepositories !== undefined)) {
        problems.push(['error', 'visibility and selected-repositories apply only to organization secrets (org)']);
    }
    if (target.selectedRepositories !== undefined && target.visibility !== 'selected')
        problems.push(['error', 'selected-repositories needs visibility: selected']);
    if (target.org !== undefined && target.visibility === 'selected' && (target.selectedRepositories ?? []).length === 0) {
        problems.push(['warning', 'visibility selected without selected-repositories: no repository can read it']);
    }
    return problems;
}
const invalidDeliver = {
    code: 'invalid-deliver',
    needs: 'spec',
    check: ({ loaded }) => secrets(loaded).flatMap(({ target, at }) => deliverOptionProblems(target).map(([severity, problem]) => finding(severity, 'invalid-deliver', `github-secret '${target.name}': ${problem}`, at))),
};
/** Each secret target with the token that wrote the same slot first, if any. GitHub stores names upper-case, so PM_token and PM_TOKEN are one secret. */
function secretSlots(loaded) {
    const owners = new Map();
    return secrets(loaded).map((delivery) => {
        const { target, fullid } = delivery;
        const scope = target.org !== undefined
            ? `organization ${target.org.toLowerCase()}`
            : `${target.repository?.toLowerCase() ?? 'this repository'}${target.environment !== undefined ? `, environment ${target.environment}` : ''}`;
        const slot = `${scope}: ${target.name.toUpperCase()}`;
        const owner = owners.get(slot);
        if (owner === undefined)
            owners.set(slot, fullid);
        return { delivery, scope, owner };
    });
}
const duplicateDeliver = {
    code: 'duplicate-deliver',
    needs: 'spec',
    check: ({ loaded }) => secretSlots(loaded)
        .filter(({ delivery, owner }) => owner === delivery.fullid)
        .map(({ delivery: { fullid, target, at }, scope }) => finding('warning', 'duplicate-deliver', `token '${fullid}' delivers to secret ${target.name} (${scope}) twice`, at)),
};
const deliverSecretCollision = {
    code: 'deliver-secret-collision',
    needs: 'spec',
    check: ({ loaded }) => secretSlots(loaded)
        .filter(({ delivery, owner }) => owner !== undefined && owner !== delivery.fullid)
        .map(({ delivery: { target, at }, scope, owner }) => finding('error', 'deliver-secret-collision', `secret ${target.name} (${scope}) is already delivered by token '${owner}'`, at)),
};
const DELIVER_RULES = [
    invalidOutputName,
    deliverOutputCollision,
    invalidSecretName,
    invalidGithubName,
    invalidDeliver,
    duplicateDeliver,
    deliverSecretCollision,
];

;// CONCATENATED MODULE: ./src/spec/rules-deliver-vault.ts
/**
 * Rules for `deliver: - vault:` targets: a path, mount and field Vault and the policy lines of
 * docs/vault.md can carry, and two tokens (or one token twice) writing the same Vault secret.
 * Whether the run can reach a Vault at all (`vault-url`) is the run's own check, not the spec's.
 */




/** Every `vault` deliver target of every declared token, in file order. */
function vaultDeliveries(loaded) {
    return Object.values(loaded.spec.users).flatMap((user) => Object.values(user.tokens ?? {}).flatMap((token) => {
        const tbase = `users.${user.userid}.tokens.${token.tokenid}`;
        const fullid = `${user.userid}!${token.tokenid}`;
        return token.deliver.flatMap((target, i) => {
            if (target.kind !== 'vault')
                return [];
            const base = `${tbase}.deliver.${i}`;
            const where = (key) => specWhere(loaded, ...(key ? [`${base}.vault.${key}`] : []), `${base}.vault`, base, `${tbase}.deliver`, tbase);
            return [{ fullid, target, address: `token:${fullid}`, where }];
        });
    }));
}
const invalidVaultTarget = {
    code: 'invalid-vault-target',
    needs: 'spec',
    check: ({ loaded }) => vaultDeliveries(loaded).flatMap(({ target, address, where }) => vaultTargetProblems(target).map((problem) => finding('error', 'invalid-vault-target', problem.message, { address, position: where(problem.key) }))),
};
/** Each Vault target with the token that named its secret first. */
function vaultSlots(loaded) {
    const owners = new Map();
    return vaultDeliveries(loaded).map((delivery) => {
        // Vault paths are case-sensitive, so `Proxmox/ci` and `proxmox/ci` are two secrets.
        const slot = `${delivery.target.mount}/${delivery.target.path}`;
        const owner = owners.get(slot);
        if (owner === undefined)
            owners.set(slot, delivery.fullid);
        return { delivery, slot, owner: owner ?? '' };
    });
}
const duplicateVaultTarget = {
    code: 'duplicate-vault-target',
    needs: 'spec',
    check: ({ loaded }) => vaultSlots(loaded)
        .filter(({ delivery, owner }) => owner === delivery.fullid)
        .map(({ delivery: { fullid, address, where }, slot }) => finding('warning', 'duplicate-vault-target', `token '${fullid}' delivers to the Vault secret ${slot} twice`, {
        address,
        position: where(),
    })),
};
/** One Vault secret holds one token: its `token_id` and `expires_at` fields say which. */
const vaultCollision = {
    code: 'deliver-vault-collision',
    needs: 'spec',
    check: ({ loaded }) => vaultSlots(loaded)
        .filter(({ delivery, owner }) => owner !== '' && owner !== delivery.fullid)
        .map(({ delivery: { target, address, where }, slot, owner }) => finding('error', 'deliver-vault-collision', `${describeVault(target)}: the Vault secret ${slot} is already delivered by token '${owner}'; one secret holds one token`, { address, position: where('path') })),
};
const VAULT_DELIVER_RULES = [invalidVaultTarget, duplicateVaultTarget, vaultCollision];
/** Whether any token of the spec delivers to Vault: the run then needs `vault-url`. */
const hasVaultTargets = (loaded) => vaultDeliveries(loaded).length > 0;

;// CONCATENATED MODULE: ./src/spec/declared-tokens.ts
function declaredTokens(loaded) {
    return Object.values(loaded.spec.users).flatMap((user) => Object.values(user.tokens ?? {}).map((token) => ({
        user,
        token,
        fullid: `${user.userid}!${token.tokenid}`,
        base: `users.${user.userid}.tokens.${token.tokenid}`,
    })));
}

;// CONCATENATED MODULE: ./src/spec/rules-identities.ts
/**
 * Rules for the ids PVE would reject half-way through an apply (groups, users, e-mail addresses,
 * tokens) and for token rotation settings that cannot work. They need nothing but the spec.
 */





/** Full token ids written in `acl:` that do not follow PVE's grammar. */
function malformedAclTokenIds(loaded) {
    return loaded.spec.acl.flatMap((entry, index) => entry.tokens
        .filter((fullid) => {
        const parts = splitTokenId(fullid);
        return !parts || !identity_USERID_PATTERN.test(parts.userid) || !TOKEN_NAME_PATTERN.test(parts.tokenid);
    })
        .map((fullid) => ({ fullid, index })));
}
const invalidGroupId = {
    code: 'invalid-group-id',
    needs: 'spec',
    check: ({ loaded }) => Object.values(loaded.spec.groups)
        .filter((group) => !ROLE_OR_GROUP_ID_PATTERN.test(group.groupid))
        .map((group) => finding('error', 'invalid-group-id', `group name '${group.groupid}' may only contain letters, digits, '.', '-' and '_'`, {
        address: `group:${group.groupid}`,
        position: specWhere(loaded, `groups.${group.groupid}`),
    })),
};
const invalidUserId = {
    code: 'invalid-user-id',
    needs: 'spec',
    check: ({ loaded }) => Object.values(loaded.spec.users)
        .filter((user) => {
        const length = [...user.userid].length;
        return !identity_USERID_PATTERN.test(user.userid) || length < USERID_MIN_LENGTH || length > LENGTH_LIMITS.userid.max;
    })
        .map((user) => {
        const message = `user id '${user.userid}' must be name@realm (${USERID_MIN_LENGTH} to ${LENGTH_LIMITS.userid.max} characters, no spaces, ':' or '/')`;
        return finding('error', 'invalid-user-id', message, {
            address: `user:${user.userid}`,
            position: specWhere(loaded, `users.${user.userid}`),
        });
    }),
};
const invalidEmail = {
    code: 'invalid-email',
    needs: 'spec',
    check: ({ loaded }) => Object.values(loaded.spec.users)
        .filter((user) => user.email !== '' && !EMAIL_PATTERN.test(user.email))
        .map((user) => finding('error', 'invalid-email', `'${user.email}' does not look like an e-mail address PVE accepts`, {
        address: `user:${user.userid}`,
        position: specWhere(loaded, `users.${user.userid}.email`, `users.${user.userid}`),
    })),
};
const invalidTokenId = {
    code: 'invalid-token-id',
    needs: 'spec',
    check: ({ loaded }) => {
        const declared = declaredTokens(loaded)
            .filter(({ token }) => !TOKEN_NAME_PATTERN.test(token.tokenid))
            .map(({ token, fullid, base }) => finding('error', 'invalid-token-id', `token id '${token.tokenid}' must start with a letter, be at least 2 characters and contain only letters, digits, '.', '-' and '_'`, {
            address: `token:${fullid}`,
            position: specWhere(loaded, base),
        }));
        const referenced = malformedAclTokenIds(loaded).map(({ fullid, index }) => finding('error', 'invalid-token-id', `'${fullid}' is not a full token id (user@realm!token)`, {
            position: specWhere(loaded, `acl.${index}.tokens[${fullid}]`, `acl.${index}.tokens`, `acl.${index}`),
        }));
        return [...declared, ...referenced];
    },
};
const rotateBeforeExceedsLifetime = {
    code: 'rotate-before-exceeds-lifetime',
    needs: 'spec',
    check: ({ loaded }) => declaredTokens(loaded)
        .filter(({ token }) => token.lifetime !== undefined && token.rotateBefore !== undefined && token.rotateBefore >= token.lifetime)
        .map(({ fullid, base }) => finding('error', 'rotate-before-exceeds-lifetime', `token '${fullid}': rotate-before must be shorter than lifetime, or it rotates on every run`, {
        address: `token:${fullid}`,
        position: specWhere(loaded, `${base}.rotate-before`, base),
    })),
};
const rotateBeforeWithoutLifetime = {
    code: 'rotate-before-without-lifetime',
    needs: 'spec',
    check: ({ loaded }) => declaredTokens(loaded)
        .filter(({ token }) => token.lifetime === undefined && token.rotateBefore !== undefined)
        .map(({ fullid, base }) => finding('warning', 'rotate-before-without-lifetime', `token '${fullid}': rotate-before has no effect without a lifetime`, {
        address: `token:${fullid}`,
        position: specWhere(loaded, `${base}.rotate-before`, base),
    })),
};
const IDENTITY_RULES = [
    invalidGroupId,
    invalidUserId,
    invalidEmail,
    invalidTokenId,
    rotateBeforeExceedsLifetime,
    rotateBeforeWithoutLifetime,
];

;// CONCATENATED MODULE: ./src/spec/rules-references.ts
/**
 * Rules for what the spec refers to without declaring it: groups users belong to, and the roles,
 * groups, users and tokens ACL entries name. Offline a reference must be declared (or a built-in
 * role of the target); at plan time it may also exist on the cluster.
 */





/** References of one kind in `acl:` blocks, in file order. */
function aclReferences(loaded, kind) {
    return loaded.spec.acl.flatMap((entry, n) => entry[kind].map((id) => ({
        id,
        at: specWhere(loaded, `acl.${n}.${kind}[${id}]`, `acl.${n}.${kind}`, `acl.${n}`),
        context: `ACL entry ${n + 1}`,
    })));
}
function groupReferences(loaded) {
    const memberships = Object.values(loaded.spec.users).flatMap((user) => user.groups.map((id) => ({
        id,
        at: specWhere(loaded, `users.${user.userid}.groups[${id}]`, `users.${user.userid}.groups`, `users.${user.userid}`),
        context: `user '${user.userid}'`,
        address: `user:${user.userid}`,
    })));
    return [...memberships, ...aclReferences(loaded, 'groups')];
}
/** At plan time: the one wording for a reference the spec and the cluster both lack. */
function missingOnServer(code, what, refs, exists) {
    return refs
        .filter((ref) => !exists(ref.id))
        .map((ref) => finding('error', code, `${ref.context}: ${what} '${ref.id}' is neither declared in the spec nor present on the cluster`, {
        address: ref.address,
        position: ref.at,
    }));
}
const unknownGroup = {
    code: 'unknown-group',
    needs: 'spec',
    check: ({ loaded, options, server }) => {
        const declared = (id) => Object.hasOwn(loaded.spec.groups, id);
        const refs = groupReferences(loaded);
        if (server)
            return missingOnServer('unknown-group', 'group', refs, (id) => declared(id) || Object.hasOwn(server.live.groups, id));
        const existing = new Set(options.existingGroups ?? []);
        return refs
            .filter((ref) => !declared(ref.id) && !existing.has(ref.id))
            .map((ref) => finding('error', 'unknown-group', `${ref.context}: group '${ref.id}' is not declared under groups`, { position: ref.at }));
    },
};
/** Offline only: at plan time an undeclared group on the cluster is simply not managed, as the README's ownership rules say. */
const unmanagedGroup = {
    code: 'unmanaged-group',
    needs: 'spec',
    check: ({ loaded, options, server }) => {
        const existing = new Set(options.existingGroups ?? []);
        if (server || existing.size === 0)
            return [];
        return groupReferences(loaded)
            .filter((ref) => !Object.hasOwn(loaded.spec.groups, ref.id) && existing.has(ref.id))
            .map((ref) => finding('notice', 'unmanaged-group', `${ref.context}: group '${ref.id}' exists on the server but is not declared, so it is not managed`, { position: ref.at }));
    },
};
/** Offline: undeclared roles of an ACL entry the catalogue does not have as built-in roles of the target. */
function unknownRolesOffline({ loaded, options }) {
    const major = options.pveMajor;
    const builtinRoles = major !== undefined ? new Set(Object.keys(builtinRolesOf(major))) : undefined;
    return aclReferences(loaded, 'roles')
        .filter((ref) => !Object.hasOwn(loaded.spec.roles, ref.id))
        .map((ref) => {
        const builtinIn = builtinRoleMajors(ref.id);
        return { ref, builtinIn, inTarget: builtinRoles ? builtinRoles.has(ref.id) : builtinIn.includes(LATEST_MAJOR) };
    })
        .filter(({ inTarget }) => !inTarget);
}
const unknownRole = {
    code: 'unknown-role',
    needs: 'spec',
    check: (input) => {
        const { loaded, options, server } = input;
        if (server)
            return missingOnServer('unknown-role', 'role', aclReferences(loaded, 'roles'), (id) => Object.hasOwn(loaded.spec.roles, id) || Object.hasOwn(server.live.roles, id));
        return (unknownRolesOffline(input)
            // Without a target, a built-in role of an older release is only a warning (role-not-in-latest-version).
            .filter(({ builtinIn }) => options.pveMajor !== undefined || builtinIn.length === 0)
            .map(({ ref, builtinIn }) => {
            const also = builtinIn.length > 0 ? ` (it is built-in only in PVE ${builtinIn.join(', ')})` : '';
            return finding('error', 'unknown-role', `role '${ref.id}' is neither declared under roles nor a built-in role of ${targetText(options.pveMajor)}${also}`, { position: ref.at });
        }));
    },
};
const roleNotInLatestVersion = {
    code: 'role-not-in-latest-version',
    needs: 'spec',
    check: (input) => {
        if (input.server || input.options.pveMajor !== undefined)
            return [];
        return unknownRolesOffline(input)
            .filter(({ builtinIn }) => builtinIn.length > 0)
            .map(({ ref, builtinIn }) => finding('warning', 'role-not-in-latest-version', `built-in role '${ref.id}' exists only in PVE ${builtinIn.join(', ')}`, {
            position: ref.at,
        }));
    },
};
const unknownUser = {
    code: 'unknown-user',
    needs: 'spec',
    check: ({ loaded, server }) => {
        const refs = aclReferences(loaded, 'users');
        if (server)
            return missingOnServer('unknown-user', 'user', refs, (id) => Object.hasOwn(loaded.spec.users, id) || Object.hasOwn(server.live.users, id));
        return refs
            .filter((ref) => !Object.hasOwn(loaded.spec.users, ref.id))
            .map((ref) => finding('error', 'unknown-user', `ACL subject '${ref.id}' is not declared under users`, { position: ref.at }));
    },
};
/** At plan time a token exists if its user declares it, or, for a user whose tokens the spec leaves alone, if the cluster has it. */
function rules_references_tokenExists(loaded, server, fullid) {
    const split = splitTokenId(fullid);
    if (!split)
        return false;
    const declared = loaded.spec.users[split.userid]?.tokens;
    if (declared !== undefined)
        return Object.hasOwn(declared, split.tokenid);
    return Object.hasOwn(server.live.users[split.userid]?.tokens ?? {}, split.tokenid);
}
/** Offline: well-formed token references with what the spec says about each. */
function tokenReferences(loaded) {
    const malformed = new Set(malformedAclTokenIds(loaded).map(({ fullid }) => fullid));
    return aclReferences(loaded, 'tokens')
        .filter((ref) => !malformed.has(ref.id))
        .map((ref) => {
        const { userid, tokenid } = splitTokenId(ref.id);
        const owner = loaded.spec.users[userid];
        if (!owner)
            return { ref, problem: `ACL subject '${ref.id}': user '${userid}' is not declared under users` };
        if (!owner.tokens)
            return { ref, problem: `ACL subject '${ref.id}' is not declared: add it under users.${userid}.tokens` };
        const token = owner.tokens[tokenid];
        return token ? { ref, privsep: token.privsep } : { ref, problem: `ACL subject '${ref.id}' is not among the tokens of ${userid}` };
    });
}
const unknownToken = {
    code: 'unknown-token',
    needs: 'spec',
    check: ({ loaded, server }) => {
        if (server)
            return missingOnServer('unknown-token', 'token', aclReferences(loaded, 'tokens'), (id) => rules_references_tokenExists(loaded, server, id));
        return tokenReferences(loaded).flatMap(({ ref, problem }) => problem === undefined ? [] : [finding('error', 'unknown-token', problem, { position: ref.at })]);
    },
};
const aclIgnoredForToken = {
    code: 'acl-ignored-for-token',
    needs: 'spec',
    check: ({ loaded }) => tokenReferences(loaded)
        .filter(({ privsep }) => privsep === false)
        .map(({ ref }) => finding('warning', 'acl-ignored-for-token', `token '${ref.id}' has privsep: false, so PVE ignores its own ACL entries (it acts with its user's privileges)`, {
        position: ref.at,
    })),
};
const REFERENCE_RULES = [
    unknownGroup,
    unmanagedGroup,
    unknownRole,
    roleNotInLatestVersion,
    unknownUser,
    unknownToken,
    aclIgnoredForToken,
];

;// CONCATENATED MODULE: ./src/model/live-pool.ts
/**
 * A resource pool as the cluster reports it, and the pool facts the core shares: pool-id
 * grammar, nesting and which PVE versions nest. Members are those PVE lists: it stores any valid
 * id but shows only guests and storages the cluster knows.
 */
/** PVE 8.0.7 introduced nested pools, up to three levels (`a/b/c`). */
const POOL_MAX_DEPTH = 3;
/** One level of a pool id: `pve-poolid` allows these characters, and PVE wants a letter first when it creates one. */
const POOL_LEVEL = /^[A-Za-z0-9.\-_]+$/;
/** The parent of a nested pool id, undefined at the top. */
function parentPoolId(poolid) {
    const cut = poolid.lastIndexOf('/');
    return cut < 0 ? undefined : poolid.slice(0, cut);
}
/** Whether PVE of this version knows nested pools (8.0.7 and later). */
function nestsPools(version) {
    if (version.major !== 8)
        return version.major > 8;
    if (version.minor > 0)
        return true;
    const patch = /^\d+\.\d+[.-](\d+)/.exec(version.version)?.[1];
    return patch !== undefined && Number(patch) >= 7;
}
/** `/pool/<id>` → `<id>`; undefined for any other path (and for `/pool` itself). */
function poolOfAclPath(path) {
    return path.startsWith('/pool/') ? path.slice('/pool/'.length) : undefined;
}

;// CONCATENATED MODULE: ./src/spec/rules-pools.ts
/**
 * Rules for `pools:`: ids PVE accepts, members written as PVE takes them, a guest in one declared
 * pool only. With a connected server they also judge nesting against its version and parents
 * against the pools it has.
 */



const pools = (loaded) => Object.values(loaded.spec.pools ?? {});
const at = (loaded, poolid, ...more) => specWhere(loaded, ...more.map((m) => `pools.${poolid}.${m}`), `pools.${poolid}`);
/** Why PVE refuses the pool id, or undefined. */
function poolIdProblem(poolid) {
    const levels = poolid.split('/');
    if (levels.length > POOL_MAX_DEPTH)
        return `it is nested too deeply (PVE allows ${POOL_MAX_DEPTH} levels, like a/b/c)`;
    if (levels.some((level) => !POOL_LEVEL.test(level))) {
        return "each level may hold only letters, digits, '.', '-' and '_', with one '/' between levels";
    }
    const bad = levels.find((level) => !/^[A-Za-z]/.test(level));
    return bad === undefined ? undefined : `'${bad}' must start with a letter`;
}
const invalidPoolId = {
    code: 'invalid-pool-id',
    needs: 'spec',
    check: ({ loaded }) => pools(loaded).flatMap((pool) => {
        const why = poolIdProblem(pool.poolid);
        return why === undefined
            ? []
            : [finding('error', 'invalid-pool-id', `pool id '${pool.poolid}' is not valid: ${why}`, { position: at(loaded, pool.poolid) })];
    }),
};
const VMID = { min: 100, max: 999_999_999 };
function vmProblems(loaded, pool) {
    const members = pool.members;
    if (!members)
        return [];
    const where = (value) => at(loaded, pool.poolid, `members.vms[${value}]`, 'members.vms', 'members');
    const names = (members.notNumbers ?? []).map((name) => {
        const hint = /^\d+$/.test(name) ? `write ${name} without quotes` : 'a guest name is not accepted: use its VM id';
        return finding('error', 'pool-vm-not-id', `pool ${pool.poolid}: vms lists '${name}', which is not a VM id (a number such as 101); ${hint}`, {
            position: where(name),
        });
    });
    const ranges = members.vms
        .filter((vm) => !Number.isInteger(vm) || vm < VMID.min || vm > VMID.max)
        .map((vm) => finding('error', 'pool-vm-not-id', `pool ${pool.poolid}: ${vm} is not a VM id (a whole number from ${VMID.min} to ${VMID.max})`, {
        position: where(String(vm)),
    }));
    return [...names, ...ranges];
}
const STORAGE_ID = /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i;
const poolMembers = [
    { code: 'pool-vm-not-id', needs: 'spec', check: ({ loaded }) => pools(loaded).flatMap((pool) => vmProblems(loaded, pool)) },
    {
        code: 'invalid-storage-id',
        needs: 'spec',
        check: ({ loaded }) => pools(loaded).flatMap((pool) => (pool.members?.storage ?? [])
            .filter((id) => !STORAGE_ID.test(id))
            .map((id) => finding('error', 'invalid-storage-id', `pool ${pool.poolid}: storage id '${id}' is not valid: a letter first, then letters, digits, '-', '_' or '.', ending in a letter or digit`, { position: at(loaded, pool.poolid, `members.storage[${id}]`, 'members.storage') }))),
    },
];
function vmInTwoPools(loaded) {
    const first = new Map();
    const out = [];
    for (const pool of pools(loaded)) {
        for (const vm of pool.members?.vms ?? []) {
            const other = first.get(vm);
            if (other === undefined)
                first.set(vm, pool.poolid);
            else {
                out.push(finding('error', 'pool-vm-in-two-pools', `vm ${vm} is declared in pool ${other} and in pool ${pool.poolid}; PVE keeps a guest in one pool only`, {
                    position: at(loaded, pool.poolid, `members.vms[${vm}]`, 'members.vms'),
                }));
            }
        }
    }
    return out;
}
const nesting = [
    { code: 'pool-vm-in-two-pools', needs: 'spec', check: ({ loaded }) => vmInTwoPools(loaded) },
    {
        code: 'pool-nesting-unsupported',
        needs: 'spec',
        check: ({ loaded, options, server }) => {
            const version = server?.live.version;
            const refuses = version ? !nestsPools(version) : options.pveMajor !== undefined && options.pveMajor < 8;
            if (!refuses)
                return [];
            const target = version ? `PVE ${version.version}` : `PVE ${options.pveMajor}`;
            return pools(loaded)
                .filter((pool) => pool.poolid.includes('/'))
                .map((pool) => finding('error', 'pool-nesting-unsupported', `pool ${pool.poolid} is nested, which ${target} does not support (nested pools came with 8.0.7)`, {
                position: at(loaded, pool.poolid),
            }));
        },
    },
    {
        code: 'pool-parent-missing',
        needs: 'spec',
        // Offline the parent may exist on the cluster; only the connected server can tell.
        check: ({ loaded, server }) => {
            if (!server)
                return [];
            const declared = loaded.spec.pools ?? {};
            const live = server.live.pools ?? {};
            return pools(loaded).flatMap((pool) => {
                const parent = parentPoolId(pool.poolid);
                if (parent === undefined || Object.hasOwn(declared, parent) || Object.hasOwn(live, parent))
                    return [];
                return [
                    finding('error', 'pool-parent-missing', `pool ${pool.poolid} needs its parent pool ${parent}, which is neither declared nor on the cluster`, {
                        position: at(loaded, pool.poolid),
                    }),
                ];
            });
        },
    },
];
const POOL_RULES = [invalidPoolId, ...poolMembers, ...nesting];

;// CONCATENATED MODULE: ./src/spec/rules-external.ts
/**
 * `external: true` marks a user or group that realm sync or another system owns: the spec only
 * refers to it, so anything else declared on it could never be applied and is an error.
 */


const externalWithFields = {
    code: 'external-with-fields',
    needs: 'spec',
    check: ({ loaded }) => {
        const declaredKeys = (base) => [...loaded.positions.keys()]
            .filter((key) => key.startsWith(`${base}.`) && !key.slice(base.length + 1).includes('.') && !key.includes('['))
            .map((key) => key.slice(base.length + 1))
            .filter((key) => key !== 'external');
        const principals = [
            ...Object.values(loaded.spec.users)
                .filter((u) => u.external === true)
                .map((u) => ({ base: `users.${u.userid}`, what: `user '${u.userid}'`, address: `user:${u.userid}` })),
            ...Object.values(loaded.spec.groups)
                .filter((g) => g.external === true)
                .map((g) => ({ base: `groups.${g.groupid}`, what: `group '${g.groupid}'`, address: `group:${g.groupid}` })),
        ];
        return principals.flatMap(({ base, what, address }) => declaredKeys(base).map((key) => finding('error', 'external-with-fields', `${what} is external (left to realm sync), so '${key}' cannot be managed here`, {
            address,
            position: specWhere(loaded, `${base}.${key}`, base),
        })));
    },
};
const EXTERNAL_RULES = [externalWithFields];

;// CONCATENATED MODULE: ./src/spec/rules-realms.ts
/**
 * Rules for `realms:` that need nothing but the spec: the realm ids PVE accepts, the options and
 * required options of each type (PVE refuses a foreign option or a missing required one with a
 * 500 half-way through an apply), at most one default realm, and sync defaults a sync can run
 * with. The realm a user's id names must be declared or exist (offline: declared, or built in).
 */





const REALM_ID_MAX = LENGTH_LIMITS.realm.max;
const realmsOf = (loaded) => Object.values(loaded.spec.realms ?? {});
const rules_realms_at = (loaded, realm, key) => key === undefined ? specWhere(loaded, `realms.${realm}`) : specWhere(loaded, `realms.${realm}.${key}`, `realms.${realm}`);
const invalidRealmId = {
    code: 'invalid-realm-id',
    needs: 'spec',
    check: ({ loaded }) => realmsOf(loaded)
        .filter(({ realm }) => !identity_REALM_PATTERN.test(realm) || realm.length > REALM_ID_MAX)
        .map(({ realm }) => finding('error', 'invalid-realm-id', `realm id '${realm}' must start with a letter, have 2 to ${REALM_ID_MAX} characters and contain only letters, digits, '.', '-' and '_'`, { address: realmAddress(realm), position: rules_realms_at(loaded, realm) })),
};
const builtinRealmType = {
    code: 'realm-builtin-type',
    needs: 'spec',
    check: ({ loaded }) => realmsOf(loaded).flatMap(({ realm, type }) => {
        const builtin = isBuiltinRealm(realm);
        if (builtin && type !== realm) {
            const message = `realm '${realm}' is built in with type ${realm}; its type cannot change`;
            return [finding('error', 'realm-builtin-type', message, { address: realmAddress(realm), position: rules_realms_at(loaded, realm, 'type') })];
        }
        if (!builtin && (type === 'pam' || type === 'pve')) {
            const message = `realm '${realm}': PVE has exactly one realm of type ${type}, '${type}' itself; another cannot be created`;
            return [finding('error', 'realm-builtin-type', message, { address: realmAddress(realm), position: rules_realms_at(loaded, realm, 'type') })];
        }
        return [];
    }),
};
const optionNotForType = {
    code: 'realm-option-not-for-type',
    needs: 'spec',
    check: ({ loaded }) => realmsOf(loaded).flatMap(({ realm, type, options }) => {
        const allowed = optionsOfType(type);
        return Object.keys(options)
            .filter((key) => !allowed.includes(key))
            .map((key) => {
            const takers = REALM_OPTIONS[key]?.types.join(', ') ?? 'no type';
            const message = `realm '${realm}': a ${type} realm takes no '${key}' (only ${takers} realms do)`;
            return finding('error', 'realm-option-not-for-type', message, { address: realmAddress(realm), position: rules_realms_at(loaded, realm, key) });
        });
    }),
};
const missingOption = {
    code: 'realm-missing-option',
    needs: 'spec',
    check: ({ loaded }) => realmsOf(loaded).flatMap(({ realm, type, options }) => {
        const missing = Object.entries(REALM_OPTIONS)
            .filter(([key, def]) => def.requiredBy?.includes(type) === true && options[key] === undefined)
            .map(([key]) => key);
        if (missing.length === 0)
            return [];
        const message = `realm '${realm}': a ${type} realm needs ${missing.map((k) => `'${k}'`).join(' and ')}`;
        return [finding('error', 'realm-missing-option', message, { address: realmAddress(realm), position: rules_realms_at(loaded, realm) })];
    }),
};
const twoDefaults = {
    code: 'two-default-realms',
    needs: 'spec',
    check: ({ loaded }) => {
        const defaults = realmsOf(loaded).filter(({ options }) => options.default === true);
        return defaults
            .slice(1)
            .map(({ realm }) => finding('error', 'two-default-realms', `realm '${realm}' is marked default, and so is '${defaults[0].realm}'; PVE keeps only one default realm`, { address: realmAddress(realm), position: rules_realms_at(loaded, realm, 'default') }));
    },
};
const syncWithoutScope = {
    code: 'realm-sync-without-scope',
    needs: 'spec',
    check: ({ loaded }) => realmsOf(loaded)
        .filter(({ options }) => typeof options.sync === 'string' && !/(^|,)scope=/.test(options.sync))
        .map(({ realm }) => finding('error', 'realm-sync-without-scope', `realm '${realm}': sync needs a scope (users, groups or both), or PVE refuses the sync`, {
        address: realmAddress(realm),
        position: rules_realms_at(loaded, realm, 'sync'),
    })),
};
/** Every declared user's realm; offline only when the spec manages realms, and only as a warning, since the cluster may hold others. */
const unknownRealm = {
    code: 'unknown-realm',
    needs: 'spec',
    check: ({ loaded, server }) => {
        const declared = loaded.spec.realms ?? {};
        if (!server && Object.keys(declared).length === 0)
            return [];
        // A live state read without realms cannot judge them.
        if (server && server.live.realms === undefined)
            return [];
        const exists = (realm) => Object.hasOwn(declared, realm) ||
            isBuiltinRealm(realm) ||
            (server?.live.realms !== undefined && Object.hasOwn(server.live.realms, realm));
        return Object.values(loaded.spec.users).flatMap((user) => {
            const realm = realmOf(user.userid);
            if (realm === undefined || exists(realm))
                return [];
            // Offline the realm may still exist on the cluster: the plan, which reads it, decides.
            const where = server
                ? 'neither declared under realms nor present on the cluster'
                : 'not declared under realms (the plan checks the cluster)';
            return [
                finding(server ? 'error' : 'warning', 'unknown-realm', `user '${user.userid}': realm '${realm}' is ${where}`, {
                    address: `user:${user.userid}`,
                    position: specWhere(loaded, `users.${user.userid}`),
                }),
            ];
        });
    },
};
const REALM_RULES = [
    invalidRealmId,
    builtinRealmType,
    optionNotForType,
    missingOption,
    twoDefaults,
    syncWithoutScope,
    unknownRealm,
];

;// CONCATENATED MODULE: ./src/spec/privilege-hints.ts
/**
 * Hints for a privilege the connected server does not know. The knowledge (removals, renames,
 * additions per release, near spellings) lives in the spec catalog; this adapts it to the
 * server's own privilege list.
 */

function privilege_hints_privilegeHint(privilege, serverPrivileges) {
    return privilegeHint(privilege, new Set(serverPrivileges)) || undefined;
}

;// CONCATENATED MODULE: ./src/spec/rules-roles.ts
/**
 * Rules for declared roles: their ids, names PVE keeps for itself, and the privileges they list.
 * Offline they judge against the bundled catalogue; at plan time against the connected server.
 */






const address = (role) => `role:${role.roleid}`;
/** Offline: whether the catalogue has a built-in role of this name in the target major (any major without one). */
function collidesOffline(roleid, major) {
    const builtinIn = builtinRoleMajors(roleid);
    return builtinIn.length > 0 && (major === undefined || builtinIn.includes(major) || major > LATEST_MAJOR);
}
const invalidRoleId = {
    code: 'invalid-role-id',
    needs: 'spec',
    check: ({ loaded }) => Object.values(loaded.spec.roles)
        .filter((role) => !ROLE_OR_GROUP_ID_PATTERN.test(role.roleid))
        .map((role) => finding('error', 'invalid-role-id', `role name '${role.roleid}' may only contain letters, digits, '.', '-' and '_'`, {
        address: address(role),
        position: specWhere(loaded, `roles.${role.roleid}`),
    })),
};
const builtinRoleCollision = {
    code: 'builtin-role-collision',
    needs: 'spec',
    check: ({ loaded, options, server }) => Object.values(loaded.spec.roles).flatMap((role) => {
        if (server) {
            if (!server.live.roles[role.roleid]?.builtin)
                return [];
            const message = `${role.roleid} is a built-in role: it cannot be declared or changed; use it in acl without declaring it`;
            return [
                finding('error', 'builtin-role-collision', message, {
                    address: address(role),
                    position: positionOf(loaded, `roles.${role.roleid}`),
                }),
            ];
        }
        if (!collidesOffline(role.roleid, options.pveMajor))
            return [];
        const message = `role '${role.roleid}' is a built-in PVE role: use it in acl without declaring it, or pick another name`;
        return [
            finding('error', 'builtin-role-collision', message, {
                address: address(role),
                position: specWhere(loaded, `roles.${role.roleid}`),
            }),
        ];
    }),
};
const reservedRoleId = {
    code: 'reserved-role-id',
    needs: 'spec',
    check: ({ loaded, options, server }) => Object.values(loaded.spec.roles).flatMap((role) => {
        if (!/^pve/i.test(role.roleid))
            return [];
        if (server) {
            // An existing role keeps its name: PVE reserved the prefix for new roles in 8.0.
            if (server.live.roles[role.roleid] || server.live.version.major < 8)
                return [];
            const message = `role ids starting with "PVE" are reserved since PVE 8.0: rename ${role.roleid}`;
            return [
                finding('error', 'reserved-role-id', message, { address: address(role), position: positionOf(loaded, `roles.${role.roleid}`) }),
            ];
        }
        const major = options.pveMajor;
        if (collidesOffline(role.roleid, major))
            return [];
        // On 7 the name still works, until the upgrade.
        const severity = major !== undefined && major < 8 ? 'warning' : 'error';
        const message = `role '${role.roleid}': names starting with 'PVE' are reserved for built-in roles since PVE 8`;
        return [
            finding(severity, 'reserved-role-id', message, { address: address(role), position: specWhere(loaded, `roles.${role.roleid}`) }),
        ];
    }),
};
function unknownOnServer({ loaded, server }) {
    if (!server || server.serverPrivileges.length === 0)
        return [];
    const known = new Set(server.serverPrivileges);
    return Object.values(loaded.spec.roles)
        .filter((role) => !server.live.roles[role.roleid]?.builtin)
        .flatMap((role) => role.privileges
        .filter((privilege) => !known.has(privilege))
        .map((privilege) => {
        const hint = privilege_hints_privilegeHint(privilege, server.serverPrivileges);
        const message = `role '${role.roleid}': PVE ${server.live.version.version} has no privilege '${privilege}'${hint ? ` (${hint})` : ''}`;
        const position = positionOf(loaded, `roles.${role.roleid}.privileges[${privilege}]`, `roles.${role.roleid}.privileges`, `roles.${role.roleid}`);
        return finding('error', 'unknown-privilege', message, { address: address(role), position });
    }));
}
const unknownPrivilege = {
    code: 'unknown-privilege',
    needs: 'spec',
    check: (input) => {
        if (input.server)
            return unknownOnServer(input);
        const { loaded, options } = input;
        const known = options.serverPrivileges
            ? new Set(options.serverPrivileges)
            : options.pveMajor !== undefined
                ? pve_catalog_privilegesOf(options.pveMajor)
                : ALL_PRIVILEGES;
        const source = options.serverPrivileges ? 'the connected server' : targetText(options.pveMajor);
        return Object.values(loaded.spec.roles).flatMap((role) => role.privileges
            .filter((privilege) => !known.has(privilege))
            .map((privilege) => {
            const hint = privilegeHint(privilege, known);
            const position = specWhere(loaded, `roles.${role.roleid}.privileges[${privilege}]`, `roles.${role.roleid}.privileges`, `roles.${role.roleid}`);
            return finding('error', 'unknown-privilege', `unknown privilege '${privilege}' for ${source}${hint ? ` (${hint})` : ''}`, {
                address: address(role),
                position,
            });
        }));
    },
};
/**
 * Offline without a target, a privilege of older releases only (VM.Monitor) is worth a warning;
 * one that older releases lack is not, as nobody should start on an end-of-life version.
 */
const privilegeNotInLatestVersion = {
    code: 'privilege-not-in-latest-version',
    needs: 'spec',
    check: ({ loaded, options, server }) => {
        if (server || options.serverPrivileges || options.pveMajor !== undefined)
            return [];
        const latest = pve_catalog_privilegesOf(LATEST_MAJOR);
        return Object.values(loaded.spec.roles).flatMap((role) => role.privileges
            .filter((privilege) => ALL_PRIVILEGES.has(privilege) && !latest.has(privilege))
            .map((privilege) => {
            const hint = privilegeHint(privilege, latest);
            const message = `privilege '${privilege}' exists only in PVE ${privilegeMajors(privilege).join(', ')}${hint ? ` (${hint})` : ''}`;
            const position = specWhere(loaded, `roles.${role.roleid}.privileges[${privilege}]`, `roles.${role.roleid}.privileges`, `roles.${role.roleid}`);
            return finding('warning', 'privilege-not-in-latest-version', message, { address: address(role), position });
        }));
    },
};
const ROLE_RULES = [
    invalidRoleId,
    builtinRoleCollision,
    reservedRoleId,
    unknownPrivilege,
    privilegeNotInLatestVersion,
];

;// CONCATENATED MODULE: ./src/spec/rules-rotation.ts
/**
 * Rules for `rotation: overlap` (README, "Tokens and rotation"): the new generation has a new id,
 * so its consumers must be told the id along with the secret; `overlap` means nothing without
 * it; and a declared token must not take an id that an overlap rotation hands out.
 */




const overlap = (loaded) => declaredTokens(loaded).filter(({ token }) => token.rotation === 'overlap');
const overlapFormatSecret = {
    code: 'overlap-format-secret',
    needs: 'spec',
    check: ({ loaded }) => overlap(loaded)
        .filter(({ token }) => token.format === 'secret')
        .map(({ fullid, base }) => finding('error', 'overlap-format-secret', `token '${fullid}': rotation overlap gives each new secret a new token id, which format secret does not carry; use full, header or json`, { address: `token:${fullid}`, position: specWhere(loaded, `${base}.format`, `${base}.rotation`, base) })),
};
const overlapWithoutRotation = {
    code: 'overlap-without-rotation',
    needs: 'spec',
    check: ({ loaded }) => declaredTokens(loaded)
        .filter(({ token }) => token.overlap !== undefined && token.rotation !== 'overlap')
        .map(({ fullid, base }) => finding('error', 'overlap-without-rotation', `token '${fullid}': overlap applies only with rotation: overlap`, {
        address: `token:${fullid}`,
        position: specWhere(loaded, `${base}.overlap`, base),
    })),
};
const overlapGenerationName = {
    code: 'overlap-generation-name',
    needs: 'spec',
    check: ({ loaded }) => overlap(loaded).flatMap(({ user, token, fullid }) => Object.values(user.tokens ?? {})
        .filter((other) => other.tokenid !== token.tokenid && generationOf(token.tokenid, other.tokenid) !== undefined)
        .map((other) => finding('error', 'overlap-generation-name', `token '${user.userid}!${other.tokenid}' has the id a rotation of '${fullid}' (rotation: overlap) would give its next generation; rename one of them`, {
        address: `token:${user.userid}!${other.tokenid}`,
        position: specWhere(loaded, `users.${user.userid}.tokens.${other.tokenid}`),
    }))),
};
const ROTATION_RULES = [overlapFormatSecret, overlapWithoutRotation, overlapGenerationName];

;// CONCATENATED MODULE: ./src/spec/rules.ts
/**
 * The spec rules: every check that can judge a spec on its own. Validate runs exactly these; the
 * planner runs them too (with the connected server, where a rule can use it) before the rules
 * that need a plan. The README's "Findings" table lists every code.
 */















/** Offline the newest limits apply (or those of the target major); at plan time those of the connected release. */
function limitTarget({ options, server }) {
    if (server)
        return { release: server.live.version, now: server.now };
    const major = options.pveMajor;
    return { ...(major !== undefined && { release: { major, minor: 99 } }), ...(options.now !== undefined && { now: options.now }) };
}
const LIMIT_RULES = Object.entries(LIMIT_CHECKS).map(([code, check]) => ({
    code,
    needs: 'spec',
    check: (input) => check(input.loaded, limitTarget(input)),
}));
const PRUNE_AND_LIST_RULES = [
    { code: 'prune-never-matches', needs: 'spec', check: ({ loaded }) => unmatchablePruneFindings(loaded) },
    pruneKept,
    { code: 'duplicate-item', needs: 'spec', check: ({ loaded }) => repeatedItemFindings(loaded) },
];
const SPEC_RULES = [
    ...ROLE_RULES,
    ...IDENTITY_RULES,
    ...ROTATION_RULES,
    ...REFERENCE_RULES,
    ...ACL_RULES,
    ...POOL_RULES,
    ...DELIVER_RULES,
    ...VAULT_DELIVER_RULES,
    ...LIMIT_RULES,
    ...PRUNE_AND_LIST_RULES,
    ...REALM_RULES,
    ...EXTERNAL_RULES,
];
const runSpecRules = (input) => runRules(SPEC_RULES, input);

;// CONCATENATED MODULE: ./src/plan/rule-facts.ts
const serverRule = (code, check) => ({
    code,
    needs: 'server',
    check,
});
/** A rule for what the diff itself noticed under this code. */
const diffNoteRule = (code) => serverRule(code, ({ server }) => server.diffNotes.filter((f) => f.code === code));

;// CONCATENATED MODULE: ./src/plan/pool-rules.ts
/**
 * Pool rules that need the cluster: a declared guest that another pool holds moves only where
 * the spec allows it, and an ACL entry on `/pool/<id>` must name a pool that exists once the plan
 * ran (PVE itself accepts any such path and the grant would reach nothing).
 */




function movesNotAllowed({ loaded, server }) {
    const declared = loaded.spec.pools ?? {};
    const poolChanges = server.changes.filter((c) => c.kind === 'pool' && c.moves.length > 0);
    return poolChanges
        .filter((c) => declared[c.poolid]?.allowMove !== true)
        .flatMap((c) => c.moves.map((move) => finding('error', 'pool-move-not-allowed', `vm ${move.vmid} is in pool ${move.from} on the cluster; set allow-move: true on pool ${c.poolid} to move it (PVE keeps a guest in one pool only)`, { position: positionOf(loaded, `pools.${c.poolid}.members.vms[${move.vmid}]`, `pools.${c.poolid}`), address: c.address })));
}
function unknownPools({ loaded, server }) {
    const after = server.after.state.pools ?? {};
    const out = [];
    loaded.spec.acl.forEach((entry, index) => {
        const poolid = poolOfAclPath(entry.path);
        if (poolid === undefined || Object.hasOwn(after, poolid))
            return;
        const deleted = Object.hasOwn(server.live.pools ?? {}, poolid) ? ', and this plan deletes it' : '';
        out.push(finding('error', 'acl-unknown-pool', `ACL path ${entry.path} names pool ${poolid}, which is neither declared nor on the cluster${deleted}`, {
            position: positionOf(loaded, `acl.${index}.path`, `acl.${index}`),
        }));
    });
    return out;
}
const POOL_PLAN_RULES = [
    serverRule('pool-move-not-allowed', movesNotAllowed),
    serverRule('acl-unknown-pool', unknownPools),
];

;// CONCATENATED MODULE: ./src/plan/rules-realms.ts
/**
 * Plan rules for realms and external principals: what the realm diff could not do, secrets the
 * `realm-secrets` input gives for realms that take none (or withholds from a new realm that binds
 * as an account), and external users and groups, which the plan only refers to.
 */




/** A diff note, placed at the realm's declaration. */
const realmNoteRule = (code) => serverRule(code, ({ loaded, server }) => server.diffNotes
    .filter((f) => f.code === code)
    .map((f) => {
    const position = positionOf(loaded, `realms.${(f.address ?? '').replace(/^realm:/, '')}`);
    return position ? { ...f, position } : f;
}));
function realmTypeOf({ loaded, server }, realm) {
    return loaded.spec.realms?.[realm]?.type ?? server.live.realms?.[realm]?.type;
}
function secretNotTaken(input) {
    return (input.server.ctx.options.realmSecretNames ?? []).flatMap((realm) => {
        const type = realmTypeOf(input, realm);
        if (type === undefined) {
            const message = `realm-secrets names realm '${realm}', which is neither declared nor on the cluster; the secret is not used`;
            return [finding('warning', 'realm-secret-not-taken', message, { address: `realm:${realm}` })];
        }
        if (REALM_SECRET_PARAM[type] !== undefined)
            return [];
        const message = `realm-secrets names realm '${realm}', but a ${type} realm takes no secret; remove it from the input`;
        return [finding('error', 'realm-secret-not-taken', message, { address: `realm:${realm}` })];
    });
}
function secretMissing({ loaded, server }) {
    const named = server.ctx.options.realmSecretNames;
    if (named === undefined)
        return [];
    return server.changes.flatMap((c) => {
        if (c.kind !== 'realm' || c.action !== 'create' || c.secret !== true || named.includes(c.realm))
            return [];
        const label = REALM_SECRET_LABEL[c.type] ?? 'secret';
        const message = `realm '${c.realm}' is created without its ${label}: the realm-secrets input does not name it`;
        return [finding('warning', 'realm-secret-missing', message, { address: c.address, position: positionOf(loaded, `realms.${c.realm}`) })];
    });
}
function externals({ loaded, server }) {
    const { ctx, live } = server;
    const users = Object.values(loaded.spec.users)
        .filter((u) => u.external === true)
        .map((u) => ({
        kind: 'user',
        id: u.userid,
        exists: Object.hasOwn(live.users, u.userid),
        referenced: ctx.referenced.users.has(u.userid),
    }));
    const groups = Object.values(loaded.spec.groups)
        .filter((g) => g.external === true)
        .map((g) => ({
        kind: 'group',
        id: g.groupid,
        exists: Object.hasOwn(live.groups, g.groupid),
        referenced: ctx.referenced.groups.has(g.groupid),
    }));
    return [...users, ...groups];
}
function externalPrincipals(input) {
    return externals(input)
        .filter((p) => p.exists)
        .map((p) => finding('notice', 'external-principal', `${p.kind} '${p.id}' is external: left to realm sync, never changed or deleted here`, {
        address: `${p.kind}:${p.id}`,
        position: positionOf(input.loaded, `${p.kind}s.${p.id}`),
    }));
}
function externalMissing(input) {
    return externals(input)
        .filter((p) => !p.exists)
        .map((p) => {
        const consequence = p.referenced
            ? 'the grants and memberships that name it would fail; sync the realm first'
            : 'nothing refers to it yet; sync the realm before granting it anything';
        return finding(p.referenced ? 'error' : 'warning', 'external-missing', `external ${p.kind} '${p.id}' is not on the cluster: ${consequence}`, {
            address: `${p.kind}:${p.id}`,
            position: positionOf(input.loaded, `${p.kind}s.${p.id}`),
        });
    });
}
const REALM_PLAN_RULES = [
    realmNoteRule('realm-type-change'),
    realmNoteRule('realm-fixed-option'),
    realmNoteRule('realm-unreadable'),
    serverRule('realm-secret-not-taken', secretNotTaken),
    serverRule('realm-secret-missing', secretMissing),
    serverRule('external-principal', externalPrincipals),
    serverRule('external-missing', externalMissing),
];

;// CONCATENATED MODULE: ./src/plan/positions.ts


/** The `acl:` block that declares an entry, if any. */
function aclBlockIndex(spec, e) {
    const index = spec.spec.acl.findIndex((block) => {
        if (block.path !== e.path || !block.roles.includes(e.roleid))
            return false;
        const subjects = e.type === 'user' ? block.users : e.type === 'group' ? block.groups : block.tokens;
        return subjects.includes(e.ugid);
    });
    return index < 0 ? undefined : index;
}
/** The declaration a change comes from; for a prune deletion, the prune list that matched it. */
function changePosition(spec, change) {
    switch (change.kind) {
        case 'role':
            return positionOf(spec, `roles.${change.roleid}`, 'prune.roles');
        case 'realm':
            return positionOf(spec, `realms.${change.realm}`, 'prune.realms');
        case 'group':
            return positionOf(spec, `groups.${change.groupid}`, 'prune.groups');
        case 'user':
            return positionOf(spec, `users.${change.userid}`, 'prune.users');
        case 'token':
            return positionOf(spec, `users.${change.userid}.tokens.${change.tokenid}`, `users.${change.userid}.tokens`, `users.${change.userid}`, 'prune.users');
        case 'pool':
            return positionOf(spec, `pools.${change.poolid}`, 'prune.pools');
        case 'acl': {
            const index = aclBlockIndex(spec, change.entry);
            if (index !== undefined)
                return positionOf(spec, `acl.${index}`);
            const { type, ugid } = change.entry;
            const owner = type === 'token' ? splitTokenId(ugid) : undefined;
            if (owner)
                return positionOf(spec, `users.${owner.userid}.tokens.${owner.tokenid}`, `users.${owner.userid}`);
            return positionOf(spec, type === 'group' ? `groups.${ugid}` : `users.${ugid}`);
        }
    }
}

;// CONCATENATED MODULE: ./src/plan/prune-admin.ts






const ADMIN_ROLE = 'Administrator';
const ADMIN_PRIVILEGE = 'Permissions.Modify';
const grantsAdmin = (model, e) => e.roleid === ADMIN_ROLE || (model.roles[e.roleid] ?? []).includes(ADMIN_PRIVILEGE);
function via(principal, e) {
    if (principal.type === 'token')
        return e.type === 'token' ? 'directly' : 'through its user';
    return e.type === 'group' ? `through group ${e.ugid}` : 'directly';
}
/**
 * Entries that can be the source of a principal's grant: a privilege-separated token's own (its
 * user's only cap them), the user's and its groups' for a token without privsep (PVE ignores its own).
 */
function sourceEntries(principal, model, entries) {
    const token = principal.type === 'token' ? splitTokenId(principal.id) : undefined;
    if (!token)
        return entries;
    const privsep = model.users[token.userid]?.tokens[token.tokenid]?.privsep ?? true;
    return entries.filter((e) => (e.type === 'token') === privsep);
}
/**
 * Where a principal holds administration, at the paths of the entries that grant it (not again at
 * every path below them), and only where PVE's walk confirms it (NoAccess, privsep can take it away).
 */
function adminGrants(principal, before) {
    const entries = relevantEntries(principal, before);
    const model = { ...before.model, acl: entries };
    const candidates = sourceEntries(principal, model, entries);
    const out = [];
    for (const path of [...new Set(candidates.map((e) => e.path))]) {
        const sources = candidates.filter((e) => e.path === path && grantsAdmin(model, e));
        if (sources.length === 0)
            continue;
        const isAdmin = rolesAt(model, principal.id, path).has(ADMIN_ROLE);
        if (!isAdmin && !Object.hasOwn(privilegesAt(model, principal.id, path), ADMIN_PRIVILEGE))
            continue;
        const how = [...new Set(sources.map((e) => via(principal, e)))].join(', ');
        out.push({ path, what: isAdmin ? ADMIN_ROLE : ADMIN_PRIVILEGE, via: how });
    }
    return out;
}
const describeGrants = (grants) => grants.map((g) => `${g.what} on ${g.path} (${g.via})`).join(', ');
/** One warning per pruned user, and per token of it, that can administer the cluster today. */
function pruneAdminFindings(loaded, ctx, before, changes) {
    const out = [];
    const position = positionOf(loaded, 'prune.users', 'prune');
    for (const change of changes) {
        if (change.kind !== 'user' || change.action !== 'delete' || change.implied)
            continue;
        const pattern = matchingPattern(ctx.spec.prune.users, change.userid);
        if (pattern === undefined)
            continue;
        const user = ctx.live.users[change.userid];
        const userGrants = adminGrants({ id: change.userid, type: 'user' }, before);
        if (userGrants.length > 0) {
            out.push(finding('warning', 'prune-deletes-admin', `prune pattern "${pattern}" deletes user ${change.userid}, which holds ${describeGrants(userGrants)}`, {
                address: change.address,
                position,
            }));
        }
        for (const tokenid of Object.keys(user?.tokens ?? {}).sort()) {
            const fullid = `${change.userid}!${tokenid}`;
            const grants = adminGrants({ id: fullid, type: 'token' }, before);
            if (grants.length === 0)
                continue;
            out.push(finding('warning', 'prune-deletes-admin', `prune pattern "${pattern}" deletes token ${fullid} with its user; the token holds ${describeGrants(grants)}`, {
                address: `token:${fullid}`,
                position,
            }));
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/plan/privsep-intersection.ts




function privsepIntersectionFindings(loaded, ctx, after) {
    const out = [];
    for (const user of Object.values(ctx.spec.users)) {
        for (const token of Object.values(user.tokens ?? {})) {
            if (!token.privsep)
                continue;
            const fullid = currentTokenId(ctx, user.userid, token.tokenid);
            const paths = [...new Set((after.entriesBySubject.get(`token:${fullid}`) ?? []).map((e) => e.path))].sort();
            const cut = paths.flatMap((path) => {
                const effective = privilegesAt(after.model, fullid, path);
                const granted = [...rolesAt(after.model, fullid, path).keys()].flatMap((role) => after.model.roles[role] ?? []);
                const lost = [...new Set(granted)].filter((p) => !(p in effective)).sort();
                return lost.length > 0 ? [`${path}: ${lost.join(', ')}`] : [];
            });
            if (cut.length === 0)
                continue;
            out.push(finding('warning', 'privsep-intersection', `${fullid} is privilege-separated, so it holds only what its user ${user.userid} holds too; ` +
                `these grants give it nothing: ${cut.join('; ')}. Grant the user the same roles, or set privsep: false`, {
                address: `token:${fullid}`,
                position: positionOf(loaded, `users.${user.userid}.tokens.${token.tokenid}`, `users.${user.userid}`),
            }));
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/plan/safety.ts










/** Privileges that let their holder widen its own or others' access, or open a root shell on a node (Sys.Console). */
const ESCALATING_PRIVILEGES = new Set([
    'Permissions.Modify',
    'Realm.Allocate',
    'Realm.AllocateUser',
    'Sys.Console',
    'Sys.Modify',
    'User.Modify',
]);
/** A plan deleting more than this many objects, or more than this share of them, gets a second look. */
const MASS_DELETION_COUNT = 10;
const MASS_DELETION_SHARE = 0.25;
/** Below this count a share says little (deleting 1 of 3 objects is not mass deletion). */
const MASS_DELETION_MIN_FOR_SHARE = 3;
function deletionsDisabled(loaded, changes) {
    return changes
        .filter((c) => c.action === 'delete' && !c.implied)
        .map((c) => finding('error', 'deletions-disabled', `${c.address} would be deleted, but allow-deletions is false`, {
        address: c.address,
        position: changePosition(loaded, c),
    }));
}
function privsepWithoutAcl(loaded, ctx, after) {
    const granted = new Set(after.acl.filter((e) => e.type === 'token').map((e) => e.ugid));
    const out = [];
    for (const user of Object.values(ctx.spec.users)) {
        for (const token of Object.values(user.tokens ?? {})) {
            const fullid = currentTokenId(ctx, user.userid, token.tokenid);
            if (!token.privsep || granted.has(fullid))
                continue;
            out.push(finding('warning', 'privsep-no-acl', `${fullid} is privilege-separated but has no ACL entry of its own: it can do nothing. Grant it roles in acl, or set privsep: false`, {
                address: `token:${fullid}`,
                position: positionOf(loaded, `users.${user.userid}.tokens.${token.tokenid}`, `users.${user.userid}`),
            }));
        }
    }
    return out;
}
function escalations(loaded, privileges) {
    const out = [];
    for (const p of privileges) {
        const gained = p.paths
            .map(({ path, before, after }) => ({
            path,
            privs: Object.keys(after).filter((x) => ESCALATING_PRIVILEGES.has(x) && !Object.hasOwn(before, x)),
        }))
            .filter(({ privs }) => privs.length > 0);
        if (gained.length === 0)
            continue;
        const where = gained.map(({ path, privs }) => `${privs.join(', ')} on ${path}`).join('; ');
        const address = p.type === 'group' ? `group:${p.principal.slice(1)}` : `${p.type}:${p.principal}`;
        const owner = p.type === 'token' ? splitTokenId(p.principal)?.userid : undefined;
        const key = p.type === 'group' ? `groups.${p.principal.slice(1)}` : `users.${owner ?? p.principal}`;
        out.push(finding('warning', 'privilege-escalation', `${p.principal} gains ${where}`, { address, position: positionOf(loaded, key) }));
    }
    return out;
}
function massDeletion(live, changes) {
    const deletes = changes.filter((c) => c.action === 'delete').length;
    const tokens = Object.values(live.users).reduce((n, u) => n + Object.keys(u.tokens).length, 0);
    const custom = Object.values(live.roles).filter((r) => !r.builtin).length;
    const total = custom + Object.keys(live.groups).length + Object.keys(live.users).length + tokens + live.acl.length;
    const share = total === 0 ? 0 : deletes / total;
    if (deletes <= MASS_DELETION_COUNT && !(deletes >= MASS_DELETION_MIN_FOR_SHARE && share > MASS_DELETION_SHARE))
        return [];
    return [
        finding('warning', 'mass-deletion', `this plan deletes ${deletes} of ${total} objects on the cluster (${Math.round(share * 100)}%, cascades included)`),
    ];
}
/** Up to this many deletions get a notice each; beyond, one notice sums them up. */
const CASCADE_NOTICES_EACH = 5;
function cascadeNotices(changes) {
    const causeOf = causeFinder(changes);
    const effects = new Map();
    for (const c of changes) {
        const cause = c.implied ? causeOf(c) : undefined;
        if (!cause)
            continue;
        const counts = effects.get(cause.address) ?? { tokens: 0, acl: 0 };
        if (c.kind === 'token')
            counts.tokens += 1;
        else
            counts.acl += 1;
        effects.set(cause.address, counts);
    }
    const describe = ({ tokens, acl }) => [tokens > 0 ? `${tokens} token(s)` : '', acl > 0 ? `${acl} ACL entr${acl === 1 ? 'y' : 'ies'}` : ''].filter(Boolean).join(' and ');
    if (effects.size > CASCADE_NOTICES_EACH) {
        const total = [...effects.values()].reduce((sum, e) => ({ tokens: sum.tokens + e.tokens, acl: sum.acl + e.acl }), {
            tokens: 0,
            acl: 0,
        });
        return [finding('notice', 'cascade', `${effects.size} deletions also remove ${describe(total)}: PVE does this by itself`)];
    }
    return [...effects].map(([address, counts]) => finding('notice', 'cascade', `deleting ${address} also removes ${describe(counts)}: PVE does this by itself`, { address }));
}
/** The lockout policy's violations, at the spec's declaration of the acting identity. */
function lockoutFindings(loaded, ctx, changes) {
    const split = ctx.acting === undefined ? undefined : splitTokenId(ctx.acting);
    const position = ctx.actingUser === undefined
        ? undefined
        : positionOf(loaded, ...(split ? [`users.${split.userid}.tokens.${split.tokenid}`] : []), `users.${ctx.actingUser}`);
    return lockoutViolations(changes, ctx.live, ctx.acting, ctx.options.now).map((v) => lockoutFinding(v, v.address === undefined ? undefined : position));
}
/** Lockout, deletion, privilege and cascade rules, errors first. */
const SAFETY_RULES = [
    serverRule('lockout', ({ loaded, server: s }) => lockoutFindings(loaded, s.ctx, s.changes)),
    serverRule('deletions-disabled', ({ loaded, server: s }) => (s.ctx.options.allowDeletions ? [] : deletionsDisabled(loaded, s.changes))),
    serverRule('privsep-no-acl', ({ loaded, server: s }) => privsepWithoutAcl(loaded, s.ctx, s.after.state)),
    serverRule('privsep-intersection', ({ loaded, server: s }) => privsepIntersectionFindings(loaded, s.ctx, s.after)),
    serverRule('privilege-escalation', ({ loaded, server: s }) => escalations(loaded, s.privileges)),
    serverRule('prune-deletes-admin', ({ loaded, server: s }) => pruneAdminFindings(loaded, s.ctx, s.before, s.changes)),
    serverRule('mass-deletion', ({ server: s }) => massDeletion(s.ctx.live, s.changes)),
    serverRule('cascade', ({ server: s }) => cascadeNotices(s.changes)),
];

;// CONCATENATED MODULE: ./src/plan/rules.ts
/**
 * The rule table: every finding the action reports comes from exactly one rule here, under its
 * own code. Validate runs the rules that need only the spec; the planner runs all of them. The
 * README's "Findings" table lists every code, what it means and what it needs.
 */










function rootGrants({ loaded, server }) {
    return server.desired.rootGrants.map((index) => finding('warning', 'root-acl', 'root@pam always holds every privilege; PVE does not store ACL entries for it, so this grant is skipped', {
        position: positionOf(loaded, `acl.${index}`),
    }));
}
/** The declared overlap token whose generation `id` is: the outputs show generation ids, the rotate input takes declared ones. */
function generationOwner(spec, id) {
    const parts = splitTokenId(id);
    const tokens = parts && Object.hasOwn(spec.users, parts.userid) ? spec.users[parts.userid].tokens : undefined;
    const owner = Object.values(tokens ?? {}).find((t) => t.rotation === 'overlap' && generationOf(t.tokenid, parts.tokenid) !== undefined);
    return owner ? fullTokenId(parts.userid, owner.tokenid) : undefined;
}
function unknownRotations({ server }) {
    const { rotate } = server.ctx.options;
    if (rotate === 'all')
        return [];
    return rotate
        .filter((id) => !server.ctx.declaredTokens.has(id))
        .map((id) => {
        const owner = generationOwner(server.ctx.spec, id);
        const hint = owner ? `; it is a generation of ${owner} (rotation: overlap): name ${owner} to rotate it` : '';
        return finding('warning', 'rotate-unknown', `rotate names ${id}, which is not a token declared in the spec; it is not rotated${hint}`, {
            address: `token:${id}`,
        });
    });
}
const INSECURE_TLS = 'TLS verification is OFF (proxmox-insecure: true): anyone on the path to the cluster could read this plan and the new token secrets. Pin the certificate with proxmox-fingerprint instead.';
const RULES = [
    serverRule('insecure-tls', ({ server }) => server.ctx.options.insecure === true ? [finding('warning', 'insecure-tls', INSECURE_TLS)] : []),
    ...SPEC_RULES,
    serverRule('root-acl', rootGrants),
    serverRule('rotate-unknown', unknownRotations),
    diffNoteRule('token-comment'),
    diffNoteRule('self-rotation'),
    ...POOL_PLAN_RULES,
    ...REALM_PLAN_RULES,
    diffNoteRule('token-retiring'),
    ...SAFETY_RULES,
];
const runPlanRules = (input) => runRules(RULES, input);

;// CONCATENATED MODULE: ./src/plan/make-plan.ts















/** Counts what will be executed; implied cascades are shown but not counted. */
function countChanges(changes) {
    const counts = { create: 0, update: 0, delete: 0, rotate: 0 };
    for (const c of changes)
        if (!c.implied)
            counts[c.action] += 1;
    return counts;
}
function makePlan(spec, live, options) {
    const ctx = planContext(spec.spec, live, options);
    const desired = desiredAcl(aclOfCurrentGenerations(ctx));
    const tokens = diffTokens(ctx);
    const realms = diffRealms(ctx);
    const explicit = [
        ...realms.changes,
        ...diffRoles(ctx),
        ...diffGroups(ctx),
        ...diffUsers(ctx),
        ...tokens.changes,
        ...diffPools(ctx),
        ...diffAcl(ctx, desired),
    ];
    const changes = orderChanges(withCascades(explicit, live));
    const after = applyChangesToState(live, changes, options.now);
    const before = indexState(live, options.serverPrivileges);
    const afterIndexed = indexState(after, options.serverPrivileges);
    const privileges = effectivePrivileges(before, afterIndexed, changes);
    const findings = runPlanRules({
        loaded: spec,
        options: {},
        server: {
            live,
            serverPrivileges: options.serverPrivileges,
            now: options.now,
            ...(options.actingIdentity !== undefined ? { acting: options.actingIdentity } : {}),
            ctx,
            desired,
            changes,
            before,
            after: afterIndexed,
            privileges,
            diffNotes: [...tokens.findings, ...realms.findings],
        },
    });
    return {
        changes,
        counts: countChanges(changes),
        findings,
        privileges,
        digest: planDigest(changes, live),
        server: live.version,
        ...(options.actingIdentity !== undefined ? { actingIdentity: options.actingIdentity } : {}),
    };
}

;// CONCATENATED MODULE: ./src/engine/plan-live.ts




/** Reads the whole live state and says in the log what it found. */
async function readCluster(api, logger) {
    const before = api.requestCount;
    const live = await readLiveState(api);
    const reads = api.requestCount - before;
    logger.info(`read PVE ${live.version.version}: ${count_count(Object.keys(live.roles).length, 'role')}, ${count_count(Object.keys(live.users).length, 'user')}, ` +
        `${count_count(Object.keys(live.groups).length, 'group')}, ${count_count(live.acl.length, 'ACL entry', 'ACL entries')}` +
        `${live.pools ? `, ${count_count(Object.keys(live.pools).length, 'pool')}` : ''} in ${count_count(reads, 'request')}`);
    return { live, reads };
}
/** Plans the spec against a live state read by `readCluster`, as the identity `actingIdentity`. */
function planFromLive(loaded, live, actingIdentity, options) {
    const plan = makePlan(loaded, live, {
        now: options.now,
        actingIdentity,
        rotate: options.rotate,
        secretMissing: options.secretMissing,
        allowDeletions: options.allowDeletions,
        serverPrivileges: serverPrivileges(live),
        insecure: options.insecure,
        ...(options.realmSecretNames && { realmSecretNames: options.realmSecretNames }),
        ...(options.setRealmSecrets && { setRealmSecrets: options.setRealmSecrets }),
        ...(options.syncRealms && { syncRealms: options.syncRealms }),
    });
    return plan;
}
/**
 * Verification after apply: a fresh read and plan, with no rotation asked for, must want
 * nothing more. Returns what it still wants (implied cascades left out).
 */
async function remainingChanges(api, loaded, options) {
    const live = await readLiveState(api);
    const { now, allowDeletions } = options;
    const plan = planFromLive(loaded, live, api.identity, { now, rotate: [], secretMissing: [], allowDeletions, insecure: false });
    return plan.changes.filter((c) => !c.implied);
}

;// CONCATENATED MODULE: ./src/engine/secret-presence.ts
/**
 * A managed token whose GitHub secret or Vault secret was deleted has a consumer without a
 * secret: it is rotated (and reported as drift). Checked only for tokens that exist, and only
 * when a secrets-token can read secret metadata (GitHub) or a Vault login succeeds; a Vault
 * secret is checked by its metadata alone, never its value.
 */



/** Full ids of the existing tokens with a `github-secret` target that no longer exists. */
async function findMissingSecrets(loaded, live, clients, logger) {
    const missing = new Set();
    for (const id of await missingGitHubSecrets(loaded, live, clients.github, logger))
        missing.add(id);
    for (const id of await missingVaultSecrets(existingTargets(loaded, live), clients.vault, logger))
        missing.add(id);
    return [...missing];
}
/** The deliver targets of tokens that exist on the cluster. */
const existingTargets = (loaded, live) => Object.values(loaded.spec.users).flatMap((user) => Object.values(user.tokens ?? {})
    .filter((token) => tokenOnCluster(live.users[user.userid]?.tokens, token.tokenid, token.rotation === 'overlap'))
    .flatMap((token) => token.deliver.map((target) => ({ fullid: `${user.userid}!${token.tokenid}`, target }))));
/** Tokens with a `vault` target whose secret is gone (or its current version deleted). */
async function missingVaultSecrets(all, vault, logger) {
    const targets = all.flatMap(({ fullid, target }) => (target.kind === 'vault' ? [{ fullid, target }] : []));
    if (targets.length === 0 || !vault)
        return [];
    let client;
    try {
        client = await vault();
    }
    catch (err) {
        // A pull request's plan may well be refused a login the role keeps for the main branch.
        logger.warning(`cannot check that the Vault secrets still exist: ${errorMessage(err)}`);
        return [];
    }
    const missing = new Set();
    for (const { fullid, target } of targets) {
        if (missing.has(fullid))
            continue;
        try {
            if (await client.targetExists(target))
                continue;
        }
        catch (err) {
            logger.warning(`cannot check ${describeVault(target)} of ${fullid}: ${errorMessage(err)}`);
            continue;
        }
        logger.warning(`${describeVault(target)} of token ${fullid} is missing: the token will be rotated to restore it`);
        missing.add(fullid);
    }
    return [...missing];
}
async function missingGitHubSecrets(loaded, live, client, logger) {
    const targets = Object.values(loaded.spec.users).flatMap((user) => Object.values(user.tokens ?? {})
        .filter((token) => tokenOnCluster(live.users[user.userid]?.tokens, token.tokenid, token.rotation === 'overlap'))
        .flatMap((token) => token.deliver.flatMap((target) => (target.kind === 'github-secret' ? [{ fullid: `${user.userid}!${token.tokenid}`, target }] : []))));
    if (targets.length === 0)
        return [];
    if (!client) {
        logger.debug('no secrets-token: not checking that GitHub secrets still exist');
        return [];
    }
    const missing = new Set();
    for (const { fullid, target } of targets) {
        if (missing.has(fullid))
            continue;
        let exists;
        try {
            exists = await client.secretExists(target);
        }
        catch (err) {
            logger.warning(`cannot check GitHub secret ${target.name} of ${fullid}: ${errorMessage(err)}`);
            continue;
        }
        if (!exists) {
            logger.warning(`GitHub secret ${target.name} of token ${fullid} is missing: the token will be rotated to restore it`);
            missing.add(fullid);
        }
    }
    return [...missing];
}

;// CONCATENATED MODULE: ./src/vault/errors.ts
/**
 * Typed errors of the Vault / OpenBao client. Each names what failed (a path, a role, a mount)
 * and Vault's own reason, made safe for one log line. None ever carries a token: not the client
 * token, not the GitHub OIDC token, not a secret value.
 */


/** Any failure of a Vault request. */
class VaultError extends errors_ActionError {
    name = 'VaultError';
}
/** Vault answered with an error this client has no more specific type for. */
class VaultApiError extends VaultError {
    method;
    path;
    status;
    reasons;
    name = 'VaultApiError';
    constructor(method, 
    /** The API path below `/v1/`, e.g. `secret/data/proxmox/terraform`. */
    path, status, 
    /** Vault's error texts, one entry per reason. */
    reasons, text) {
        super(text ?? `Vault ${method} ${log_line_oneLine(path)}: ${status}${reasons.length > 0 ? ` ${log_line_oneLine(reasons.join('; '))}` : ''}`);
        this.method = method;
        this.path = path;
        this.status = status;
        this.reasons = reasons;
    }
    /** Whether a repeat of an idempotent request may succeed (overload, a gateway in between). */
    get retryable() {
        return this.status === 429 || this.status === 502 || this.status === 504;
    }
}
/** The request never got an answer: connection refused or reset, timeout, TLS failure. */
class VaultTransportError extends VaultError {
    method;
    path;
    transient;
    name = 'VaultTransportError';
    constructor(method, path, detail, 
    /** Whether a repeat could succeed (reset, refused, timeout); never for TLS or pin failures. */
    transient, options) {
        super(`cannot reach Vault for ${method} ${log_line_oneLine(path)}: ${detail}`, options);
        this.method = method;
        this.path = path;
        this.transient = transient;
    }
}
/**
 * A sealed Vault answers every request with 503 until an operator unseals it, so repeating the
 * request only delays the report; the run stops and says so.
 */
class VaultSealed extends VaultApiError {
    name = 'VaultSealed';
    constructor(method, path, reasons) {
        super(method, path, 503, reasons, `Vault is sealed (it answered ${method} ${log_line_oneLine(path)} with 503): unseal it, then run again`);
    }
}
/** 403 on a path: the token's policies do not allow the operation, or the token is no longer valid. */
class VaultPermissionDenied extends VaultApiError {
    invalidToken;
    name = 'VaultPermissionDenied';
    constructor(method, path, reasons, 
    /** Vault said `invalid token`: the token expired or was revoked, not a policy gap. */
    invalidToken) {
        super(method, path, 403, reasons, invalidToken
            ? `Vault refused ${method} ${log_line_oneLine(path)}: the Vault token is not valid any more (expired or revoked)`
            : `Vault denied ${method} ${log_line_oneLine(path)}: the token's policies do not allow it`);
        this.invalidToken = invalidToken;
    }
}
/** Vault refused the JWT login (an unknown role, a claim the role does not accept, a bad signature). */
class VaultLoginRefused extends VaultError {
    mount;
    role;
    reason;
    name = 'VaultLoginRefused';
    constructor(
    /** The auth mount, e.g. `jwt`. */
    mount, role, 
    /** Vault's reason, as it gave it. */
    reason, hint) {
        super(`Vault refused the JWT login for role '${log_line_oneLine(role)}' at auth/${log_line_oneLine(mount)}: ${log_line_oneLine(reason)}${hint ? ` (${log_line_oneLine(hint)})` : ''}`);
        this.mount = mount;
        this.role = role;
        this.reason = reason;
    }
}
/** The GitHub OIDC token had expired when Vault checked it: it lives five minutes. */
class VaultOidcTokenExpired extends VaultLoginRefused {
    name = 'VaultOidcTokenExpired';
    constructor(mount, role, reason) {
        super(mount, role, reason, "the workflow's OIDC token had expired; it is valid for five minutes, so it must be fetched right before the login, and Vault's clock must not run ahead");
    }
}
/**
 * Another writer changed the secret between this client's read and its write. Nothing was
 * written; the caller may read again and write once more.
 */
class VaultCasConflict extends VaultError {
    mount;
    path;
    expectedVersion;
    name = 'VaultCasConflict';
    constructor(mount, path, 
    /** The version this client read and wrote over. */
    expectedVersion) {
        super(`the secret ${log_line_oneLine(mount)}/${log_line_oneLine(path)} changed while it was being written (read at version ${expectedVersion}, then another writer added a version); nothing was written`);
        this.mount = mount;
        this.path = path;
        this.expectedVersion = expectedVersion;
    }
}
/** The mount named for a target is missing, out of the token's sight, not KV, or KV version 1. */
class VaultMountError extends VaultError {
    mount;
    problem;
    name = 'VaultMountError';
    constructor(mount, problem, text) {
        super(text);
        this.mount = mount;
        this.problem = problem;
    }
}
/** The job cannot get a GitHub OIDC token (most often: no `id-token: write` permission). */
class GitHubOidcUnavailable extends VaultError {
    name = 'GitHubOidcUnavailable';
}

;// CONCATENATED MODULE: ./src/vault/github-oidc.ts
/**
 * The workflow's GitHub OIDC token, for a JWT login at Vault. `@actions/core`'s `getIDToken` is
 * passed in, so this edge runs in tests against the runner's token endpoint of a fake.
 */


const PERMISSION_HINT = 'the job needs `permissions: id-token: write` for a Vault JWT login (or pass `vault-token` instead of `vault-role`)';
/**
 * Fetches a token for `audience` (Vault's role binds it in `bound_audiences`). The runner hands
 * a job the token endpoint only when the workflow grants `id-token: write`; without it there is
 * no `ACTIONS_ID_TOKEN_REQUEST_URL`, which is said plainly instead of `getIDToken`'s own text.
 */
async function githubOidcToken(audience, getIDToken, options = {}) {
    const env = options.env ?? process.env;
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
        throw new GitHubOidcUnavailable(`no GitHub OIDC token is available to this job: ${PERMISSION_HINT}`);
    }
    let token;
    try {
        token = await getIDToken(audience);
    }
    catch (err) {
        const text = log_line_oneLine(err instanceof Error ? err.message : String(err));
        const hint = /ACTIONS_ID_TOKEN_REQUEST/.test(text) ? `: ${PERMISSION_HINT}` : '';
        throw new GitHubOidcUnavailable(`could not get a GitHub OIDC token for audience '${log_line_oneLine(audience)}'${hint} (${text})`, {
            cause: err,
        });
    }
    options.mask?.(token);
    if (token.split('.').length !== 3)
        throw new GitHubOidcUnavailable('the runner answered with something that is not a JWT');
    return token;
}
/** The claims of a JWT, decoded without checking the signature: only to explain a refusal. */
function jwtClaims(jwt) {
    try {
        const value = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
        return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
    }
    catch {
        return {};
    }
}

;// CONCATENATED MODULE: ./src/vault/transport.ts



class VaultTransport {
    options;
    constructor(options) {
        this.options = options;
    }
    async send(request) {
        const { origin, basePath, namespace, agent, timeoutMs, logger } = this.options;
        const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';
        const shown = `${log_line_oneLine(request.path)}${query}`;
        const started = performance.now();
        try {
            const response = await agent.request({
                origin,
                path: `${basePath}/v1/${encodePath(request.path)}${query}`,
                method: request.method,
                headers: {
                    accept: 'application/json',
                    ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
                    ...(request.token !== undefined ? { 'x-vault-token': request.token } : {}),
                    ...(namespace ? { 'x-vault-namespace': namespace } : {}),
                },
                ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
                headersTimeout: timeoutMs,
                bodyTimeout: timeoutMs,
            });
            const json = parseJson(await response.body.text());
            request.onAnswer?.(json);
            logger.debug(`Vault ${request.method} ${shown} → ${response.statusCode} (${elapsed(started)} ms)`);
            return { status: response.statusCode, json };
        }
        catch (err) {
            const code = errorCode(err);
            logger.debug(`Vault ${request.method} ${shown} → no answer after ${elapsed(started)} ms (${log_line_oneLine(code)})`);
            throw new VaultTransportError(request.method, request.path, describeFailure(err), isTransientNetworkError(err), {
                cause: err,
            });
        }
    }
}
/** Each segment percent-encoded; the slashes between them stay. */
const encodePath = (path) => path.split('/').map(encodeURIComponent).join('/');
const elapsed = (started) => Math.round(performance.now() - started);
function parseJson(text) {
    if (text.trim() === '')
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        // A proxy's HTML error page: the status still tells what happened.
        return undefined;
    }
}
/**
 * Vault's error texts. Its ACL layer formats several reasons as one multi-line string
 * (`1 error occurred:\n\t* permission denied\n\n`); each reason becomes one entry here.
 */
function errorReasons(json) {
    const errors = json?.errors;
    if (!Array.isArray(errors))
        return [];
    return errors
        .filter((e) => typeof e === 'string')
        .flatMap((e) => {
        const items = [...e.matchAll(/^\s*\*\s+(.+)$/gm)].map((m) => m[1].trim());
        return /^\d+ errors? occurred:/.test(e) && items.length > 0 ? items : [e.trim()];
    })
        .filter((e) => e !== '');
}
/** The typed error for an answer that is not a success. */
function toVaultError(method, path, response) {
    const reasons = errorReasons(response.json);
    if (response.status === 503 && reasons.some((r) => /sealed/i.test(r)))
        return new VaultSealed(method, path, reasons);
    if (response.status === 403)
        return new VaultPermissionDenied(method, path, reasons, reasons.includes('invalid token'));
    return new VaultApiError(method, path, response.status, reasons);
}
function describeFailure(err) {
    const code = errorCode(err);
    const text = log_line_oneLine(err instanceof Error ? err.message : String(err));
    switch (code) {
        case 'UND_ERR_CONNECT_TIMEOUT':
            return 'connect timeout: Vault did not accept the connection in time';
        case 'UND_ERR_HEADERS_TIMEOUT':
        case 'UND_ERR_BODY_TIMEOUT':
            return 'timeout: Vault did not answer in time';
        case 'ERR_PROXMOX_CERT_PIN':
            return `TLS: ${text}`;
        default:
            if (/certificate|self[- ]signed|SSL|TLS|altname/i.test(`${code} ${text}`)) {
                return `TLS verification failed (${log_line_oneLine(code)}): ${text}; trust Vault's certificate with a CA certificate or pin its fingerprint`;
            }
            return `${text} (${log_line_oneLine(code)})`;
    }
}

;// CONCATENATED MODULE: ./src/vault/login.ts
/**
 * The JWT login's answer: the client token (masked the moment it is found) and what the token
 * may do, or, for a refusal, an error that explains it with the claim the role did not accept.
 */



/** The token and the login's description; undefined when the answer carries no token. */
function parseLogin(json, mask) {
    const auth = json?.auth;
    const token = auth?.client_token;
    if (typeof token !== 'string' || token === '')
        return undefined;
    mask(token);
    const policies = Array.isArray(auth?.policies) ? auth.policies.filter((p) => typeof p === 'string') : [];
    const ttlSeconds = typeof auth?.lease_duration === 'number' ? auth.lease_duration : 0;
    return { token, login: { policies, ttlSeconds } };
}
/** The error for a 400 or 403 answer to the login, with a hint taken from the token's own claims. */
function loginRefusal(mount, role, jwt, json) {
    const reasons = errorReasons(json);
    const reason = reasons.join('; ') || 'Vault gave no reason';
    if (reasons.some((r) => /token is expired/.test(r)))
        return new VaultOidcTokenExpired(mount, role, reason);
    return new VaultLoginRefused(mount, role, reason, hintFor(mount, reason, jwtClaims(jwt)));
}
/** Claims are descriptions of the run (repository, ref, audience), not credentials. */
function hintFor(mount, reason, claims) {
    const claim = /claim "([^"]+)" does not match/.exec(reason)?.[1];
    if (claim !== undefined) {
        return `this run's token has ${claim} '${String(claims[claim])}'; the role's bound_claims must accept it`;
    }
    if (/invalid audience \(aud\)/.test(reason)) {
        const aud = Array.isArray(claims.aud) ? claims.aud.join(', ') : String(claims.aud);
        return `the token was issued for the audience '${aud}'; set vault-audience to one of the role's bound_audiences`;
    }
    if (/could not be found/.test(reason))
        return `check vault-role against the roles of auth/${mount}`;
    if (/missing client token|permission denied/.test(reason))
        return `is a JWT auth method enabled at auth/${mount}?`;
    if (/token (not yet valid|issued in the future)/.test(reason))
        return "Vault's clock is behind GitHub's";
    return undefined;
}

;// CONCATENATED MODULE: ./src/vault/kv2-answers.ts
/**
 * Reading Vault's KV answers: which engine and version a mount is, the fields and version of a
 * KV version 2 secret, and whether its current version is there. Pure: the client does the I/O.
 */


const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const dataOf = (json) => (isObject(json) ? json.data : undefined);
/**
 * The KV version of `mount` from `sys/internal/ui/mounts/{mount}`. Vault answers for the mount
 * that holds the path, so a declared mount that is really a folder inside a mount shows here.
 */
function kvVersionOf(mount, json) {
    const data = dataOf(json);
    if (!isObject(data))
        throw new VaultMountError(mount, 'not-found', `Vault gave no description of the mount '${log_line_oneLine(mount)}'`);
    const actual = typeof data.path === 'string' ? data.path.replace(/^\/+|\/+$/g, '') : mount;
    if (actual !== mount) {
        throw new VaultMountError(mount, 'inside-mount', `'${log_line_oneLine(mount)}' is not a Vault mount but a folder inside the mount '${log_line_oneLine(actual)}': set mount to '${log_line_oneLine(actual)}' and put the rest into path`);
    }
    const type = typeof data.type === 'string' ? data.type : '';
    // `generic` is what KV version 1 was called before it was renamed.
    if (type !== 'kv' && type !== 'generic') {
        throw new VaultMountError(mount, 'not-kv', `the Vault mount '${log_line_oneLine(mount)}' is a '${log_line_oneLine(type)}' engine, not a KV secrets engine`);
    }
    const version = isObject(data.options) ? data.options.version : undefined;
    return version === '2' || version === 2 ? 2 : 1;
}
/** Why proxmox-access does not write to KV version 1 (docs/vault.md explains the choice). */
const kvV1Refusal = (mount) => new VaultMountError(mount, 'kv-v1', `the Vault mount '${log_line_oneLine(mount)}' is KV version 1, which has no check-and-set and no metadata; proxmox-access writes only to KV version 2 (upgrade the mount with \`vault kv enable-versioning ${log_line_oneLine(mount)}\`, or use a KV version 2 mount)`);
/**
 * The answer of `GET {mount}/data/{path}`. A 404 with no body is a secret that was never
 * written; a 404 that still carries metadata is a current version that was deleted or
 * destroyed, and the next write must name that version.
 */
function kv2Current(status, json) {
    const data = dataOf(json);
    const metadata = isObject(data) ? data.metadata : undefined;
    const version = isObject(metadata) && typeof metadata.version === 'number' ? metadata.version : undefined;
    if (status === 200 && version !== undefined)
        return { version, data: isObject(data) && isObject(data.data) ? { ...data.data } : {} };
    if (status === 404)
        return { version: version ?? 0, data: {} };
    return undefined;
}
/** The version a KV version 2 write created, from its answer. */
function writtenVersion(json) {
    const data = dataOf(json);
    return isObject(data) && typeof data.version === 'number' ? data.version : undefined;
}
/**
 * Whether the key's metadata (`GET {mount}/metadata/{path}`) shows a current version that can
 * be read: one that is neither deleted nor destroyed. A deleted secret is as gone to its readers
 * as a missing one. A deletion time still ahead (the mount's `delete_version_after`) is not yet one.
 */
function currentVersionLive(json, nowMs) {
    const data = dataOf(json);
    if (!isObject(data) || typeof data.current_version !== 'number' || data.current_version === 0)
        return false;
    const versions = isObject(data.versions) ? data.versions : {};
    const current = versions[String(data.current_version)];
    if (!isObject(current) || current.destroyed === true)
        return false;
    const deletion = typeof current.deletion_time === 'string' ? current.deletion_time : '';
    return deletion === '' || Date.parse(deletion) > nowMs;
}

;// CONCATENATED MODULE: ./src/vault/preflight-paths.ts
/** The KV version 2 API path of a target's data. */
const kv2DataPath = (target) => `${target.mount}/data/${target.path}`;
/** The KV version 2 API path of a target's metadata. */
const kv2MetadataPath = (target) => `${target.mount}/metadata/${target.path}`;
/** The grants one KV version 2 target needs. */
function requiredGrants(target) {
    return [
        { path: kv2DataPath(target), capabilities: ['create', 'update', 'read'] },
        { path: kv2MetadataPath(target), capabilities: ['read'] },
    ];
}
/** `path "…" { capabilities = [...] }`, one line of Vault's policy language. */
const policyLine = (grant) => `path "${grant.path}" { capabilities = [${grant.capabilities.map((c) => `"${c}"`).join(', ')}] }`;
/**
 * Compares what is needed with what `sys/capabilities-self` answered (path → capabilities).
 * `root` allows everything; `deny`, or a path Vault left out, allows nothing.
 */
function missingGrants(needed, granted) {
    const result = [];
    for (const grant of needed) {
        const have = new Set(granted[grant.path] ?? []);
        if (have.has('root'))
            continue;
        const missing = have.has('deny') ? [...grant.capabilities] : grant.capabilities.filter((c) => !have.has(c));
        if (missing.length > 0)
            result.push({ path: grant.path, missing, policyLine: policyLine(grant) });
    }
    return result;
}
/** Each path once, with every capability any target needs there (two targets may share a secret). */
function mergeGrants(grants) {
    const merged = new Map();
    for (const grant of grants) {
        const caps = merged.get(grant.path) ?? [];
        for (const c of grant.capabilities)
            if (!caps.includes(c))
                caps.push(c);
        merged.set(grant.path, caps);
    }
    return [...merged].map(([path, capabilities]) => ({ path, capabilities }));
}

;// CONCATENATED MODULE: ./src/vault/retry.ts

const DEFAULT_ATTEMPTS = 3;
const DEFAULT_BASE_DELAY_MS = 250;
function isRetryable(err) {
    if (err instanceof VaultTransportError)
        return err.transient;
    return err instanceof VaultApiError && err.retryable;
}
/** Runs a read until it succeeds, fails for good, or runs out of attempts. */
async function withReadRetries(label, options, attempt) {
    for (let n = 1;; n++) {
        try {
            return await attempt();
        }
        catch (err) {
            if (n >= options.attempts || !isRetryable(err))
                throw err;
            const delay = options.baseDelayMs * 2 ** (n - 1);
            options.logger.info(`${label} failed (${err.message}); retrying in ${delay} ms (attempt ${n + 1} of ${options.attempts})`);
            await options.sleep(delay);
        }
    }
}

;// CONCATENATED MODULE: ./src/vault/url.ts
/** The Vault address: its origin, and the path prefix when Vault is served below one. */


const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
/**
 * `https://vault.example.com:8200` → origin and base path (a trailing `/v1` is accepted too).
 * The token travels in every request, so plain HTTP is refused except to this machine itself,
 * where a development Vault (`vault server -dev`) or a CI service container listens.
 */
function url_parseVaultUrl(url) {
    let parsed;
    try {
        parsed = new URL(url.trim());
    }
    catch {
        throw new VaultError(`the Vault URL '${log_line_oneLine(url)}' is not a URL; expected https://vault.example.com:8200`);
    }
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.test(parsed.hostname))) {
        throw new VaultError(`the Vault URL must use https (plain http only to localhost), got ${log_line_oneLine(parsed.protocol)}//${log_line_oneLine(parsed.host)}`);
    }
    if (parsed.username || parsed.password || parsed.search || parsed.hash) {
        throw new VaultError('the Vault URL must be only the address: no user, password, query or fragment');
    }
    const prefix = parsed.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
    return { origin: parsed.origin, basePath: prefix };
}

;// CONCATENATED MODULE: ./src/vault/client.ts
/**
 * HashiCorp Vault / OpenBao over HTTPS, for delivering token secrets into KV version 2:
 * `createVaultClient` wires TLS trust (the same rules as for Proxmox, on this client's own Agent
 * only), the namespace, timeouts and read retries; the client logs in with a JWT or takes a
 * token, checks its capabilities, reads and writes secrets with check-and-set, and revokes the
 * token it logged in with. docs/vault.md describes the behaviour.
 */










async function createVaultClient(options) {
    const { origin, basePath } = url_parseVaultUrl(options.url);
    const connect = await buildTlsConnector(options.tls, options.timeoutMs);
    const agent = new undici/* Agent */.g6({ connect, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
    const namespace = options.namespace?.trim().replace(/^\/+|\/+$/g, '') || undefined;
    const transport = new VaultTransport({ origin, basePath, namespace, agent, timeoutMs: options.timeoutMs, logger: options.logger });
    const retry = {
        attempts: options.retry?.attempts ?? DEFAULT_ATTEMPTS,
        baseDelayMs: options.retry?.baseDelayMs ?? DEFAULT_BASE_DELAY_MS,
        sleep: options.retry?.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
        logger: options.logger,
    };
    return new Client(transport, agent, retry, options.logger, options.mask, namespace);
}
class Client {
    transport;
    agent;
    retry;
    logger;
    mask;
    namespace;
    #token;
    /** Whether this client created the token (a login), and so ends it. */
    #owned = false;
    #kvVersions = new Map();
    constructor(transport, agent, retry, logger, mask, namespace) {
        this.transport = transport;
        this.agent = agent;
        this.retry = retry;
        this.logger = logger;
        this.mask = mask;
        this.namespace = namespace;
    }
    async loginWithJwt({ mount = 'jwt', role, jwt }) {
        this.mask(jwt);
        const path = `auth/${mount}/login`;
        let parsed;
        // Sent once: a repeat after a lost answer would leave a second token alive until its TTL.
        const response = await this.transport.send({
            method: 'POST',
            path,
            body: { role, jwt },
            onAnswer: (json) => (parsed = parseLogin(json, this.mask)),
        });
        // Vault answers a login to a path with no auth method like a request without a token (400 or 403).
        if (response.status === 400 || response.status === 403)
            throw loginRefusal(mount, role, jwt, response.json);
        if (response.status !== 200)
            throw toVaultError('POST', path, response);
        if (!parsed)
            throw new VaultLoginRefused(mount, role, 'Vault answered the login without a client token');
        const { token, login } = parsed;
        this.#token = token;
        this.#owned = true;
        this.logger.info(`Vault: logged in at auth/${log_line_oneLine(mount)} with role '${log_line_oneLine(role)}' (policies ${log_line_oneLine(login.policies.join(', ') || 'none')}; valid ${login.ttlSeconds} s)`);
        return login;
    }
    useToken(token) {
        this.mask(token);
        this.#token = token;
        this.#owned = false;
    }
    async lookupSelf() {
        const json = await this.#read('GET', 'auth/token/lookup-self');
        const data = json?.data ?? {};
        return {
            displayName: typeof data.display_name === 'string' ? data.display_name : '',
            policies: Array.isArray(data.policies) ? data.policies.filter((p) => typeof p === 'string') : [],
            ttlSeconds: typeof data.ttl === 'number' ? data.ttl : 0,
        };
    }
    async revokeSelf() {
        const token = this.#token;
        if (token === undefined)
            return 'no-token';
        if (!this.#owned)
            return 'not-owned';
        const response = await this.transport.send({ method: 'POST', path: 'auth/token/revoke-self', token });
        const error = response.status >= 300 ? toVaultError('POST', 'auth/token/revoke-self', response) : undefined;
        if (error && !(error instanceof VaultPermissionDenied && error.invalidToken))
            throw error;
        this.#token = undefined;
        this.#owned = false;
        return error ? 'already-gone' : 'revoked';
    }
    async capabilitiesSelf(paths) {
        if (paths.length === 0)
            return {};
        const json = (await this.#read('POST', 'sys/capabilities-self', { paths }));
        const data = (json?.data ?? {});
        const result = {};
        for (const path of paths) {
            const caps = data[path] ?? json?.[path];
            result[path] = Array.isArray(caps) ? caps.filter((c) => typeof c === 'string') : [];
        }
        return result;
    }
    kvVersion(mount) {
        let known = this.#kvVersions.get(mount);
        if (!known) {
            known = this.#detectKv(mount);
            // A failure (sealed, network) is not remembered: a later call asks again.
            known.catch(() => this.#kvVersions.delete(mount));
            this.#kvVersions.set(mount, known);
        }
        return known;
    }
    async readSecret(target) {
        await this.#requireKv2(target.mount);
        const path = kv2DataPath(target);
        const response = await this.#send('GET', path, undefined, [404]);
        const current = kv2Current(response.status, response.json);
        if (!current)
            throw new VaultError(`Vault answered GET ${log_line_oneLine(path)} without the secret's version`);
        return current;
    }
    async writeFields(target, fields) {
        const current = await this.readSecret(target);
        const path = kv2DataPath(target);
        const body = { data: { ...current.data, ...fields }, options: { cas: current.version } };
        const response = await this.transport.send({ method: 'POST', path, body, token: this.#requireToken() });
        if (response.status === 400 && isCasMismatch(response.json))
            throw new VaultCasConflict(target.mount, target.path, current.version);
        if (response.status !== 200)
            throw toVaultError('POST', path, response);
        const version = writtenVersion(response.json);
        if (version === undefined)
            throw new VaultError(`Vault answered POST ${log_line_oneLine(path)} without the version it wrote`);
        return { version, previousVersion: current.version };
    }
    async targetExists(target) {
        // On KV version 1 this path would name a secret of its own and read its value.
        await this.#requireKv2(target.mount);
        const response = await this.#send('GET', kv2MetadataPath(target), undefined, [404]);
        return response.status === 200 && currentVersionLive(response.json, Date.now());
    }
    close() {
        return this.agent.close();
    }
    async #detectKv(mount) {
        const path = `sys/internal/ui/mounts/${mount}`;
        const response = await this.#send('GET', path, undefined, [400, 403, 404]);
        if (response.status !== 200) {
            const error = toVaultError('GET', path, response);
            if (error instanceof VaultPermissionDenied && error.invalidToken)
                throw error;
            // Vault gives the same answer for a mount that is not there and one the token cannot see.
            throw new VaultMountError(mount, 'not-found', `no Vault mount '${log_line_oneLine(mount)}' is visible to this token: it does not exist${this.namespace ? ` in the namespace '${log_line_oneLine(this.namespace)}'` : ''}, or the token's policies grant nothing below it`);
        }
        return kvVersionOf(mount, response.json);
    }
    async #requireKv2(mount) {
        if ((await this.kvVersion(mount)) === 1)
            throw kvV1Refusal(mount);
    }
    #requireToken() {
        if (this.#token === undefined)
            throw new VaultError('the Vault client has no token: log in first (or it was revoked)');
        return this.#token;
    }
    /** A read-only request (retried as retry.ts allows) whose answer must be a success. */
    async #read(method, path, body) {
        return (await this.#send(method, path, body, [])).json;
    }
    /** A read-only request with retries; statuses in `accepted` come back instead of throwing. */
    #send(method, path, body, accepted) {
        const token = this.#requireToken();
        return withReadRetries(`Vault ${method} ${log_line_oneLine(path)}`, this.retry, async () => {
            const response = await this.transport.send({ method, path, token, ...(body !== undefined ? { body } : {}) });
            if ((response.status >= 200 && response.status < 300) || accepted.includes(response.status))
                return response;
            throw toVaultError(method, path, response);
        });
    }
}
const isCasMismatch = (json) => JSON.stringify(json?.errors ?? []).includes('check-and-set parameter did not match');

;// CONCATENATED MODULE: ./src/vault/preflight.ts
/**
 * Everything that would stop a delivery to Vault, found before anything is written on Proxmox:
 * each target's mount must be KV version 2 and visible to the token, and the token must hold
 * every capability a write and a drift check need. All problems come back together, each with
 * the policy line that would fix it, so one round of policy changes is enough.
 */






/**
 * Checks every target. Mount problems are reported per target; a sealed Vault, a token Vault no
 * longer accepts or a network failure is thrown, since no target could be checked then.
 */
async function preflightVaultTargets(client, targets) {
    const problems = [];
    const usable = [];
    for (const target of targets) {
        const problem = await mountProblem(client, target.mount);
        if (problem)
            problems.push({ target: log_line_oneLine(describeVaultTarget(target)), message: problem });
        else
            usable.push(target);
    }
    const needed = mergeGrants(usable.flatMap(requiredGrants));
    const missing = missingGrants(needed, await client.capabilitiesSelf(needed.map((g) => g.path)));
    for (const target of usable) {
        for (const gap of missing.filter((m) => requiredGrants(target).some((g) => g.path === m.path))) {
            problems.push({
                target: log_line_oneLine(describeVaultTarget(target)),
                message: log_line_oneLine(`the Vault token lacks ${gap.missing.join(', ')} on ${gap.path}; a policy with ${gap.policyLine} allows it`),
            });
        }
    }
    return { problems, missing };
}
async function mountProblem(client, mount) {
    try {
        if ((await client.kvVersion(mount)) === 1)
            return kvV1Refusal(mount).message;
        return undefined;
    }
    catch (err) {
        if (err instanceof VaultMountError)
            return errorMessage(err);
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/vault/index.ts
/** The Vault / OpenBao client and its helpers, as the deliver step uses them (docs/vault.md). */







;// CONCATENATED MODULE: ./src/engine/vault-session.ts
/**
 * The Vault client of one run (docs/vault.md): opened and logged in the first time a step needs
 * it (the secret-presence check or the delivery preflight), shared after that, and closed at the
 * end with the login's token revoked. A failed login is remembered, so every later step reports
 * the same refusal instead of logging in again.
 */


const TIMEOUT_MS = 30_000;
function openVaultSession(deps, settings) {
    let opened;
    const client = () => (opened ??= login(deps, settings));
    return {
        client,
        async close() {
            const pending = opened;
            opened = undefined;
            // A client whose login failed holds no token; its error was the step's to report.
            const vault = await pending?.catch(() => undefined);
            if (!vault)
                return;
            try {
                const outcome = await vault.revokeSelf();
                if (outcome === 'revoked')
                    deps.logger.info('Vault: revoked the token of this run');
            }
            catch (err) {
                deps.logger.warning(`could not revoke this run's Vault token (it expires at the end of the role's token_ttl): ${errorMessage(err)}`);
            }
            finally {
                await vault.close();
            }
        },
    };
}
async function login(deps, settings) {
    const mask = (value) => deps.setSecret(value);
    const vault = await createVaultClient({
        url: settings.url,
        namespace: settings.namespace,
        tls: { caCert: settings.caCert, fingerprint: settings.fingerprint },
        timeoutMs: TIMEOUT_MS,
        logger: deps.logger,
        mask,
    });
    try {
        if (settings.role !== undefined) {
            if (!deps.getIDToken)
                throw new Error('vault-role needs the GitHub OIDC token of a workflow run; give a Vault token instead');
            // Fetched right before the login: GitHub's token is valid for five minutes only.
            const jwt = await githubOidcToken(settings.audience, deps.getIDToken, { mask });
            await vault.loginWithJwt({ role: settings.role, jwt });
        }
        else if (settings.token !== undefined) {
            vault.useToken(settings.token);
        }
        else {
            throw new Error('no vault-role or vault-token to log in to Vault with');
        }
    }
    catch (err) {
        await vault.close();
        throw err;
    }
    return vault;
}

;// CONCATENATED MODULE: ./src/engine/run-session.ts
/**
 * One run session: the clients of a run, opened once and shared by its steps, and the steps
 * themselves. Both the action's modes and the CLI run through it, so the plan a reviewer saw,
 * the plan apply recomputes and the verification after apply are made the same way everywhere.
 */









function openRunSession(deps, settings) {
    const github = gitHubClients(deps, settings.github);
    const vaultSession = settings.vault ? openVaultSession(deps, settings.vault) : undefined;
    const vault = vaultSession ? () => vaultSession.client() : undefined;
    let client;
    let options;
    const clientOptions = () => (options ??= proxmoxClientOptions(settings.connection, deps.logger, (secret) => deps.setSecret(secret)));
    const proxmox = () => (client ??= Promise.resolve().then(() => deps.connectProxmox(clientOptions())));
    // The secret checks of a run share one keep-alive pool with the run's TLS trust; closed with the session.
    const checkPool = sharedPool(clientOptions);
    return {
        github,
        vault,
        proxmox,
        async plan(loaded) {
            requireVault(loaded, vault);
            const api = await proxmox();
            const { live, reads } = await readCluster(api, deps.logger);
            const secrets = settings.checkSecrets ? github.secrets() : undefined;
            const secretMissing = settings.checkSecrets ? await findMissingSecrets(loaded, live, { github: secrets, vault }, deps.logger) : [];
            const plan = planFromLive(loaded, live, api.identity, {
                now: deps.now(),
                rotate: settings.rotate,
                secretMissing,
                allowDeletions: settings.allowDeletions,
                // A pinned fingerprint is checked even with insecure set: no TLS warning then.
                insecure: tlsUnverified(settings.connection),
                ...(settings.realmSecrets && { realmSecretNames: Object.keys(settings.realmSecrets) }),
                ...(settings.setRealmSecrets && { setRealmSecrets: settings.setRealmSecrets }),
                ...(settings.syncRealms && { syncRealms: settings.syncRealms }),
            });
            return { live, reads, plan, secretMissing };
        },
        async apply(loaded, planned, delivery, check) {
            const api = await proxmox();
            const { allowDeletions } = settings;
            return executePlan(planned.plan, {
                api,
                delivery,
                logger: deps.logger,
                live: planned.live,
                now: () => deps.now(),
                verify: check ? () => check(api) : () => remainingChanges(api, loaded, { now: deps.now(), allowDeletions }),
                // Same URL and TLS trust as the run's client, other credentials: a new token's secret, tried once.
                connectAs: async (auth) => deps.connectProxmox({ ...clientOptions(), auth, pool: await checkPool.get() }),
                allowDeletions,
                ...(settings.realmSecrets && { realmSecrets: settings.realmSecrets }),
            });
        },
        async close() {
            const opened = client;
            client = undefined;
            // A connection that failed has nothing to close; its error was the step's to report.
            const api = await opened?.catch(() => undefined);
            await api?.close();
            await checkPool.close();
            await vaultSession?.close();
        },
    };
}
/** Checked before the cluster is read: a `vault` target without a Vault fails the plan, not the apply half-way. */
function requireVault(loaded, vault) {
    if (vault || !hasVaultTargets(loaded))
        return;
    throw new errors_InputError('vault-url', `${loaded.file} delivers token secrets to Vault, but no vault-url was given: set vault-url, and vault-role (with permissions: id-token: write) or vault-token`);
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(92413);
;// CONCATENATED MODULE: ./src/github/octokit.ts
/** The REST client type every GitHub module takes, so tests can point it at the fake. */

function createOctokit(token, baseUrl) {
    return (0,github/* getOctokit */.Q)(token, { baseUrl });
}

;// CONCATENATED MODULE: ./src/plan/model.ts
const hasChanges = (plan) => plan.changes.some((c) => !c.implied);
const hasErrors = (plan) => plan.findings.some((f) => f.severity === 'error');

;// CONCATENATED MODULE: ./src/proxmox/auth.ts
/**
 * The two ways to authenticate against PVE: an API token sent with every request, or a ticket
 * from `POST /access/ticket` sent as the `PVEAuthCookie` cookie, plus the CSRF token on every
 * non-GET. Credentials live only in these objects; errors name the identity, never a secret.
 */


/** PVE refused the credentials (HTTP 401). The message says which kind and whose; never the secret. */
class ProxmoxAuthError extends ProxmoxApiError {
    credential;
    principal;
    constructor(cause, credential, principal, hint) {
        super(cause.method, cause.path, cause.status, cause.reason, cause.errors);
        this.credential = credential;
        this.principal = principal;
        this.message = `${cause.message}: ${hint}`;
    }
}
/** API-token authentication: one fixed header, no CSRF token, nothing to renew. */
function tokenAuthenticator(tokenId, secret) {
    // The id is checked without echoing it: a pasted `id=secret` would otherwise leak into the error.
    const problem = tokenIdProblem(tokenId);
    if (problem !== undefined)
        throw new errors_ActionError(problem);
    // Accept the secret also in the `user@realm!name=secret` form PVE's UI copies.
    const bare = secret.startsWith(`${tokenId}=`) ? secret.slice(tokenId.length + 1) : secret;
    if (bare === '')
        throw new errors_ActionError(`the API token ${tokenId} has an empty secret`);
    const headers = { authorization: `PVEAPIToken=${tokenId}=${bare}` };
    return {
        kind: 'api-token',
        identity: tokenId,
        prepare: async () => ({ headers, session: undefined }),
        recover: async () => false,
        rejected: (error) => new ProxmoxAuthError(error, 'api-token', tokenId, `the API token ${tokenId} was not accepted (wrong secret, or the token or its user is missing, disabled or expired)`),
    };
}
/** PVE tickets live 2 h; renewing well before that avoids a 401 in the middle of an apply. */
const DEFAULT_TICKET_RENEW_AFTER_MS = 90 * 60 * 1000;
/** Ticket authentication with single-flight login, renewal before expiry and one re-login on 401. */
class TicketAuthenticator {
    username;
    password;
    post;
    now;
    renewAfterMs;
    kind = 'password';
    #identity;
    #current;
    #pending;
    constructor(username, password, post, now = Date.now, renewAfterMs = DEFAULT_TICKET_RENEW_AFTER_MS) {
        this.username = username;
        this.password = password;
        this.post = post;
        this.now = now;
        this.renewAfterMs = renewAfterMs;
        this.#identity = username;
    }
    get identity() {
        return this.#identity;
    }
    async prepare(method) {
        const ticket = await this.#ticket();
        const headers = { cookie: `PVEAuthCookie=${ticket.ticket}` };
        if (method !== 'GET')
            headers.CSRFPreventionToken = ticket.csrf;
        return { headers, session: ticket };
    }
    async recover(session) {
        // Parallel requests share one ticket: only the first 401 drops it, the rest reuse the new one.
        if (session === this.#current)
            this.#current = undefined;
        return true;
    }
    rejected(error) {
        return new ProxmoxAuthError(error, 'password', this.username, `the ticket of ${this.username} was refused even after logging in again`);
    }
    /** Logs in now; the client calls this once at creation so bad credentials fail early. */
    async login() {
        await this.#ticket();
    }
    #ticket() {
        const current = this.#current;
        if (current && this.now() - current.obtainedAt < this.renewAfterMs)
            return Promise.resolve(current);
        this.#pending ??= this.#login().finally(() => (this.#pending = undefined));
        return this.#pending;
    }
    async #login() {
        let data;
        try {
            data = await this.post('/access/ticket', { username: this.username, password: this.password });
        }
        catch (err) {
            if (err instanceof ProxmoxApiError && err.status === 401) {
                throw new ProxmoxAuthError(err, 'password', this.username, `login as ${this.username} with username and password failed (wrong password, or the user is unknown, disabled or expired)`);
            }
            throw err;
        }
        const answer = (data ?? {});
        if (answer.NeedTFA !== undefined && String(answer.NeedTFA) === '1') {
            throw new errors_ActionError(`${this.username} needs a second factor to log in; use an API token for automation`);
        }
        if (typeof answer.ticket !== 'string' || typeof answer.CSRFPreventionToken !== 'string') {
            throw new errors_ActionError(`the login answer for ${this.username} carried no ticket`);
        }
        if (typeof answer.username === 'string' && answer.username !== '')
            this.#identity = answer.username;
        this.#current = { ticket: answer.ticket, csrf: answer.CSRFPreventionToken, obtainedAt: this.now() };
        return this.#current;
    }
}

;// CONCATENATED MODULE: ./src/proxmox/encode.ts
/**
 * Request encoding the way PVE's JSON-schema engine expects it: booleans only as `1`/`0`,
 * lists as one comma-joined string, everything percent-encoded (PVE's form decoder cuts a
 * value at a literal `=` and splits pairs on `;`, so neither may go out raw).
 */
/** Encodes one value; integers only, since every numeric PVE access parameter is an integer. */
function encodeValue(name, value) {
    if (typeof value === 'boolean')
        return value ? '1' : '0';
    if (typeof value === 'number') {
        if (!Number.isSafeInteger(value))
            throw new RangeError(`parameter '${name}' must be an integer, got ${value}`);
        return String(value);
    }
    if (typeof value === 'string')
        return value;
    return value.join(',');
}
/** `application/x-www-form-urlencoded` (also used for query strings); `undefined` values are skipped. */
function encodeForm(params) {
    const pairs = [];
    for (const [name, value] of Object.entries(params)) {
        if (value === undefined)
            continue;
        pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(encodeValue(name, value))}`);
    }
    return pairs.join('&');
}
/**
 * Builds an API path from a template and its parameters, URL-encoding each one
 * (`pathOf('/access/users/{}/token/{}', 'a@pve', 'ci')`).
 */
function pathOf(template, ...segments) {
    let index = 0;
    const path = template.replace(/\{\}/g, () => {
        const segment = segments[index++];
        if (segment === undefined || segment === '')
            throw new RangeError(`missing path parameter ${index} for ${template}`);
        return encodeURIComponent(segment);
    });
    if (index !== segments.length)
        throw new RangeError(`too many path parameters for ${template}`);
    return path;
}

;// CONCATENATED MODULE: ./src/proxmox/response.ts
/**
 * Turns a PVE answer into its `data`, or into a ProxmoxApiError carrying PVE's own words.
 * PVE errors come in three shapes: `{data:null, message, errors?}` (8.3+), `{data:null, errors?}`
 * with the text only in the reason phrase (older servers), and no body at all (auth failures).
 */

/** The `data` of a 2xx answer; throws ProxmoxApiError for every other status. */
function unwrapAnswer(method, path, response) {
    const envelope = parseEnvelope(response.text);
    if (response.status >= 200 && response.status < 300) {
        if (envelope === undefined) {
            throw new ProxmoxApiError(method, path, response.status, 'the answer is not the JSON envelope PVE sends');
        }
        return envelope.data ?? null;
    }
    throw toApiError(method, path, response, envelope);
}
/** Maps an error answer; `message`'s first line is the reason, its other lines become `errors`. */
function toApiError(method, path, response, envelope = parseEnvelope(response.text)) {
    const message = typeof envelope?.message === 'string' ? envelope.message : '';
    const [firstLine = '', ...rest] = message.split('\n');
    const reason = firstLine.trim() || response.statusText.trim() || `HTTP ${response.status}`;
    const errors = stringRecord(envelope?.errors) ?? errorsFromLines(rest);
    return new ProxmoxApiError(method, path, response.status, reason, errors);
}
function parseEnvelope(text) {
    if (text.trim() === '')
        return undefined;
    try {
        const value = JSON.parse(text);
        return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
    }
    catch {
        return undefined;
    }
}
function stringRecord(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return undefined;
    const out = {};
    for (const [key, item] of Object.entries(value))
        out[key] = String(item).trim();
    return Object.keys(out).length > 0 ? out : undefined;
}
/**
 * A parameter error raised inside the user.cfg lock reaches us as plain text,
 * `"<label>: 400 Parameter verification failed.\n<param>: <msg>\n"`, without an `errors` object.
 */
function errorsFromLines(lines) {
    const out = {};
    for (const line of lines) {
        const match = /^([A-Za-z][\w.-]*): (.+)$/.exec(line.trim());
        if (match)
            out[match[1]] = match[2].trim();
    }
    return out;
}
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** The `data` of an endpoint that answers one object. */
function asWire(method, path, data) {
    if (isRecord(data))
        return data;
    throw new ProxmoxApiError(method, path, 200, `expected an object in the answer, got ${shapeOf(data)}`);
}
/** The `data` of an endpoint that answers a list of objects. */
function asWireList(method, path, data) {
    if (Array.isArray(data) && data.every(isRecord))
        return data;
    throw new ProxmoxApiError(method, path, 200, `expected a list of objects in the answer, got ${shapeOf(data)}`);
}
/** `{ "VM.Audit": 1 | "1" }` → numbers; anything else becomes an empty map. */
function asNumberMap(value) {
    if (!isRecord(value))
        return {};
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, Number(item) || 0]));
}
const shapeOf = (value) => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value);

;// CONCATENATED MODULE: ./src/proxmox/transport.ts



/** Sends single requests; retries and authentication live above it. */
class HttpTransport {
    options;
    #count = 0;
    /** Whether the server has answered anything yet: until it has, a refused connection is a wrong address, not a hiccup. */
    #answered = false;
    constructor(options) {
        this.options = options;
    }
    /** HTTP requests sent so far, retries and logins included. */
    get requestCount() {
        return this.#count;
    }
    async send(request) {
        const { origin, basePath, agent, timeouts, logger } = this.options;
        const query = request.query ? encodeForm(request.query) : '';
        const shownPath = query ? `${request.path}?${query}` : request.path;
        const hasBody = request.method === 'POST' || request.method === 'PUT';
        const started = performance.now();
        this.#count++;
        try {
            const response = await agent.request({
                origin,
                path: `${basePath}${shownPath}`,
                method: request.method,
                headers: {
                    accept: 'application/json',
                    ...(hasBody ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
                    ...request.headers,
                },
                ...(hasBody ? { body: encodeForm(request.form ?? {}) } : {}),
                headersTimeout: timeouts.headersMs,
                bodyTimeout: timeouts.bodyMs,
            });
            this.#answered = true;
            const text = await response.body.text();
            logger.debug(`${request.method} ${shownPath} → ${response.statusCode} (${transport_elapsed(started)} ms)`);
            return { status: response.statusCode, statusText: response.statusText ?? '', text };
        }
        catch (err) {
            logger.debug(`${request.method} ${shownPath} → no answer after ${transport_elapsed(started)} ms (${errorCode(err)})`);
            const unreachable = this.#answered ? undefined : networkFailure(err);
            if (unreachable)
                throw new ProxmoxUnreachableError(request.method, request.path, origin, describeNetworkFailure(unreachable), err);
            throw new TransportError(request.method, request.path, describeTransportFailure(err), { cause: err });
        }
    }
}
/**
 * The server could not be reached before it ever answered: a wrong address, port or network, so
 * repeating the request (or the other requests of the same read) would only repeat the failure.
 */
class ProxmoxUnreachableError extends TransportError {
    constructor(method, path, origin, reason, cause) {
        super(method, path, reason, { cause });
        this.message = `could not reach Proxmox at ${origin}: ${reason}; is proxmox-url right, and is its port open to this machine?`;
    }
}
const transport_elapsed = (started) => Math.round(performance.now() - started);
/** Whether a transport failure is worth another attempt (for idempotent requests only). */
const isTransientTransportError = (err) => isTransientNetworkError(err.cause);
function describeTransportFailure(err) {
    const code = errorCode(err);
    const message = err instanceof Error ? err.message : String(err);
    switch (code) {
        case 'UND_ERR_CONNECT_TIMEOUT':
            return 'connect timeout: the server did not accept the connection in time';
        case 'UND_ERR_HEADERS_TIMEOUT':
            return 'timeout waiting for the response headers';
        case 'UND_ERR_BODY_TIMEOUT':
            return 'timeout while reading the response body';
        case 'ERR_PROXMOX_CERT_PIN':
            return `TLS: ${message}`;
        default:
            if (/certificate|self[- ]signed|SSL|TLS|altname/i.test(`${code} ${message}`)) {
                return `TLS verification failed (${code}): ${withoutNodeHint(message)}; ${TLS_ADVICE}`;
            }
            return `${message} (${code})`;
    }
}
/** What the user can set to trust the server; the CLI words these input names as its own flags. */
const TLS_ADVICE = 'pin the certificate with `proxmox-fingerprint` (its SHA-256 fingerprint, shown in the Proxmox UI under Certificates) or trust its CA with `proxmox-ca-cert`';
/** Node appends advice about its own command line (`--use-system-ca`), which is no option of ours. */
const withoutNodeHint = (message) => message.replace(/;?\s*if the root CA is installed locally,[^;]*/i, '');

;// CONCATENATED MODULE: ./src/proxmox/retry.ts
/**
 * Retries with exponential backoff and jitter, decided per request by what a repeat could do:
 *
 * | policy       | used for                          | retried on                                          |
 * |--------------|-----------------------------------|-----------------------------------------------------|
 * | `idempotent` | GET, PUT, DELETE, login           | transient network errors, 502/503/504, cfs lock and cluster hiccups |
 * | `lock-only`  | POST (creates)                    | `cfs-lock … got lock request timeout` only: the lock was never taken, so nothing was written |
 * | `never`      | token create, token regenerate    | nothing: the secret exists only in that one answer; the caller checks and recovers |
 *
 * A server that has not answered a single request yet and refuses the connection (or whose name
 * does not resolve) is not retried under any policy: the address is wrong or the network is in
 * the way, and a run would otherwise print a retry line per parallel read before saying so.
 */


const DEFAULT_RETRY = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };
/** Whether `err` may be retried under `policy`. */
function shouldRetry(policy, err) {
    if (policy === 'never')
        return false;
    if (err instanceof ProxmoxApiError)
        return policy === 'idempotent' ? err.retryable : err.lockTimeout;
    if (err instanceof ProxmoxUnreachableError)
        return false;
    if (err instanceof TransportError)
        return policy === 'idempotent' && isTransientTransportError(err);
    return false;
}
/** "Equal jitter": half the exponential step is fixed, half random, so parallel callers spread out. */
function backoffDelay(retry, options, random) {
    const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
    return Math.round(step / 2 + (step / 2) * random());
}
/** Runs `attempt` until it succeeds, fails for good, or runs out of attempts. */
async function withRetries(label, policy, context, attempt) {
    for (let n = 1;; n++) {
        try {
            return await attempt();
        }
        catch (err) {
            if (n >= context.options.attempts || !shouldRetry(policy, err))
                throw err;
            const delay = backoffDelay(n - 1, context.options, context.random);
            context.logger.info(`${label} failed (${retry_describe(err)}); retrying in ${delay} ms (attempt ${n + 1} of ${context.options.attempts})`);
            await context.sleep(delay);
        }
    }
}
const retry_describe = (err) => err instanceof ProxmoxApiError ? `${err.status} ${err.reason}` : err instanceof Error ? err.message : String(err);

;// CONCATENATED MODULE: ./src/proxmox/client.ts








/**
 * Builds a client. With username and password it logs in right away, so wrong credentials
 * fail here rather than in the middle of a run; with a token it sends nothing yet.
 */
async function createProxmoxClient(options) {
    const { origin, basePath } = parseBaseUrl(options.url);
    const timeouts = resolveTimeouts(options.timeouts);
    const logger = options.logger ?? nullLogger;
    const agent = options.pool ?? (await createConnectionPool(options, timeouts));
    const owned = options.pool === undefined ? agent : undefined;
    const transport = new HttpTransport({ origin, basePath, agent, timeouts, logger });
    const retry = {
        options: { ...DEFAULT_RETRY, ...definedOnly(options.retry) },
        sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
        random: options.random ?? Math.random,
        logger,
    };
    const post = (path, form) => withRetries(`POST ${path}`, 'idempotent', retry, async () => unwrapAnswer('POST', path, await transport.send({ method: 'POST', path, form, headers: {} })));
    const auth = 'tokenId' in options.auth
        ? tokenAuthenticator(options.auth.tokenId, options.auth.secret)
        : new TicketAuthenticator(options.auth.username, options.auth.password, post, options.now, options.ticketRenewAfterMs);
    const client = new PveClient(transport, auth, retry, owned, options.onSecret ?? (() => { }));
    try {
        if (auth instanceof TicketAuthenticator)
            await auth.login();
    }
    catch (err) {
        await owned?.close();
        throw err;
    }
    return client;
}
function parseBaseUrl(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        throw new errors_ActionError(`the Proxmox URL '${url}' is not a URL; expected https://host:8006`);
    }
    // Credentials must never travel in clear text.
    if (parsed.protocol !== 'https:') {
        throw new errors_ActionError(`proxmox-url must start with https:// (the PVE API listens on HTTPS only), got ${shownUrl(parsed)}`);
    }
    const prefix = parsed.pathname.replace(/\/+$/, '');
    return { origin: parsed.origin, basePath: prefix.endsWith('/api2/json') ? prefix : `${prefix}/api2/json` };
}
/** The URL as parsed, without any `user:password@` and without the line breaks the parser drops. */
const shownUrl = (url) => `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
const definedOnly = (value) => Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined));
/** Retries follow the method unless an endpoint says otherwise (creates, secrets). */
const defaultPolicy = (method) => (method === 'POST' ? 'lock-only' : 'idempotent');
class PveClient {
    transport;
    auth;
    retry;
    agent;
    onSecret;
    constructor(transport, auth, retry, 
    /** Undefined when the pool is shared: its owner closes it. */
    agent, onSecret) {
        this.transport = transport;
        this.auth = auth;
        this.retry = retry;
        this.agent = agent;
        this.onSecret = onSecret;
    }
    get identity() {
        return this.auth.identity;
    }
    get requestCount() {
        return this.transport.requestCount;
    }
    async close() {
        await this.agent?.close();
    }
    /** One API call: authenticate, send, re-authenticate once on 401, retry as the policy allows. */
    call(method, path, params = {}, policy = defaultPolicy(method)) {
        const carrier = method === 'GET' || method === 'DELETE' ? { query: params } : { form: params };
        return withRetries(`${method} ${path}`, policy, this.retry, async () => {
            let prepared = await this.auth.prepare(method);
            let response = await this.transport.send({ method, path, ...carrier, headers: prepared.headers });
            // A 401 is decided before any handler runs, so sending again cannot repeat a write.
            if (response.status === 401 && (await this.auth.recover(prepared.session))) {
                prepared = await this.auth.prepare(method);
                response = await this.transport.send({ method, path, ...carrier, headers: prepared.headers });
            }
            if (response.status === 401)
                throw this.auth.rejected(toApiError(method, path, response));
            return unwrapAnswer(method, path, response);
        });
    }
    async get(path, query) {
        return asWire('GET', path, await this.call('GET', path, query));
    }
    async list(path, query) {
        return asWireList('GET', path, await this.call('GET', path, query));
    }
    async write(method, path, params) {
        await this.call(method, path, params);
    }
    getVersion = () => this.get('/version');
    listRoles = () => this.list('/access/roles');
    listUsersFull = () => this.list('/access/users', { full: true });
    listGroups = () => this.list('/access/groups');
    listAcl = () => this.list('/access/acl');
    getRole = (roleid) => this.get(pathOf('/access/roles/{}', roleid));
    getUser = (userid) => this.get(pathOf('/access/users/{}', userid));
    getGroup = (groupid) => this.get(pathOf('/access/groups/{}', groupid));
    listTokens = (userid) => this.list(pathOf('/access/users/{}/token', userid));
    getToken = (userid, tokenid) => this.get(pathOf('/access/users/{}/token/{}', userid, tokenid));
    createRole = (roleid, privileges) => this.write('POST', '/access/roles', { roleid, privs: privileges });
    updateRole = (roleid, privileges) => this.write('PUT', pathOf('/access/roles/{}', roleid), { privs: privileges });
    deleteRole = (roleid) => this.write('DELETE', pathOf('/access/roles/{}', roleid));
    createGroup = (groupid, comment) => this.write('POST', '/access/groups', { groupid, comment: comment === '' ? undefined : comment });
    updateGroup = (groupid, comment) => this.write('PUT', pathOf('/access/groups/{}', groupid), { comment });
    deleteGroup = (groupid) => this.write('DELETE', pathOf('/access/groups/{}', groupid));
    createUser = (userid, fields) => this.write('POST', '/access/users', { userid, ...userParams(fields) });
    updateUser = (userid, fields) => this.write('PUT', pathOf('/access/users/{}', userid), userParams(fields));
    deleteUser = (userid) => this.write('DELETE', pathOf('/access/users/{}', userid));
    createToken = async (userid, tokenid, fields) => {
        const path = pathOf('/access/users/{}/token/{}', userid, tokenid);
        return this.secretOf('POST', path, userid, tokenid, await this.call('POST', path, tokenParams(fields), 'never'));
    };
    updateToken = (userid, tokenid, fields) => this.write('PUT', pathOf('/access/users/{}/token/{}', userid, tokenid), tokenParams(fields));
    regenerateToken = async (userid, tokenid, fields = {}) => {
        const path = pathOf('/access/users/{}/token/{}', userid, tokenid);
        const params = { ...tokenParams(fields), regenerate: true };
        return this.secretOf('PUT', path, userid, tokenid, await this.call('PUT', path, params, 'never'));
    };
    deleteToken = (userid, tokenid) => this.write('DELETE', pathOf('/access/users/{}/token/{}', userid, tokenid));
    updateAcl = (write) => this.write('PUT', '/access/acl', {
        path: write.path,
        roles: write.roles,
        users: nonEmpty(write.users),
        groups: nonEmpty(write.groups),
        tokens: nonEmpty(write.tokens),
        propagate: write.propagate,
        delete: write.delete === true ? true : undefined,
    });
    listPools = () => this.list('/pools');
    getPool = async (poolid) => asWire('GET', '/pools', (await this.list('/pools', { poolid }))[0] ?? null);
    createPool = (poolid, comment) => this.write('POST', '/pools', { poolid, comment: comment === '' ? undefined : comment });
    // Adding a member twice fails ("already a pool member"), so a member change is retried only when the lock was never taken.
    updatePool = async (poolid, write) => {
        await this.call('PUT', '/pools', poolParams(poolid, write), write.vms || write.storage ? 'lock-only' : 'idempotent');
    };
    deletePool = (poolid) => this.write('DELETE', '/pools', { poolid });
    listRealms = () => this.list('/access/domains');
    getRealm = (realm) => this.get(pathOf('/access/domains/{}', realm));
    createRealm = (params) => this.write('POST', '/access/domains', params);
    updateRealm = (realm, params) => this.write('PUT', pathOf('/access/domains/{}', realm), params);
    deleteRealm = (realm) => this.write('DELETE', pathOf('/access/domains/{}', realm));
    syncRealm = async (realm) => String(await this.call('POST', pathOf('/access/domains/{}/sync', realm), {}, 'never'));
    getPermissions = async (userid, path) => {
        const data = await this.get('/access/permissions', { userid, path });
        return Object.fromEntries(Object.entries(data).map(([p, privs]) => [p, asNumberMap(privs)]));
    };
    /** Pulls the one-time secret out of a create or regenerate answer and hands it to `onSecret` first. */
    secretOf(method, path, userid, tokenid, data) {
        const answer = (data ?? {});
        if (typeof answer.value !== 'string' || answer.value === '') {
            throw new errors_ActionError(`${method} ${path}: the answer carried no token secret`);
        }
        this.onSecret(answer.value);
        const fullTokenId = typeof answer['full-tokenid'] === 'string' ? answer['full-tokenid'] : `${userid}!${tokenid}`;
        return { fullTokenId, value: answer.value };
    }
}
const nonEmpty = (list) => (list && list.length > 0 ? list : undefined);
function userParams(fields) {
    const { enable, expire, comment, email, firstname, lastname, groups } = fields;
    return { enable, expire, comment, email, firstname, lastname, groups };
}
function poolParams(poolid, write) {
    return {
        poolid,
        comment: write.comment,
        vms: write.vms?.map(String),
        storage: write.storage,
        delete: write.delete === true ? true : undefined,
        'allow-move': write.allowMove === true ? true : undefined,
    };
}
function tokenParams(fields) {
    const { privsep, expire, comment } = fields;
    return { privsep, expire, comment };
}

;// CONCATENATED MODULE: ./src/render/summary-line.ts
/**
 * The one-line summary (the `summary` output and the last line of every plan). Implied changes
 * are PVE cascades of other changes, never executed, so they are not counted.
 */


/** `2 to create, 1 to update, 0 to delete`, plus `, 1 to rotate` only when there are rotations. */
function summary_line_summaryLine(plan) {
    const counts = countChanges(plan.changes);
    const line = `${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete`;
    return counts.rotate > 0 ? `${line}, ${counts.rotate} to rotate` : line;
}

;// CONCATENATED MODULE: ./src/render/json.ts
/**
 * The `plan` output: a plain, JSON-safe object with a fixed shape (absent values are `null`, not
 * missing keys), built field by field so nothing the model grows later leaks into it. Plans hold
 * no secrets; delivery targets appear as names only.
 */



/** Any value as JSON would keep it, except that `undefined` and non-finite numbers become null. */
function toJsonValue(value) {
    if (value === null || value === undefined)
        return null;
    if (typeof value === 'string' || typeof value === 'boolean')
        return value;
    if (typeof value === 'number')
        return Number.isFinite(value) ? value : null;
    if (typeof value === 'bigint')
        return value.toString();
    if (Array.isArray(value))
        return value.map(toJsonValue);
    if (typeof value === 'object') {
        const out = {};
        for (const [key, item] of Object.entries(value))
            out[key] = toJsonValue(item);
        return out;
    }
    return null;
}
function changeToJson(change) {
    const base = {
        address: change.address,
        kind: change.kind,
        action: change.action,
        fields: change.fields.map((f) => ({ field: f.field, before: toJsonValue(f.before), after: toJsonValue(f.after) })),
        reason: change.reason ?? null,
        implied: change.implied === true,
    };
    if (change.kind !== 'token')
        return base;
    return {
        ...base,
        deliver: change.deliver.map(describeDeliverTarget),
        rotation: change.rotation ?? null,
        ...(change.generation !== undefined && { generation: change.generation.fullid }),
    };
}
const findingToJson = (finding) => ({
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
    address: finding.address ?? null,
    position: finding.position !== undefined ? { file: finding.position.file, line: finding.position.line, column: finding.position.column } : null,
});
const privilegesToJson = (p) => ({
    principal: p.principal,
    type: p.type,
    paths: p.paths.map((path) => ({ path: path.path, before: { ...path.before }, after: { ...path.after } })),
});
/** The plan as the `plan` output and the CLI's `--json` print it. */
function planToJson(plan) {
    return {
        version: 1,
        digest: plan.digest,
        server: {
            version: plan.server.version,
            release: plan.server.release,
            major: plan.server.major,
            minor: plan.server.minor,
        },
        summary: summary_line_summaryLine(plan),
        hasChanges: hasChanges(plan),
        hasErrors: hasErrors(plan),
        counts: countChanges(plan.changes),
        changes: plan.changes.map(changeToJson),
        findings: plan.findings.map(findingToJson),
        privileges: plan.privileges.map(privilegesToJson),
    };
}

;// CONCATENATED MODULE: ./src/model/markers.ts
/**
 * Hidden HTML-comment markers that let later runs find what earlier runs wrote: the plan comment
 * on a pull request (and the digest reviewers approved) and the drift issue of a spec file.
 * The formats are part of the public contract; users' tooling may grep for them.
 */
/** The label every drift issue carries; the list endpoint filters on it. */
const DRIFT_LABEL = 'proxmox-drift';
const DIGEST = /^[0-9a-f]{64}$/;
const PLAN = /<!-- proxmox-access:plan spec=(\S+) digest=([0-9a-f]{64}) -->/;
const DRIFT = /<!-- proxmox-access:drift spec=(\S+) -->/;
const FINGERPRINT_CHARS = '[A-Za-z0-9._:+/=-]+';
const DRIFT_FINGERPRINT = new RegExp(`<!-- proxmox-access:drift-fingerprint (${FINGERPRINT_CHARS}) -->`);
/** `<!-- proxmox-access:plan spec=<path> digest=<sha256> -->` */
function planMarker(specPath, digest) {
    if (!DIGEST.test(digest))
        throw new Error(`plan digest must be 64 lower-case hex digits, got '${digest}'`);
    return `<!-- proxmox-access:plan spec=${markers_encodePath(specPath)} digest=${digest} -->`;
}
/** The first plan marker in a comment body, if any. */
function parsePlanMarker(body) {
    const match = PLAN.exec(body);
    const spec = match ? decodePath(match[1]) : undefined;
    return match && spec !== undefined ? { spec, digest: match[2] } : undefined;
}
/** `<!-- proxmox-access:drift spec=<path> -->` */
function driftMarker(specPath) {
    return `<!-- proxmox-access:drift spec=${markers_encodePath(specPath)} -->`;
}
/** The spec path of the first drift marker in an issue body, if any. */
function parseDriftMarker(body) {
    const match = DRIFT.exec(body);
    return match ? decodePath(match[1]) : undefined;
}
/** Records in the issue body which drift the issue last reported, so an unchanged drift adds no comment. */
function driftFingerprintMarker(fingerprint) {
    if (!new RegExp(`^${FINGERPRINT_CHARS}$`).test(fingerprint)) {
        throw new Error(`drift fingerprint has characters a marker cannot hold: '${fingerprint}'`);
    }
    return `<!-- proxmox-access:drift-fingerprint ${fingerprint} -->`;
}
function parseDriftFingerprint(body) {
    return DRIFT_FINGERPRINT.exec(body)?.[1];
}
// Paths are written as they are, except the few characters that would end the marker's field or the
// HTML comment: `%`, whitespace, `<` and `>` are percent-encoded. Ordinary paths stay readable.
const markers_encodePath = (path) => path.replace(/[%\s<>]/g, (ch) => encodeURIComponent(ch));
function decodePath(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return undefined;
    }
}
/** GitHub refuses comment and issue bodies longer than this (422); every limit of that kind reads it here. */
const markers_COMMENT_LIMIT = 65_536;

;// CONCATENATED MODULE: ./src/render/fit.ts
/**
 * Graceful degradation under GitHub's body limit (65,536 characters for comments and issues).
 * A renderer describes itself at four levels of detail; the first that fits wins:
 *
 * | level | keeps                                                   |
 * |-------|---------------------------------------------------------|
 * | 1     | everything                                              |
 * | 2     | drops field-level detail                                |
 * | 3     | also drops privilege diffs                              |
 * | 4     | counts, risks, and addresses up to the budget, "…and N more" |
 *
 * Lengths are UTF-16 code units (`string.length`), never fewer than the characters GitHub counts.
 */



/** Room for the hidden marker line the caller prepends after rendering. */
const MARKER_MARGIN = 512;
/** The closing note of every shortened body. */
function degradedNote(runUrl) {
    const where = link('the job summary of this run', runUrl);
    return `> [!NOTE]\n> Shortened to fit GitHub's ${COMMENT_LIMIT.toLocaleString('en-US')}-character limit. Full plan in the job summary: ${where}.`;
}
const targetFor = (limit) => (limit > 2 * MARKER_MARGIN ? limit - MARKER_MARGIN : Math.max(0, Math.floor(limit / 2)));
/** Cuts at a line end, never inside a surrogate pair, and closes `<details>` left open. */
function truncateMarkdown(text, budget) {
    if (text.length <= budget)
        return text;
    const cutMark = '\n\n…(cut)';
    let end = Math.max(0, budget - cutMark.length - 64);
    const lineEnd = text.lastIndexOf('\n', end);
    if (lineEnd > 0)
        end = lineEnd;
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff)
        end -= 1;
    const kept = text.slice(0, end);
    const open = (kept.match(/<details[\s>]/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
    const closing = '\n\n</details>'.repeat(Math.max(0, open));
    return `${kept}${cutMark}${closing}`.slice(0, budget);
}
/**
 * The most detailed rendering whose length is at most `limit - MARKER_MARGIN`; any degraded one
 * ends with the note that the full plan is in the job summary (linked when `runUrl` is given).
 */
function fit_fitMarkdown(render, limit = COMMENT_LIMIT, runUrl) {
    const target = targetFor(limit);
    const full = render(1, target);
    if (full.length <= target)
        return full;
    const note = degradedNote(runUrl);
    const budget = Math.max(0, target - note.length - 2);
    for (const level of [2, 3, 4]) {
        const body = render(level, budget);
        if (body.length <= budget)
            return `${body}\n\n${note}`;
    }
    return `${truncateMarkdown(render(4, budget), budget)}\n\n${note}`;
}
/**
 * As many whole lines as fit in `budget` characters (joined by newlines), then a line from
 * `more(n)` for the n left out, which the budget also covers.
 */
function fit_linesWithin(lines, budget, more) {
    const kept = [];
    let used = 0;
    for (const [index, line] of lines.entries()) {
        const left = lines.length - index - 1;
        const reserve = left > 0 ? more(left).length + 1 : 0;
        if (used + line.length + 1 + reserve > budget) {
            kept.push(more(lines.length - index));
            return kept;
        }
        kept.push(line);
        used += line.length + 1;
    }
    return kept;
}

;// CONCATENATED MODULE: ./src/render/markdown-labels.ts
/** The order of execution, so a reviewer reads the plan as apply runs it. */
const KIND_ORDER = (/* unused pure expression or super */ null && (['realm', 'role', 'group', 'user', 'token', 'pool', 'acl']));
const KIND_LABEL = {
    realm: 'Realms',
    role: 'Roles',
    group: 'Groups',
    user: 'Users',
    token: 'API tokens',
    pool: 'Pools',
    acl: 'ACL entries',
};
const markdown_labels_ACTION_BADGE = {
    create: '➕ create',
    update: '✏️ update',
    delete: '🗑️ delete',
    rotate: '🔄 rotate',
};
const markdown_labels_SEVERITY_BADGE = {
    error: '⛔ **error**',
    warning: '⚠️ **warning**',
    notice: 'ℹ️ notice',
};
const ACTIONS = (/* unused pure expression or super */ null && (['create', 'update', 'delete', 'rotate']));
/** The ownership rules of the spec, as the plan states them. */
const OWNERSHIP_RULES = (/* unused pure expression or super */ null && ([
    'A declared role, group or user is owned whole: its fields are exactly the spec’s.',
    'A declared user with `tokens:` owns exactly those tokens; without `tokens:` its tokens are left alone.',
    'An ACL entry whose subject is a declared user, group or token is owned: undeclared ones go.',
    'Anything else is deleted only when it matches a `prune` pattern. Never `root@pam`, never a built-in role, never the identity the action authenticates with.',
]));
const ownershipNote = () => ['<details><summary>Ownership rules</summary>', '', ...OWNERSHIP_RULES.map((rule) => `- ${rule}`), '', '</details>'].join('\n');

;// CONCATENATED MODULE: ./src/render/repair-section.ts



const REPAIR_TITLE = 'Repair on apply, not part of the reviewed digest';
const REPAIR_NOTE = (/* unused pure expression or super */ null && ('Apply does these on its own: they restore a missing GitHub secret (seen through `secrets-token`) or were asked for by the ' +
    '`rotate` input, and change nothing the spec declares. A plan job without those inputs does not see them, so the digest leaves them out.'));
/** The plan's repair rotations with their reasons; '' when there are none. */
function repairSection(plan) {
    const repairs = repairChanges(plan);
    if (repairs.length === 0)
        return '';
    const rows = repairs.map((c) => tableRow([ACTION_BADGE[c.action], code(c.address), `_${escapeText(c.reason ?? '')}_`]));
    return [`#### ${REPAIR_TITLE}`, '', tableHead(['action', 'object', 'why']), ...rows, '', `<sub>${REPAIR_NOTE}</sub>`].join('\n');
}
/** What became of each repair rotation in an apply; '' when the plan had none. */
function repair_section_repairResultSection(report, plan) {
    const repairs = repairChanges(plan);
    if (repairs.length === 0)
        return '';
    const rows = repairs.map((c) => {
        const status = report.operations.find((op) => op.address === c.address)?.status ?? 'not reached';
        return tableRow([escapeText(status), code(c.address), `_${escapeText(c.reason ?? '')}_`]);
    });
    return [`#### Repair, not part of the reviewed digest`, '', tableHead(['status', 'object', 'why']), ...rows].join('\n');
}
/** One line for the log: which rotations were repair. */
function repairText(plan) {
    const repairs = repairChanges(plan);
    return repairs.length === 0 ? '' : `Repair on apply (not part of the reviewed digest): ${repairs.map((c) => c.address).join(', ')}\n`;
}

;// CONCATENATED MODULE: ./src/render/values.ts
/**
 * Plain-text forms of field values, shared by every renderer (which escape them for their own
 * medium). Epochs become dates and second counts become durations, as the spec writes them.
 */
const EPOCH_FIELDS = new Set(['expire']);
const DURATION_FIELDS = new Set(['lifetime', 'rotateBefore', 'rotate-before', 'overlap']);
const UNITS = [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
];
/** `90d`, `1d 12h`, `45s`: the units the spec accepts, largest first. */
function values_formatDuration(seconds) {
    if (!Number.isFinite(seconds) || seconds <= 0)
        return `${seconds}s`;
    const parts = [];
    let rest = Math.round(seconds);
    for (const [unit, size] of UNITS) {
        const n = Math.floor(rest / size);
        if (n > 0)
            parts.push(`${n}${unit}`);
        rest -= n * size;
    }
    return parts.join(' ');
}
/** PVE's expire epoch: 0 means never; a UTC midnight prints as a date, anything else with time. */
function values_formatEpoch(epoch) {
    if (epoch === 0)
        return 'never';
    if (!Number.isFinite(epoch))
        return String(epoch);
    const iso = new Date(epoch * 1000).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
/** One value as a reviewer reads it: strings quoted (so `""` shows), lists comma-separated. */
function formatValue(field, value) {
    if (value === undefined || value === null)
        return '(none)';
    if (typeof value === 'number') {
        if (EPOCH_FIELDS.has(field))
            return values_formatEpoch(value);
        if (DURATION_FIELDS.has(field))
            return values_formatDuration(value);
        return String(value);
    }
    if (typeof value === 'string')
        return JSON.stringify(value);
    if (typeof value === 'boolean' || typeof value === 'bigint')
        return String(value);
    if (Array.isArray(value)) {
        if (value.length === 0)
            return '(none)';
        return value.map((item) => (typeof item === 'string' ? item : formatValue(field, item))).join(', ');
    }
    return JSON.stringify(value) ?? String(value);
}
const isStringList = (value) => Array.isArray(value) && value.every((item) => typeof item === 'string');
/** For list fields (privileges, groups) the difference says more than two long lists. */
function listDelta(before, after) {
    if (!isStringList(before) || !isStringList(after))
        return undefined;
    const was = new Set(before);
    const now = new Set(after);
    return {
        added: after.filter((item) => !was.has(item)),
        removed: before.filter((item) => !now.has(item)),
    };
}
/** `before → after`, or `+a, -b` for lists. */
function formatFieldChange(field, before, after) {
    const delta = listDelta(before, after);
    if (delta !== undefined && (delta.added.length > 0 || delta.removed.length > 0)) {
        return [...delta.added.map((p) => `+${p}`), ...delta.removed.map((p) => `-${p}`)].join(', ');
    }
    if (before === undefined)
        return formatValue(field, after);
    return `${formatValue(field, before)} → ${formatValue(field, after)}`;
}

;// CONCATENATED MODULE: ./src/render/pool-details.ts

/** `vm 101 moves from pool dev to prod` */
const describeMove = (vmid, from, to) => `vm ${vmid} moves from pool ${from} to ${to}`;
function poolExtras(change) {
    const extras = [];
    if (change.action === 'create' && change.comment !== '')
        extras.push({ label: 'comment', text: formatValue('comment', change.comment) });
    for (const move of change.moves)
        extras.push({ label: 'move', text: describeMove(move.vmid, move.from, change.poolid) });
    return extras;
}

;// CONCATENATED MODULE: ./src/render/realm-details.ts
/** The detail lines a realm change adds to its fields: when its secret is set and whether a sync follows. */

function realmExtras(change) {
    const extras = [];
    const secret = REALM_SECRET_LABEL[change.type];
    if (change.secret === true && secret !== undefined) {
        extras.push({ label: 'secret', text: `${secret} set from the realm-secrets input, if it names ${change.realm}` });
    }
    if (change.sync === true)
        extras.push({ label: 'then', text: 'a realm sync starts after the write; its task id is logged' });
    else if (change.syncRequested === true)
        extras.push({ label: 'then', text: 'a realm sync starts, as the sync-realms input asks; its task id is logged' });
    return extras;
}

;// CONCATENATED MODULE: ./src/render/change-details.ts




/** `PVEVMAdmin to group ops on /vms (propagates)` */
function describeAclEntry(change) {
    const { entry } = change;
    const propagation = entry.propagate ? 'propagates' : 'this path only';
    return `${entry.roleid} to ${entry.type} ${entry.ugid} on ${entry.path} (${propagation})`;
}
const ROTATION_TEXT = {
    regenerate: 'regenerate the secret (keeps the token and its ACLs)',
    recreate: 'delete, create and re-grant its ACLs (PVE before 9.1 cannot regenerate)',
    overlap: 'overlap: a new token beside this one gets its ACLs and the secret; this one then expires after the overlap',
};
function tokenExtras(change) {
    if (change.action !== 'create' && change.action !== 'rotate')
        return [];
    const extras = [];
    if (change.rotation !== undefined)
        extras.push({ label: 'rotation', text: ROTATION_TEXT[change.rotation] });
    if (change.generation !== undefined) {
        extras.push({ label: 'new token', text: change.generation.fullid });
        extras.push({ label: 'overlap', text: values_formatDuration(change.generation.overlap) });
    }
    if (change.action === 'create')
        extras.push({ label: 'privsep', text: String(change.privsep) });
    if (change.lifetime !== undefined)
        extras.push({ label: 'lifetime', text: values_formatDuration(change.lifetime) });
    if (change.deliver.length > 0) {
        extras.push({ label: 'deliver', text: change.deliver.map(describeDeliverTarget).join(', ') });
    }
    if (change.format !== 'full')
        extras.push({ label: 'format', text: change.format });
    return extras;
}
function userExtras(change) {
    if (change.action !== 'create')
        return [];
    return Object.entries(change.set)
        .filter(([, value]) => value !== '' && !(Array.isArray(value) && value.length === 0))
        .map(([field, value]) => ({ label: field, text: formatValue(field, value) }));
}
function extras(change) {
    switch (change.kind) {
        case 'role':
            return change.action === 'create' ? [{ label: 'privileges', text: formatValue('privileges', change.privileges) }] : [];
        case 'realm':
            return realmExtras(change);
        case 'group':
            return change.action === 'create' && change.comment !== ''
                ? [{ label: 'comment', text: formatValue('comment', change.comment) }]
                : [];
        case 'user':
            return userExtras(change);
        case 'token':
            return tokenExtras(change);
        case 'acl':
            return [{ label: change.action === 'delete' ? 'revoke' : 'grant', text: describeAclEntry(change) }];
        case 'pool':
            return poolExtras(change);
    }
}
/** Every detail line of a change, field changes first, no label twice. */
function changeDetails(change) {
    const fromFields = change.fields.map((f) => ({ label: f.field, text: formatFieldChange(f.field, f.before, f.after) }));
    const seen = new Set(fromFields.map((d) => d.label));
    return [...fromFields, ...extras(change).filter((d) => !seen.has(d.label))];
}

;// CONCATENATED MODULE: ./src/render/findings.ts
/**
 * Findings in the order a reviewer must read them (errors, then warnings, then notices), and
 * as Markdown list items for the plan comment and the validate summary.
 */


const SEVERITY_RANK = { error: 0, warning: 1, notice: 2 };
/** Stable: findings of one severity keep the planner's order. */
function sortFindings(findings) {
    return findings
        .map((finding, index) => ({ finding, index }))
        .sort((a, b) => SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.index - b.index)
        .map(({ finding }) => finding);
}
/** `proxmox-access.yml:12:5`, as editors and annotations read it. */
function formatPosition(position) {
    return `${position.file}:${position.line}:${position.column}`;
}
/** Where a finding points, for the end of its line: position and/or address. */
function findingLocation(finding) {
    const parts = [finding.position !== undefined ? formatPosition(finding.position) : undefined, finding.address].filter((part) => part !== undefined);
    return parts.length > 0 ? parts.join(', ') : undefined;
}
/** `- ⚠️ **warning** `code`: message (`file:3:5, user:a@pve`)` */
function findingLine(finding) {
    const where = findingLocation(finding);
    const location = where !== undefined ? ` (${code(where)})` : '';
    return `- ${SEVERITY_BADGE[finding.severity]} ${code(finding.code)}: ${escapeText(finding.message)}${location}`;
}
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** The job summary of an offline validation; `notice` explains why there is no live plan (a fork PR). */
function renderFindingsMarkdown(specPath, findings, notice) {
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    const status = errors > 0 ? `⛔ ${plural(errors, 'error')}` : warnings > 0 ? `⚠️ valid, ${plural(warnings, 'warning')}` : '✅ valid';
    const parts = [`### Proxmox access spec ${code(specPath)}: ${status}`];
    if (notice !== undefined && notice !== '')
        parts.push(`> [!NOTE]\n> ${escapeText(notice)}`);
    parts.push(findings.length > 0 ? sortFindings(findings).map(findingLine).join('\n') : 'No errors or warnings.');
    return parts.join('\n\n');
}

;// CONCATENATED MODULE: ./src/render/privilege-delta.ts
/** Privileges that let a holder widen its own or others' access: worth a second look in review. */

const grants = (map, keep) => Object.entries(map)
    .filter(([name, propagate]) => keep(name, propagate))
    .map(([name, propagate]) => ({ name, propagate }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
function privilegeDelta(path) {
    const { before, after } = path;
    return {
        added: grants(after, (name) => !Object.hasOwn(before, name)),
        removed: grants(before, (name) => !Object.hasOwn(after, name)),
        repropagated: grants(after, (name, propagate) => Object.hasOwn(before, name) && before[name] !== propagate),
    };
}
/** `VM.Audit`, or `VM.Audit (this path only)` when it does not propagate. */
function formatGrant(grant) {
    return grant.propagate ? grant.name : `${grant.name} (this path only)`;
}

;// CONCATENATED MODULE: ./src/render/text.ts
/**
 * The plan for a terminal (the CLI and the action log), read like Terraform's: findings first,
 * then one line per change with its field changes under it, privilege changes per principal,
 * and the summary line last.
 */






const REVIEWED_REPAIR = 'repair on apply, not part of the reviewed digest';
const ANSI = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', cyan: '36' };
const ACTION_SYMBOL = {
    create: '+',
    update: '~',
    delete: '-',
    rotate: '↻',
};
const ACTION_STYLE = {
    create: 'green',
    update: 'yellow',
    delete: 'red',
    rotate: 'cyan',
};
const SEVERITY_STYLE = { error: 'red', warning: 'yellow', notice: 'cyan' };
const SEVERITY_SYMBOL = { error: '✖', warning: '⚠', notice: 'ℹ' };
function text_findingLine(finding, paint) {
    const label = paint(SEVERITY_STYLE[finding.severity], `${SEVERITY_SYMBOL[finding.severity]} ${finding.severity}`);
    const where = findingLocation(finding);
    return `  ${label} [${finding.code}] ${log_line_oneLine(finding.message)}${where !== undefined ? paint('dim', ` (${log_line_oneLine(where)})`) : ''}`;
}
function changeLines(change, paint, repairLabel) {
    const symbol = ACTION_SYMBOL[change.action];
    if (change.implied) {
        const why = change.reason !== undefined ? `: ${log_line_oneLine(change.reason)}` : '';
        return [paint('dim', `  ${symbol} ${log_line_oneLine(change.address)}  (implied, PVE does this by itself${why})`)];
    }
    const repair = change.kind === 'token' && change.repair ? `${repairLabel}: ` : '';
    const reason = change.reason !== undefined ? paint('dim', `  (${repair}${log_line_oneLine(change.reason)})`) : '';
    const head = `  ${paint(ACTION_STYLE[change.action], symbol)} ${paint('bold', log_line_oneLine(change.address))}${reason}`;
    return [head, ...changeDetails(change).map((d) => `      ${d.label}: ${log_line_oneLine(d.text)}`)];
}
function privilegeLines(principal, paint) {
    const lines = [`  ${paint('bold', log_line_oneLine(principal.principal))} (${principal.type})`];
    for (const path of principal.paths) {
        const delta = privilegeDelta(path);
        const parts = [
            ...delta.added.map((g) => paint('green', `+${log_line_oneLine(formatGrant(g))}`)),
            ...delta.removed.map((g) => paint('red', `-${log_line_oneLine(formatGrant(g))}`)),
            ...delta.repropagated.map((g) => paint('yellow', `~${log_line_oneLine(g.name)} (${g.propagate ? 'now propagates' : 'now this path only'})`)),
        ];
        lines.push(`    ${log_line_oneLine(path.path)}  ${parts.join(' ')}`);
    }
    return lines;
}
function legend(plan) {
    const used = Object.keys(ACTION_SYMBOL).filter((action) => plan.changes.some((c) => c.action === action));
    return `  Symbols: ${used.map((action) => `${ACTION_SYMBOL[action]} ${action}`).join(', ')}`;
}
/** The whole plan as terminal text; `color` adds ANSI escapes. */
function renderPlanText(plan, options = {}) {
    const paint = options.color === true ? (style, text) => `\u001b[${ANSI[style]}m${text}\u001b[0m` : (_style, text) => text;
    const lines = [`Proxmox VE ${log_line_oneLine(plan.server.version)} · plan ${plan.digest.slice(0, 12)}`];
    if (plan.actingIdentity !== undefined)
        lines.push(`Acting as ${log_line_oneLine(plan.actingIdentity)}`);
    const findings = sortFindings(plan.findings);
    if (findings.length > 0)
        lines.push('', paint('bold', 'Errors and warnings:'), ...findings.map((f) => text_findingLine(f, paint)));
    if (!hasChanges(plan)) {
        lines.push('', paint('green', 'No changes.') + ' The cluster matches the spec.');
        return `${lines.join('\n')}\n`;
    }
    lines.push('', paint('bold', 'Changes:'), legend(plan), '');
    for (const change of plan.changes)
        lines.push(...changeLines(change, paint, options.repairLabel ?? REVIEWED_REPAIR));
    const principals = plan.privileges.filter((p) => p.paths.length > 0);
    if (principals.length > 0) {
        lines.push('', paint('bold', 'Privilege changes:'));
        for (const principal of principals)
            lines.push(...privilegeLines(principal, paint));
    }
    lines.push('', `${paint('bold', 'Plan:')} ${summary_line_summaryLine(plan)}.`);
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/render/result.ts








const STATUSES = ['done', 'failed', 'reverted', 'skipped'];
const STATUS_BADGE = { done: '✅', failed: '❌', reverted: '↩️', skipped: '⏭️' };
const STATUS_MARK = { done: '✓', failed: '✗', reverted: '↩', skipped: '-' };
const statusCounts = (report) => STATUSES.map((s) => `${report.operations.filter((op) => op.status === s).length} ${s}`).join(', ');
const result_failed = (report) => report.error !== undefined || report.operations.some((op) => op.status === 'failed');
function verdict(report) {
    if (result_failed(report))
        return '⛔ apply failed';
    if (!report.converged)
        return '⚠️ applied, not converged';
    return report.operations.length === 0 ? '✅ nothing to apply' : '✅ applied';
}
const DEAD_SECRET_INTRO = 'These consumers now hold a dead secret';
const REVOKED_INTRO = 'Deleted again because their new secret could not be delivered or failed its verification (no token lives whose working secret nobody holds). Fix the cause and re-run apply';
/** A successful operation carries no message, so the column appears only when some row has one. */
function operationRow(op, withMessage) {
    const cells = [`${STATUS_BADGE[op.status]} ${op.status}`, ACTION_BADGE[op.action], code(op.address)];
    return tableRow(withMessage ? [...cells, escapeText(op.message ?? '')] : cells);
}
function operationsSection(report, level, budget) {
    const shown = level === 1 ? report.operations : report.operations.filter((op) => op.status !== 'done');
    if (shown.length === 0)
        return '';
    const withMessage = shown.some((op) => op.message !== undefined && op.message !== '');
    const rows = shown.map((op) => operationRow(op, withMessage));
    const headers = ['status', 'action', 'object', ...(withMessage ? ['message'] : [])];
    const body = level === 4 ? linesWithin(rows, budget, (n) => tableRow([`…and ${n} more`, ...headers.slice(1).map(() => '')])) : rows;
    const title = level === 1 ? 'Operations' : 'Operations not done';
    return [`#### ${title}`, '', tableHead(headers), ...body].join('\n');
}
function deliveredSection(report, level, budget) {
    if (report.delivered.length === 0)
        return '';
    const checked = report.delivered.some((d) => d.verification !== undefined);
    const rows = report.delivered.map((d) => tableRow([code(d.fullid), escapeText(targetList(d.targets)), ...(checked ? [escapeText(verificationText(d.verification))] : [])]));
    const headers = ['token', 'delivered to', ...(checked ? ['verification'] : [])];
    const body = level === 4 ? linesWithin(rows, budget, (n) => tableRow([`…and ${n} more`, ...headers.slice(1).map(() => '')])) : rows;
    return ['#### Secrets delivered', '', tableHead(headers), ...body].join('\n');
}
const VERIFICATION_BADGE = {
    verified: '✅ verified',
    unverified: '⚠️ not verified',
    failed: '❌ failed, revoked',
};
/** `verified: holds the 7 planned privileges on 3 paths`, for the table and the log alike. */
const verificationText = (v, badges = VERIFICATION_BADGE) => v === undefined ? 'not tried' : `${badges[v.status]}: ${v.detail}`;
const VERIFICATION_WORDS = {
    verified: 'verified',
    unverified: 'not verified',
    failed: 'verification failed, revoked',
};
function warningsSection(report) {
    const parts = [];
    if (report.revoked.length > 0) {
        parts.push(`> [!WARNING]\n> **Revoked:** ${report.revoked.map(code).join(', ')}. ${REVOKED_INTRO}.`);
    }
    if (report.deadSecrets.length > 0) {
        const lines = report.deadSecrets.map((d) => `> - ${code(d.fullid)}: ${d.consumers.map((c) => escapeText(c)).join(', ')}`);
        parts.push(`> [!WARNING]\n> **${DEAD_SECRET_INTRO}** (the token was rotated; update them):\n${lines.join('\n')}`);
    }
    return parts.join('\n\n');
}
/** A stopped apply (or a failed re-read) makes no fresh plan, so there is no list of what remains to show. */
const notVerified = (report) => !report.converged && report.remaining.length === 0 && report.error !== undefined;
const NOT_VERIFIED = 'convergence not checked, no fresh plan was made (see the error); re-run apply to finish';
function convergenceSection(report, level, budget) {
    if (report.converged)
        return '✅ **Converged:** a fresh plan finds nothing left to change.';
    if (notVerified(report))
        return `⚠️ **Not converged:** ${NOT_VERIFIED}.`;
    const lines = report.remaining.map((c) => `- ${ACTION_BADGE[c.action]} ${code(c.address)}`);
    const shown = level >= 3 ? linesWithin(lines, budget, (n) => `- …and ${n} more`) : lines;
    return [`⚠️ **Not converged:** a fresh plan still wants ${report.remaining.length} change(s):`, '', ...shown].join('\n');
}
function renderApplyAtLevel(report, plan, context, level, budget) {
    const share = Math.floor(budget / 4);
    const facts = [
        statusCounts(report),
        `${count(report.writes, 'write')} to Proxmox`,
        `plan ${code(plan.digest.slice(0, 12))} (${summaryLine(plan)})`,
    ];
    return [
        `### Proxmox access apply for ${code(context.specPath)}: ${verdict(report)}`,
        facts.join(' · '),
        report.error !== undefined ? `> [!CAUTION]\n> **Apply stopped:** ${escapeText(report.error)}` : '',
        warningsSection(report),
        operationsSection(report, level, share),
        repairResultSection(report, plan),
        deliveredSection(report, level, share),
        convergenceSection(report, level, share),
    ]
        .filter((part) => part !== '')
        .join('\n\n');
}
/** The apply result as Markdown, fitted under `context.limit` like the plan. */
function renderApplyMarkdown(report, plan, context) {
    return fitMarkdown((level, budget) => renderApplyAtLevel(report, plan, context, level, budget), context.limit ?? COMMENT_LIMIT, context.runUrl);
}
/** The apply result for the log and the CLI. */
function renderApplyText(report) {
    const lines = [`Apply: ${statusCounts(report)} (${count_count(report.writes, 'write')} to Proxmox)`];
    for (const op of report.operations) {
        const message = op.message !== undefined ? `: ${log_line_oneLine(op.message)}` : '';
        lines.push(`  ${STATUS_MARK[op.status]} ${op.action} ${log_line_oneLine(op.address)}${message}`);
    }
    if (report.delivered.length > 0) {
        const verified = (d) => d.verification === undefined ? '' : ` (${log_line_oneLine(verificationText(d.verification, VERIFICATION_WORDS))})`;
        lines.push('Secrets delivered:', ...report.delivered.map((d) => `  ${log_line_oneLine(d.fullid)} → ${log_line_oneLine(targetList(d.targets))}${verified(d)}`));
    }
    if (report.revoked.length > 0) {
        lines.push(`Revoked (secret could not be delivered or failed verification, token deleted again): ${report.revoked.join(', ')}`);
    }
    if (report.deadSecrets.length > 0) {
        lines.push(`${DEAD_SECRET_INTRO}:`, ...report.deadSecrets.map((d) => `  ${log_line_oneLine(d.fullid)}: ${log_line_oneLine(d.consumers.join(', '))}`));
    }
    if (report.converged)
        lines.push('Converged: a fresh plan finds nothing left to change.');
    else if (notVerified(report))
        lines.push(`Not converged: ${NOT_VERIFIED}.`);
    else
        lines.push('Not converged: a fresh plan still wants:', ...report.remaining.map((c) => `  ${ACTION_SYMBOL[c.action]} ${c.address}`));
    if (report.error !== undefined)
        lines.push(`Error: ${report.error}`);
    return `${lines.join('\n')}\n`;
}
/** A token with no deliver target still reaches the `tokens` output. */
const targetList = (targets) => (targets.length > 0 ? targets.join(', ') : 'the tokens output only');

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/spec/export-pools.ts
/**
 * Members are always written (`members: {}` for an empty pool), so the exported spec owns the
 * membership it saw and plans no change against the cluster it came from.
 */
function exportPools(live) {
    const pools = Object.values(live.pools ?? {}).sort((a, b) => a.poolid.localeCompare(b.poolid));
    if (pools.length === 0)
        return undefined;
    return Object.fromEntries(pools.map((pool) => [
        pool.poolid,
        {
            ...(pool.comment && { comment: pool.comment }),
            members: {
                ...(pool.vms.length > 0 && { vms: [...pool.vms] }),
                ...(pool.storage.length > 0 && { storage: [...pool.storage] }),
            },
        },
    ]));
}

;// CONCATENATED MODULE: ./src/spec/realm-export.ts
/**
 * Realms for `export`: every realm other than pam and pve with all its options, and pam or pve
 * only where they carry a default flag or a second factor. Secrets cannot be read back, so a
 * realm that takes one says where it comes from instead. Pure.
 */


const SYNC_FLAGS = new Set(['enable-new']);
const TFA_NUMBERS = new Set(['digits', 'step']);
function syncObject(text) {
    const pairs = parsePropertyString(text);
    const out = {};
    for (const [key, value] of Object.entries(pairs)) {
        if (key === 'remove-vanished')
            out[key] = value === 'none' ? [] : value.split(';');
        else
            out[key] = SYNC_FLAGS.has(key) ? value !== '0' : value;
    }
    return out;
}
function tfaObject(text) {
    const pairs = parsePropertyString(text);
    return Object.fromEntries(Object.entries(pairs).map(([key, value]) => [key, TFA_NUMBERS.has(key) ? Number(value) : value]));
}
function exportValue(option, value) {
    const kind = REALM_OPTIONS[option]?.kind;
    if (kind === 'sync')
        return syncObject(String(value));
    if (kind === 'tfa')
        return tfaObject(String(value));
    return value;
}
const exported = (realm) => realm.detailed && (!isBuiltinRealm(realm.realm) || realm.options.default === true || realm.options.tfa !== undefined);
/** The `realms:` section, or undefined when there is nothing to declare. */
function exportRealms(live) {
    const realms = Object.values(live.realms ?? {}).filter(exported);
    if (realms.length === 0)
        return undefined;
    return Object.fromEntries(realms.map((realm) => [
        realm.realm,
        { type: realm.type, ...Object.fromEntries(Object.entries(realm.options).map(([k, v]) => [k, exportValue(k, v)])) },
    ]));
}
/** A comment above each realm whose secret the export cannot carry. */
function markRealmSecrets(doc, live) {
    const realms = doc.get('realms', true);
    if (!(0,dist/* isMap */.jh)(realms))
        return;
    for (const pair of realms.items) {
        if (!(0,dist/* isScalar */.jn)(pair.key))
            continue;
        const label = REALM_SECRET_LABEL[live.realms?.[String(pair.key.value)]?.type ?? 'pve'];
        if (label !== undefined)
            pair.key.commentBefore = ` ${label} not exported: give it in the realm-secrets input`;
    }
}

;// CONCATENATED MODULE: ./src/spec/export-generations.ts
/**
 * Export of tokens rotated with `rotation: overlap` (README, "Tokens and rotation"): a token
 * `name` beside `name-2`, `name-3`, … whose older members all carry an expiry is one declared
 * token in the middle of an overlap. It is exported once, under the declared name, with the
 * current (highest) generation's fields and ACL entries; the retiring ones are left to the
 * planner, which keeps them until they expire. Tokens that merely look alike (an older one that
 * never expires) are exported as they are.
 */



const DAY = 86_400;
const GENERATION = /^(.+)-(?:[2-9]|[1-9]\d+)$/;
function familiesOf(tokens) {
    const names = new Set(Object.keys(tokens).flatMap((id) => GENERATION.exec(id)?.[1] ?? []));
    const families = [];
    const taken = new Set();
    for (const name of [...names].sort()) {
        if (!TOKEN_NAME_PATTERN.test(name))
            continue;
        const members = liveGenerations(name, tokens).filter((g) => !taken.has(g.token.tokenid));
        const current = members.pop();
        if (!current || members.length === 0 || members.some((g) => g.token.expire === 0))
            continue;
        for (const g of [...members, current])
            taken.add(g.token.tokenid);
        families.push({ name, current: current.token, retiring: members.map((g) => g.token) });
    }
    return families;
}
/** Whole days that cover the latest retiring expiry, when the default overlap does not. */
function overlapCovering(retiring, now) {
    if (now === undefined)
        return undefined;
    const left = Math.max(...retiring.map((t) => t.expire)) - now;
    return left > DEFAULT_OVERLAP ? `${Math.ceil(left / DAY)}d` : undefined;
}
/** The live state with every overlap family folded into its declared token, and which tokens those are. */
function foldGenerations(live, now) {
    const overlaps = new Map();
    const renamed = new Map();
    const dropped = new Set();
    const users = {};
    for (const [userid, user] of Object.entries(live.users)) {
        const families = familiesOf(user.tokens);
        if (families.length === 0) {
            users[userid] = user;
            continue;
        }
        const tokens = { ...user.tokens };
        for (const { name, current, retiring } of families) {
            for (const old of retiring) {
                delete tokens[old.tokenid];
                dropped.add(`${userid}!${old.tokenid}`);
            }
            delete tokens[current.tokenid];
            tokens[name] = { ...current, tokenid: name };
            renamed.set(`${userid}!${current.tokenid}`, `${userid}!${name}`);
            overlaps.set(`${userid}!${name}`, overlapCovering(retiring, now));
        }
        users[userid] = { ...user, tokens };
    }
    if (overlaps.size === 0)
        return { live, overlaps };
    const acl = live.acl.flatMap((e) => {
        if (e.type !== 'token')
            return [e];
        if (dropped.has(e.ugid))
            return [];
        return [{ ...e, ugid: renamed.get(e.ugid) ?? e.ugid }];
    });
    return { live: { ...live, users, acl }, overlaps };
}

;// CONCATENATED MODULE: ./src/spec/export.ts
/**
 * Writes a spec from a live cluster, as the starting point for managing an existing setup:
 * custom roles, groups, users with their memberships and token metadata, pools with their members,
 * and the ACL folded back
 * into as few entries as express it exactly. Pure; the result parses back with parseSpecText.
 *
 * Token secrets cannot be read from PVE, so exported tokens deliver nowhere and carry a comment
 * saying so; the first `rotate` delivers them. A token's absolute expiry is noted in that comment
 * too, since the spec expresses token expiry as a lifetime from (re)creation.
 */






const SECRET_UNKNOWN_COMMENT = 'secret unknown: rotate to deliver';
const byKey = (record) => Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
function exportSpec(cluster, options = {}) {
    // Tokens in the middle of an overlap rotation are exported once, as their declared token.
    const { live, overlaps } = foldGenerations(cluster, options.now);
    const users = byKey(live.users).filter(([id]) => options.includeBuiltinUsers || id !== ROOT_USER);
    const exported = new Set(users.map(([id]) => id));
    const roles = byKey(live.roles).filter(([, role]) => !role.builtin);
    const spec = { version: 1 };
    const realms = exportRealms(live);
    if (realms)
        spec.realms = realms;
    if (roles.length > 0)
        spec.roles = Object.fromEntries(roles.map(([id, role]) => [id, { privileges: [...role.privileges].sort() }]));
    const groups = byKey(live.groups);
    if (groups.length > 0)
        spec.groups = Object.fromEntries(groups.map(([id, g]) => [id, g.comment ? { comment: g.comment } : {}]));
    if (users.length > 0)
        spec.users = Object.fromEntries(users.map(([id, user]) => [id, exportUser(user, options.now, overlaps)]));
    const pools = exportPools(live);
    if (pools)
        spec.pools = pools;
    const acl = foldAcl(live.acl.filter((e) => subjectExported(e, exported, live)));
    if (acl.length > 0)
        spec.acl = acl;
    const doc = new dist/* Document */.yo(spec);
    doc.commentBefore = ` Exported from Proxmox VE ${live.version.version}. Review before committing: declared objects are owned whole.`;
    markTokens(doc, users, options.now);
    markRealmSecrets(doc, live);
    flowShortLists(doc.contents);
    return doc.toString({ lineWidth: 100, flowCollectionPadding: false });
}
function exportUser(user, now, overlaps) {
    const out = {};
    if (user.comment)
        out.comment = user.comment;
    if (!user.enable)
        out.enable = false;
    if (user.expire)
        out.expire = formatEpoch(user.expire);
    if (user.groups.length > 0)
        out.groups = [...user.groups].sort();
    if (user.email)
        out.email = user.email;
    if (user.firstname)
        out.firstname = user.firstname;
    if (user.lastname)
        out.lastname = user.lastname;
    const tokens = byKey(user.tokens);
    // Only users that have tokens get `tokens:`; without it their tokens stay unmanaged, which is
    // the safer reading of "nothing there yet".
    if (tokens.length > 0) {
        out.tokens = Object.fromEntries(tokens.map(([id, token]) => [
            id,
            {
                ...(token.comment && { comment: token.comment }),
                privsep: token.privsep,
                ...(token.expire > 0 && now !== undefined && { lifetime: lifetimeKeeping(token.expire, now) }),
                ...overlapKeys(overlaps, `${user.userid}!${id}`),
            },
        ]));
    }
    return out;
}
function overlapKeys(overlaps, fullid) {
    if (!overlaps.has(fullid))
        return {};
    const overlap = overlaps.get(fullid);
    return { rotation: 'overlap', ...(overlap !== undefined && { overlap }) };
}
/** ACL entries whose subject is in the export; the others would not validate (undeclared subject). */
function subjectExported(entry, users, live) {
    if (entry.type === 'group')
        return entry.ugid in live.groups;
    const userid = entry.type === 'token' ? entry.ugid.slice(0, entry.ugid.lastIndexOf('!')) : entry.ugid;
    return users.has(userid);
}
/**
 * One spec entry per (path, propagate, set of roles): subjects holding exactly the same roles on
 * the same path share an entry, which is how people write them by hand.
 */
function foldAcl(entries) {
    const rolesBySubject = new Map();
    for (const e of entries) {
        const key = JSON.stringify([e.path, e.propagate, e.type, e.ugid]);
        const found = rolesBySubject.get(key) ?? { path: e.path, propagate: e.propagate, type: e.type, ugid: e.ugid, roles: new Set() };
        found.roles.add(e.roleid);
        rolesBySubject.set(key, found);
    }
    const grouped = new Map();
    for (const s of rolesBySubject.values()) {
        const roles = [...s.roles].sort();
        const key = JSON.stringify([s.path, s.propagate, roles]);
        const entry = grouped.get(key) ?? { path: s.path, propagate: s.propagate, roles, users: [], groups: [], tokens: [] };
        entry[s.type === 'user' ? 'users' : s.type === 'group' ? 'groups' : 'tokens'].push(s.ugid);
        grouped.set(key, entry);
    }
    return [...grouped.values()]
        .sort((a, b) => a.path.localeCompare(b.path) || a.roles.join().localeCompare(b.roles.join()) || Number(b.propagate) - Number(a.propagate))
        .map((e) => ({
        path: e.path,
        roles: e.roles,
        ...(e.users.length > 0 && { users: e.users.sort() }),
        ...(e.groups.length > 0 && { groups: e.groups.sort() }),
        ...(e.tokens.length > 0 && { tokens: e.tokens.sort() }),
        ...(!e.propagate && { propagate: false }),
    }));
}
function markTokens(doc, users, now) {
    for (const [userid, user] of users) {
        const tokens = doc.getIn(['users', userid, 'tokens'], true);
        if (!(0,dist/* isMap */.jh)(tokens))
            continue;
        for (const pair of tokens.items) {
            if (!(0,dist/* isScalar */.jn)(pair.key))
                continue;
            const token = user.tokens[String(pair.key.value)];
            const expiry = !token?.expire
                ? ''
                : now === undefined
                    ? `; expires ${formatEpoch(token.expire)} (set a lifetime to keep expiring it)`
                    : `; expires ${formatEpoch(token.expire)}, which the lifetime keeps`;
            pair.key.commentBefore = ` ${SECRET_UNKNOWN_COMMENT}${expiry}`;
        }
    }
}
/** Short lists of names read best inline (`roles: [PVEVMAdmin]`); long ones one per line. */
function flowShortLists(node) {
    if ((0,dist/* isSeq */.oP)(node)) {
        const short = node.items.every(dist/* isScalar */.jn) && node.items.map((i) => String(i.value)).join(', ').length <= 60;
        if (short)
            node.flow = true;
        else
            node.items.forEach(flowShortLists);
    }
    else if ((0,dist/* isMap */.jh)(node)) {
        for (const pair of node.items)
            flowShortLists(pair.value);
    }
}
const export_DAY = 86_400;
/** The whole days from now to `expire` (at least one), as a spec duration: the planner keeps an expiry no later than now + lifetime. */
const lifetimeKeeping = (expire, now) => `${Math.max(1, Math.ceil((expire - now) / export_DAY))}d`;

;// CONCATENATED MODULE: ./src/spec/syntax-errors.ts
/**
 * Syntax errors worded for people and placed where the mistake is. The YAML parser notices an
 * unclosed quote or bracket only where it runs out of text (often past the last line), and an
 * undefined alias only when the document is converted, without a position; here each is moved
 * back to the quote, bracket or alias that caused it. A JSON spec gets JSON's own verdict, since
 * YAML's would talk about flow maps to someone who never wrote YAML.
 */

const isToken = (value) => 'type' in value && typeof value.type === 'string';
/** Every CST token of the text, depth first. */
function tokensOf(text) {
    const out = [];
    const walk = (value) => {
        if (Array.isArray(value))
            value.forEach(walk);
        else if (typeof value === 'object' && value !== null) {
            if (isToken(value))
                out.push(value);
            Object.values(value).forEach(walk);
        }
    };
    for (const token of new dist/* Parser */.iX().parse(text))
        walk(token);
    return out;
}
const CLOSERS = { '[': ']', '{': '}' };
/**
 * Whether the bracket at `offset` has its partner somewhere later in the text (quotes and
 * comments skipped): then the parser stopped at a badly indented line, not at a missing bracket.
 */
function closedLater(text, offset) {
    let depth = 0;
    for (let i = offset; i < text.length; i++) {
        const c = text[i];
        if (c === '"' || c === "'") {
            const end = text.indexOf(c, i + 1);
            if (end < 0)
                return false;
            i = end;
        }
        else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
            const end = text.indexOf('\n', i);
            if (end < 0)
                return false;
            i = end;
        }
        else if (c === '[' || c === '{')
            depth++;
        else if (c === ']' || c === '}') {
            depth--;
            if (depth === 0)
                return true;
        }
    }
    return false;
}
/** The quote or bracket that opened what the parser found unfinished at the error. */
function openerOf(text, error) {
    const at = error.pos[0];
    const quote = /Missing closing (["'])quote/.exec(error.message)?.[1];
    const bracket = /end with an? ([\]}])/.exec(error.message)?.[1];
    if (quote === undefined && bracket === undefined)
        return undefined;
    let best;
    for (const token of tokensOf(text)) {
        if (token.offset === undefined || token.offset > at)
            continue;
        if (quote !== undefined && token.type === (quote === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar')) {
            if (!best || token.offset > best.offset)
                best = { offset: token.offset, opener: quote, closed: false };
        }
        if (bracket !== undefined && token.type === 'flow-collection' && !Array.isArray(token.start)) {
            const start = token.start;
            const opener = start?.source ?? '';
            const closed = (token.end ?? []).some((t) => t.source === CLOSERS[opener]);
            if (CLOSERS[opener] === bracket && !closed && start?.offset !== undefined && (!best || start.offset > best.offset)) {
                best = { offset: start.offset, opener, closed: closedLater(text, start.offset) };
            }
        }
    }
    return best;
}
/** The last line that holds anything, so no position points past the end of the file. */
const lastLine = (text) => Math.max(1, text.replace(/\s+$/, '').split('\n').length);
/**
 * The first syntax error only: whatever the parser says after it is mostly its own confusion
 * about the first mistake.
 */
function yamlSyntaxProblems(text, doc, lines, file) {
    const at = (offset) => clamp(text, lines.linePos(offset), file);
    const error = [...doc.errors, ...doc.warnings].sort((a, b) => a.pos[0] - b.pos[0])[0];
    if (error === undefined)
        return [];
    if (error.code === 'MULTIPLE_DOCS') {
        return [
            {
                message: 'YAML: a spec file holds one document, but a second one starts here (after ---); remove it or move it to a file of its own',
                position: at(error.pos[0]),
            },
        ];
    }
    const opener = openerOf(text, error);
    if (opener?.closed) {
        const what = opener.opener === '[' ? 'list' : 'mapping';
        return [
            {
                message: `YAML: this line continues the ${what} opened with ${opener.opener} on line ${at(opener.offset).line}, and must be indented more than the key the ${what} belongs to`,
                position: at(error.pos[0]),
            },
        ];
    }
    if (opener) {
        const what = opener.opener === '[' ? 'list' : opener.opener === '{' ? 'mapping' : 'quoted text';
        return [{ message: `YAML: the ${what} opened here with ${opener.opener} is never closed`, position: at(opener.offset) }];
    }
    return [{ message: `YAML: ${error.message.split('\n')[0] ?? error.message}`, position: at(error.pos[0]) }];
}
/** A position on the last line that holds anything when the parser's points past it. */
function clamp(text, { line, col }, file) {
    const end = lastLine(text);
    if (line <= end)
        return { file, line, column: col };
    return { file, line: end, column: (text.replace(/\s+$/, '').split('\n').at(-1)?.length ?? 0) + 1 };
}
/** Aliases (`*name`) without an anchor (`&name`) before them; the parser itself leaves them be. */
function unresolvedAliasProblems(text, doc, lines, file) {
    const problems = [];
    (0,dist/* visit */.YR)(doc, {
        Alias(_, node) {
            if (!(0,dist/* isAlias */.Vj)(node) || node.resolve(doc) !== undefined)
                return;
            problems.push({
                message: `YAML: alias *${node.source} refers to no anchor &${node.source} defined before it`,
                position: clamp(text, lines.linePos(node.range?.[0] ?? 0), file),
            });
        },
    });
    return problems;
}
/** Whether the text is meant as JSON: a .json file, or one that opens with { or [. */
const looksLikeJson = (text, file) => /\.json$/i.test(file) || /^\s*[{[]/.test(text);
/** JSON's complaint about the text, at its line and column; empty when the text is valid JSON. */
function jsonSyntaxProblems(text, file) {
    const failure = (source) => {
        try {
            JSON.parse(source);
            return undefined;
        }
        catch (err) {
            return err instanceof Error ? err.message : String(err);
        }
    };
    const message = failure(text);
    if (message === undefined)
        return [];
    let offset = Number(/at position (\d+)/.exec(message)?.[1] ?? NaN);
    if (Number.isNaN(offset))
        offset = firstBadOffset(text, failure);
    const word = bareWordAt(text, offset);
    const ended = offset >= text.trimEnd().length;
    const plain = word
        ? `'${word.text}' is not a JSON value: text needs double quotes, and true, false and null are lower case`
        : ended
            ? 'the text ends before the JSON value is complete'
            : plainJsonMessage(message);
    const before = text.slice(0, word?.start ?? offset).split('\n');
    return [{ message: `JSON: ${plain}`, position: clamp(text, { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 }, file) }];
}
/** An unquoted word at or just before where JSON gave up (`tru`, `yes`, `ops`), if that is what broke it. */
function bareWordAt(text, offset) {
    const isWordChar = (c) => c !== undefined && /[\w.\-+]/.test(c);
    let start = isWordChar(text[offset]) ? offset : offset - 1;
    if (!isWordChar(text[start]))
        return undefined;
    while (isWordChar(text[start - 1]))
        start -= 1;
    let end = start;
    while (isWordChar(text[end]))
        end += 1;
    const word = text.slice(start, end);
    if (/^-?\d/.test(word) || ['true', 'false', 'null'].includes(word) || text[start - 1] === '"')
        return undefined;
    return { text: word, start };
}
const END = 'Unexpected end of JSON input';
/**
 * Where JSON.parse gave up, for the messages that do not say: the shortest prefix that fails for
 * another reason than ending early contains the mistake as its last character.
 */
function firstBadOffset(text, failure) {
    let [low, high] = [0, text.length];
    while (low < high) {
        const mid = Math.floor((low + high) / 2);
        const prefix = text.slice(0, mid + 1);
        const verdict = failure(prefix);
        // Running out of text is reported as an end of input, or as an error at the very end.
        const early = verdict === undefined || verdict.startsWith(END) || Number(/at position (\d+)/.exec(verdict)?.[1] ?? NaN) >= prefix.length;
        if (early)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}
/** V8's message without the quoted text and the offset, which the position already gives. */
function plainJsonMessage(message) {
    if (message.startsWith(END))
        return 'the text ends before the JSON value is complete';
    const text = message
        .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '')
        .replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?$/, '')
        .replace(/ after JSON$/, ' after the end of the JSON value');
    return text.charAt(0).toLowerCase() + text.slice(1);
}

;// CONCATENATED MODULE: ./src/spec/source.ts
/**
 * The YAML (or JSON) text of a spec with its syntax tree kept, so any value, key or list item can
 * be traced back to a line and column. YAML is a superset of JSON, so one parser reads both.
 */


function parseSource(text, file) {
    const lines = new dist/* LineCounter */.HN();
    const clean = text.replace(/^\uFEFF/, '');
    const doc = (0,dist/* parseDocument */.Tp)(clean, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
    let syntax = yamlSyntaxProblems(clean, doc, lines, file);
    // A .json file must be JSON; text that merely opens like JSON is judged as JSON only when it is
    // not valid YAML either, since a YAML flow mapping opens the same way.
    if (looksLikeJson(clean, file) && (syntax.length > 0 || /\.json$/i.test(file))) {
        const json = jsonSyntaxProblems(clean, file);
        if (json.length > 0)
            syntax = json;
    }
    if (syntax.length === 0)
        syntax = unresolvedAliasProblems(clean, doc, lines, file);
    let data;
    if (syntax.length === 0) {
        try {
            data = doc.toJS({ maxAliasCount: 100 });
        }
        catch (err) {
            // Too many aliases (a "billion laughs" document): point at the first one.
            let first;
            (0,dist/* visit */.YR)(doc, { Alias: (_, node) => void (first ??= node.range?.[0]) });
            const { line, col } = lines.linePos(first ?? 0);
            const excessive = err instanceof Error && /alias count/i.test(err.message);
            const message = excessive
                ? 'YAML: aliases (*name) here expand to more than 100 copies; write the values out instead'
                : `YAML: ${err instanceof Error ? err.message : String(err)}`;
            syntax.push({ message, position: { file, line, column: col } });
        }
    }
    const source = { file, doc, lines, data };
    return { source, syntax, duplicates: syntax.length === 0 ? findDuplicateKeys(source) : [] };
}
function positionAt(source, offset) {
    const { line, col } = source.lines.linePos(offset);
    return { file: source.file, line, column: col };
}
const startOf = (source, node) => node?.range ? positionAt(source, node.range[0]) : undefined;
const keyText = (pair) => ((0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : undefined);
const dottedPath = (path) => path.map(String).join('.');
function findDuplicateKeys(source) {
    const problems = [];
    walk(source.doc.contents, [], (node, path) => {
        if (!(0,dist/* isMap */.jh)(node))
            return;
        const first = new Map();
        for (const pair of node.items) {
            const key = keyText(pair);
            const position = startOf(source, pair.key);
            if (key === undefined || !position)
                continue;
            const earlier = first.get(key);
            if (earlier) {
                problems.push({ message: `duplicate key '${key}' (first at line ${earlier.line})`, position, path: dottedPath([...path, key]) });
            }
            else
                first.set(key, position);
        }
    });
    return problems;
}
/** Visits every collection node with its path (map keys as text, list items by index). */
function walk(node, path, visit) {
    visit(node, path);
    if ((0,dist/* isMap */.jh)(node)) {
        for (const pair of node.items) {
            const key = keyText(pair);
            if (key !== undefined)
                walk(pair.value, [...path, key], visit);
        }
    }
    else if ((0,dist/* isSeq */.oP)(node)) {
        node.items.forEach((item, i) => walk(item, [...path, i], visit));
    }
}
/**
 * Where each map entry (at its key) and each list item starts, keyed by dotted path:
 * `roles.X`, `users.a@pve.tokens.t`, `acl.2`, `acl.2.roles.0`; scalar list items also by value:
 * `roles.X.privileges[VM.Audit]`, `acl.2.users[a@pve]`.
 */
function collectPositions(source) {
    const positions = new Map();
    const root = startOf(source, source.doc.contents);
    if (root)
        positions.set('', root);
    walk(source.doc.contents, [], (node, path) => {
        if ((0,dist/* isMap */.jh)(node)) {
            for (const pair of node.items) {
                const key = keyText(pair);
                const position = startOf(source, pair.key);
                if (key !== undefined && position && !positions.has(dottedPath([...path, key]))) {
                    positions.set(dottedPath([...path, key]), position);
                }
            }
        }
        else if ((0,dist/* isSeq */.oP)(node)) {
            node.items.forEach((item, i) => {
                const position = startOf(source, item);
                if (!position)
                    return;
                positions.set(dottedPath([...path, i]), position);
                // Lists are sorted when the spec is built, so findings look items up by value.
                const byValue = (0,dist/* isScalar */.jn)(item) ? `${dottedPath(path)}[${String(item.value)}]` : undefined;
                if (byValue && !positions.has(byValue))
                    positions.set(byValue, position);
            });
        }
    });
    return positions;
}
/** Scalar list items that repeat an earlier item of the same list. */
function collectRepeatedItems(source) {
    const repeated = [];
    walk(source.doc.contents, [], (node, path) => {
        if (!(0,dist/* isSeq */.oP)(node))
            return;
        const first = new Map();
        for (const item of node.items) {
            const position = (0,dist/* isScalar */.jn)(item) ? startOf(source, item) : undefined;
            if (!(0,dist/* isScalar */.jn)(item) || !position)
                continue;
            const value = String(item.value);
            const earlier = first.get(value);
            if (earlier)
                repeated.push({ list: dottedPath(path), value, position, first: earlier });
            else
                first.set(value, position);
        }
    });
    return repeated;
}
function find(source, path) {
    let node = source.doc.contents;
    let found = { value: node, depth: 0 };
    for (const [i, segment] of path.entries()) {
        if ((0,dist/* isMap */.jh)(node)) {
            const pair = node.items.find((p) => (0,dist/* isPair */.tO)(p) && keyText(p) === String(segment));
            if (!pair)
                return found;
            node = pair.value;
            found = { key: pair.key, ...(isNodeLike(pair.value) ? { value: pair.value } : {}), depth: i + 1 };
        }
        else if ((0,dist/* isSeq */.oP)(node) && typeof segment === 'number') {
            const item = node.items[segment];
            if (!isNodeLike(item))
                return found;
            node = item;
            found = { key: item, value: item, depth: i + 1 };
        }
        else
            return found;
    }
    return found;
}
const isNodeLike = (value) => typeof value === 'object' && value !== null && 'range' in value && Array.isArray(value.range);
/**
 * Position of the thing at `path`: its key (`key`) or its value (`value`, falling back to the key
 * when the value is empty). A path that does not exist resolves to its nearest existing ancestor.
 */
function locate(source, path, target) {
    const found = find(source, path);
    const onKey = target === 'key' || found.depth < path.length;
    const node = onKey ? (found.key ?? found.value) : (found.value ?? found.key);
    return startOf(source, node) ?? { file: source.file, line: 1, column: 1 };
}

;// CONCATENATED MODULE: ./src/spec/schema-keys.ts

const defOf = (schema) => schema._zod.def;
/** Every concrete (non-wrapper) schema `schema` can be, through optional, nullable and unions. */
function unwrap(schema) {
    const def = defOf(schema);
    if (def.innerType)
        return unwrap(def.innerType);
    if (def.type === 'pipe' && def.in)
        return unwrap(def.in);
    if (def.type === 'union' && def.options)
        return def.options.flatMap(unwrap);
    return [schema];
}
/** The keys the schema allows for the object at `path`, for spelling suggestions. */
function allowedKeys(schema, path) {
    let current = unwrap(schema);
    for (const segment of path) {
        current = current.flatMap((s) => {
            const def = defOf(s);
            if (def.type === 'object' && def.shape) {
                const child = def.shape[String(segment)];
                return child ? unwrap(child) : [];
            }
            if (def.type === 'record' && def.valueType)
                return unwrap(def.valueType);
            if (def.type === 'array' && def.element)
                return unwrap(def.element);
            return [];
        });
    }
    const keys = current.flatMap((s) => {
        const def = defOf(s);
        return def.type === 'object' && def.shape ? Object.keys(def.shape).filter((k) => k !== '$schema') : [];
    });
    return [...new Set(keys)];
}
const squash = (key) => key.toLowerCase().replace(/[-_\s]/g, '');
/** A known key the author probably meant: same letters in another case style, an abbreviation, or one or two typos away. */
function suggest(key, known) {
    const exact = known.find((k) => k !== key && squash(k) === squash(key));
    if (exact)
        return exact;
    const abbreviated = squash(key).length >= 3 ? known.filter((k) => k !== key && squash(k).startsWith(squash(key))) : [];
    if (abbreviated.length === 1)
        return abbreviated[0];
    let best;
    for (const candidate of known.filter((k) => k !== key)) {
        const distance = editDistance(squash(key), squash(candidate));
        if (distance <= (candidate.length > 5 ? 2 : 1) && (!best || distance < best.distance))
            best = { key: candidate, distance };
    }
    return best?.key;
}

;// CONCATENATED MODULE: ./src/spec/issues.ts


function issuesToProblems(issues, source, schema) {
    const flat = issues.flatMap((issue) => flatten(issue, [], source.data));
    // A rule about a whole mapping (an ACL entry needs a subject) judges keys that may only be
    // misspelt; the unknown key is the one error to report.
    const misspelt = new Set(flat.filter((i) => i.code === 'unrecognized_keys').map((i) => dottedPath(i.path)));
    const problems = flat
        .filter((i) => !(i.code === 'custom' && misspelt.has(dottedPath(i.path))))
        .flatMap((issue) => issues_describe(issue, source, schema));
    return dedupe(problems);
}
const toPath = (path) => path.map((p) => (typeof p === 'number' ? p : String(p)));
function flatten(issue, prefix, data) {
    const path = [...prefix, ...toPath(issue.path)];
    switch (issue.code) {
        case 'invalid_union': {
            if (issue.errors.length === 0)
                return [{ code: 'custom', path, message: issue.message }];
            const branches = issue.errors.map((list) => list.flatMap((i) => flatten(i, path, data)));
            const rootTypes = branches.map((b) => b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === path.length ? b[0] : undefined);
            if (rootTypes.every((t) => t !== undefined)) {
                const expected = [...new Set(rootTypes.flatMap((t) => t?.expected ?? []))];
                return [{ code: 'invalid_type', path, message: issue.message, expected }];
            }
            const missingOnly = branches.map((b) => b.length > 0 && b.every((i) => isMissingKey(i, path.length, data)));
            if (missingOnly.every(Boolean)) {
                const keys = branches.flatMap((b) => b.map((i) => String(i.path.at(-1))));
                return [{ code: 'custom', path, message: `needs one of the keys: ${[...new Set(keys)].join(', ')}` }];
            }
            return pickBranch(branches, path, data);
        }
        case 'invalid_type':
            return [{ code: issue.code, path, message: issue.message, expected: [issue.expected] }];
        case 'unrecognized_keys':
            return [{ code: issue.code, path, message: issue.message, keys: issue.keys }];
        case 'too_small':
            return [{ code: issue.code, path, message: issue.message, origin: issue.origin, minimum: Number(issue.minimum) }];
        case 'too_big':
            return [{ code: issue.code, path, message: issue.message, origin: issue.origin, maximum: Number(issue.maximum) }];
        case 'invalid_value':
            return [{ code: issue.code, path, message: issue.message, values: issue.values }];
        default:
            return [{ code: issue.code ?? 'custom', path, message: issue.message }];
    }
}
/**
 * The alternative with the fewest signs of being the wrong one: keys it does not know, keys it
 * misses, or a value of the wrong kind at the union itself. Ties go to the fewest issues.
 */
function pickBranch(branches, unionPath, data) {
    const depth = unionPath.length;
    const mismatch = (issues) => issues.reduce((score, i) => {
        if (i.code === 'unrecognized_keys' && i.path.length === depth)
            return score + (i.keys?.length ?? 1);
        if (isMissingKey(i, depth, data))
            return score + 1;
        if ((i.code === 'invalid_type' || i.code === 'invalid_value') && i.path.length === depth)
            return score + 1;
        return score;
    }, 0);
    let best = branches[0] ?? [];
    for (const branch of branches.slice(1)) {
        const [a, b] = [mismatch(branch), mismatch(best)];
        if (a < b || (a === b && branch.length < best.length))
            best = branch;
    }
    return best;
}
/** An issue that only says a key directly below `depth` is absent. */
const isMissingKey = (issue, depth, data) => issue.code !== 'unrecognized_keys' && issue.path.length === depth + 1 && valueAt(data, issue.path) === undefined;
function valueAt(data, path) {
    let value = data;
    for (const segment of path) {
        if (value === null || typeof value !== 'object')
            return undefined;
        value = value[String(segment)];
    }
    return value;
}
const TYPE_NAMES = {
    string: 'a string',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    object: 'a mapping',
    record: 'a mapping',
    array: 'a list',
    null: 'nothing',
};
function kindOf(value) {
    if (value === null)
        return 'nothing';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    if (typeof value === 'string')
        return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
    return String(value);
}
function label(path) {
    const last = path.at(-1);
    if (last === undefined)
        return 'the spec';
    if (typeof last === 'number') {
        const parent = path.at(-2);
        return parent === undefined ? `item ${last + 1}` : `item ${last + 1} of '${String(parent)}'`;
    }
    return `'${last}'`;
}
const isDefaultMessage = (message) => /^(Invalid|Too (small|big)|Unrecognized)/.test(message);
function issues_describe(issue, source, schema) {
    const at = (path, target, message) => ({ message, position: locate(source, path, target), path: dottedPath(path) });
    const value = valueAt(source.data, issue.path);
    if (isMissing(issue, value, valueAt(source.data, issue.path.slice(0, -1))))
        return [at(issue.path, 'key', missingKeyMessage(issue.path))];
    if (issue.code === 'unrecognized_keys')
        return unknownKeyProblems(issue, value, schema, at);
    return [at(issue.path, 'value', valueMessage(issue, value))];
}
/** Absent inside a mapping that exists: the key is what is missing, not its value. */
const isMissing = (issue, value, parent) => issue.code !== 'unrecognized_keys' && value === undefined && issue.path.length > 0 && typeof parent === 'object' && parent !== null;
function missingKeyMessage(path) {
    const key = String(path.at(-1));
    return `missing required key '${key}'${key === 'version' && path.length === 1 ? ' (write version: 1 at the top)' : ''}`;
}
function unknownKeyProblems(issue, value, schema, at) {
    const known = allowedKeys(schema, issue.path);
    const present = Object.keys(value ?? {});
    return (issue.keys ?? []).map((key) => {
        // A key of another alternative (a deliver item with both output and github-secret).
        if (known.includes(key)) {
            const others = present.filter((k) => k !== key && known.includes(k)).map((k) => `'${k}'`);
            const place = typeof issue.path.at(-1) === 'number' ? 'item' : 'mapping';
            return at([...issue.path, key], 'key', `'${key}' cannot be used together with ${others.join(' and ') || 'the other keys'} in one ${place}; write each in ${place === 'item' ? 'a list item' : 'a mapping'} of its own`);
        }
        const guess = suggest(key, known);
        const hint = guess ? `; did you mean '${guess}'?` : known.length > 0 ? `; expected one of: ${known.join(', ')}` : '';
        return at([...issue.path, key], 'key', `unknown key '${key}'${hint}`);
    });
}
/** What is wrong with the value at the issue's path, starting with what it is about. */
function valueMessage(issue, value) {
    const got = `, got ${kindOf(value)}`;
    const what = label(issue.path);
    switch (issue.code) {
        case 'invalid_type':
            return typeMessage(issue, value, got);
        case 'too_small':
            return tooSmallMessage(issue, got);
        case 'too_big':
            return tooBigMessage(issue, got);
        case 'invalid_value': {
            const allowed = (issue.values ?? []).map((v) => (typeof v === 'string' ? v : String(v))).join(', ');
            const text = isDefaultMessage(issue.message) ? `must be one of: ${allowed}` : issue.message;
            return `${what} ${text}${got}`;
        }
        case 'invalid_format':
            return `${what} ${isDefaultMessage(issue.message) ? 'has an invalid format' : issue.message}${got}`;
        default: {
            // Our own messages read as a predicate ("is not a real date") or as a sentence of their own.
            const prefix = issue.path.length === 0 ? '' : /^(is|must|needs)\b/.test(issue.message) ? `${what} ` : `${what}: `;
            return `${prefix}${issue.message}${value !== undefined && typeof value !== 'object' ? got : ''}`;
        }
    }
}
function typeMessage(issue, value, got) {
    const expected = (issue.expected ?? []).map((t) => TYPE_NAMES[t] ?? t).join(' or ');
    if (value === null && issue.path.at(-1) === 'tokens') {
        return `'tokens' is empty: write 'tokens: {}' to manage no tokens, or remove the key to leave this user's tokens alone`;
    }
    if (value === null)
        return `${label(issue.path)} has no value: expected ${expected}`;
    return `${label(issue.path)} must be ${expected}${got}`;
}
function tooSmallMessage(issue, got) {
    const what = label(issue.path);
    if (!isDefaultMessage(issue.message))
        return `${what} ${issue.message}`;
    if (issue.origin === 'string')
        return `${what} must not be empty`;
    if (issue.origin === 'array')
        return `${what} needs at least ${issue.minimum} item(s)`;
    return `${what} must be at least ${issue.minimum}${got}`;
}
function tooBigMessage(issue, got) {
    const what = label(issue.path);
    if (!isDefaultMessage(issue.message))
        return `${what} ${issue.message}${got}`;
    if (issue.origin === 'string')
        return `${what} is too long: at most ${issue.maximum} characters`;
    if (issue.origin === 'array')
        return `${what} has too many items: at most ${issue.maximum}`;
    // zod's own bound for whole numbers: beyond it a number is no longer exact.
    const limit = issue.maximum === Number.MAX_SAFE_INTEGER ? `${issue.maximum}, the largest whole number that is held exactly` : String(issue.maximum);
    return `${what} is too large: at most ${limit}${got}`;
}
/** One problem per value: the first check that fails says what is wrong, the rest add noise. */
function dedupe(problems) {
    const seen = new Set();
    return problems.filter((p) => {
        const key = `${p.path ?? ''}@${p.position.line}:${p.position.column}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(38816);
;// CONCATENATED MODULE: ./src/spec/pools-schema.ts
/**
 * The `pools:` section of the spec (README, "Pools"): pool id → comment and, optionally, the
 * exact members. VM ids are numbers; a guest name written where a VM id belongs passes the schema
 * so that the pool rules can name it at its line with a useful message.
 */

const vmEntry = schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP()]).meta({ description: 'A VM or container id (a number from 100), never a guest name.' });
const poolMembersSchema = schemas/* strictObject */.rej({
    vms: schemas/* array */.YOg(vmEntry).optional().meta({ description: 'VM and container ids, e.g. [101, 102].' }),
    storage: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional().meta({ description: 'Storage ids, e.g. [local-lvm].' }),
})
    .meta({ description: 'Present: exactly these members (a missing list means none). Absent: members are not managed.' });
const poolSchema = schemas/* strictObject */.rej({
    comment: schemas/* string */.YjP().optional(),
    members: poolMembersSchema.optional(),
    'allow-move': schemas/* boolean */.zMY()
        .optional()
        .meta({ description: 'Take declared guests out of the pool they are in on the cluster (PVE keeps a guest in one pool only).' }),
})
    .meta({ description: 'A resource pool, keyed by its id (nested: parent/child, up to three levels on PVE 8.0.7 and later).' });
const poolsSchema = schemas/* record */.g1P(schemas/* string */.YjP(), poolSchema.nullable()).nullable().optional();
const prunePoolsSchema = schemas/* array */.YOg(schemas/* string */.YjP().min(1))
    .optional()
    .meta({ description: 'Glob patterns matched against pool ids: an undeclared pool that matches is emptied and deleted.' });

;// CONCATENATED MODULE: ./src/spec/realms-schema.ts
/**
 * The `realms:` section as written: one object with every option any realm type takes, so a
 * misspelt key is a schema error while an option of the wrong type is reported by the realm
 * rules (rules-realms.ts) with a message that names the type. Secrets (bind password, client key)
 * have no key here on purpose: they come from the `realm-secrets` input only.
 */


const realms_schema_text = (description) => schemas/* string */.YjP().min(1).optional().meta({ description });
const realms_schema_flag = (description) => schemas/* boolean */.zMY().optional().meta({ description });
const realmSyncSchema = schemas/* strictObject */.rej({
    scope: schemas/* enum */.k5n(SYNC_SCOPES).optional().meta({ description: 'What a sync reads: users, groups or both.' }),
    'enable-new': realms_schema_flag('Enable users a sync creates (PVE default true).'),
    'remove-vanished': schemas/* array */.YOg(schemas/* enum */.k5n(REMOVE_VANISHED))
        .optional()
        .meta({ description: 'What a sync removes when it is gone from the directory: acl, entry, properties; [] for none.' }),
})
    .meta({ description: "The realm's sync defaults (PVE's sync-defaults-options); a sync runs when they change." });
const realmTfaSchema = schemas/* strictObject */.rej({
    type: schemas/* enum */.k5n(['oath', 'yubico']),
    id: realms_schema_text('Yubico API id.'),
    key: realms_schema_text('Yubico API key.'),
    url: realms_schema_text('Yubico API URL.'),
    digits: schemas/* number */.aig().int().min(6).max(8).optional(),
    step: schemas/* number */.aig().int().min(10).optional(),
})
    .meta({ description: 'A second factor every user of the realm must use.' });
const realmSchema = schemas/* strictObject */.rej({
    type: schemas/* enum */.k5n(REALM_TYPES).meta({ description: 'pam, pve, ldap, ad or openid; never changes once created.' }),
    comment: schemas/* string */.YjP().optional(),
    default: realms_schema_flag('The realm preselected at login; at most one realm.'),
    tfa: realmTfaSchema.optional(),
    server1: realms_schema_text('ldap, ad: the directory server.'),
    server2: realms_schema_text('ldap, ad: a fallback server.'),
    port: schemas/* number */.aig().int().min(1).max(65535).optional(),
    mode: schemas/* enum */.k5n(['ldap', 'ldaps', 'ldap+starttls']).optional(),
    secure: realms_schema_flag('ldap, ad: deprecated, use mode.'),
    sslversion: schemas/* enum */.k5n(['tlsv1', 'tlsv1_1', 'tlsv1_2', 'tlsv1_3']).optional(),
    verify: realms_schema_flag("ldap, ad: verify the server's certificate."),
    capath: realms_schema_text('ldap, ad: CA certificates path.'),
    cert: realms_schema_text('ldap, ad: client certificate path.'),
    certkey: realms_schema_text('ldap, ad: client certificate key path.'),
    domain: realms_schema_text('ad: the AD domain (required for ad).'),
    'base-dn': realms_schema_text('ldap (required), ad: where users are searched.'),
    'user-attr': realms_schema_text('ldap (required), ad: the attribute holding the user name.'),
    'bind-dn': realms_schema_text('ldap, ad: the account to bind as; its password comes from the realm-secrets input.'),
    filter: realms_schema_text('ldap, ad: user filter.'),
    'sync-attributes': realms_schema_text('ldap, ad: e.g. email=mail,firstname=givenName.'),
    'user-classes': realms_schema_text('ldap, ad: user object classes.'),
    'group-dn': realms_schema_text('ldap, ad: where groups are searched.'),
    'group-name-attr': realms_schema_text('ldap, ad: the attribute holding the group name.'),
    'group-filter': realms_schema_text('ldap, ad: group filter.'),
    'group-classes': realms_schema_text('ldap, ad: group object classes.'),
    'case-sensitive': realms_schema_flag('ldap, ad: user names are case-sensitive (PVE default true).'),
    sync: realmSyncSchema.optional(),
    'issuer-url': realms_schema_text('openid (required): the issuer URL.'),
    'client-id': realms_schema_text('openid (required): the client id; its key comes from the realm-secrets input.'),
    autocreate: realms_schema_flag('openid: create users on first login.'),
    'username-claim': realms_schema_text('openid: the claim that names the user; fixed once the realm exists.'),
    'groups-claim': realms_schema_text('openid: the claim that lists groups.'),
    'groups-autocreate': realms_schema_flag('openid: create groups on login.'),
    'groups-overwrite': realms_schema_flag("openid: replace a user's groups on login."),
    prompt: realms_schema_text('openid: the prompt parameter.'),
    scopes: realms_schema_text('openid: scopes to ask for.'),
    'acr-values': realms_schema_text('openid: authentication context class references.'),
    'query-userinfo': realms_schema_flag('openid: query the userinfo endpoint.'),
})
    .meta({ description: 'An authentication realm, keyed by its id; each type takes only its own options.' });
const realmsSchema = schemas/* record */.g1P(schemas/* string */.YjP(), realmSchema).nullable().optional();

;// CONCATENATED MODULE: ./src/spec/schema.ts
/**
 * The spec file format (README, "The spec") as written by people: kebab-case keys, durations and dates
 * as text, most keys optional. Every object is strict so a misspelt key is an error rather than a
 * silently ignored setting. Identifier formats, references between sections and privilege names
 * are checked by validate.ts, which can point at the offending line with a useful message; this
 * schema only fixes the shape. The JSON Schema for editors is generated from it.
 */





const DURATION_HELP = 'a duration: seconds, or a number with a unit s, m, h, d or w (e.g. 90d, 12h, 30m, 2w)';
const DURATION_TOO_LONG = `is too long: at most ${MAX_EXPIRE_EPOCH} seconds, as an expiry after ${LAST_REPRESENTABLE_DATE} cannot be represented`;
// Each value gets one message: a check that fails stops the ones after it (abort), so a bad
// value is not also reported as, say, "not a real date".
const durationSchema = schemas/* union */.KCZ([
    schemas/* number */.aig()
        .max(MAX_EXPIRE_EPOCH, { error: DURATION_TOO_LONG, abort: true })
        .int()
        .min(1, { error: `must be ${DURATION_HELP}, greater than zero` }),
    schemas/* string */.YjP()
        .regex(DURATION_PATTERN, { error: `must be ${DURATION_HELP}`, abort: true })
        .refine((text) => (parseDuration(text) ?? Infinity) <= MAX_EXPIRE_EPOCH, { error: DURATION_TOO_LONG, abort: true })
        .refine((text) => parseDuration(text) !== 0, { error: 'must be greater than zero' }),
])
    .meta({ description: `Length of time: ${DURATION_HELP}.` });
const expireSchema = schemas/* union */.KCZ([
    schemas/* number */.aig()
        .max(MAX_EXPIRE_EPOCH, {
        error: `must be a date before ${LAST_REPRESENTABLE_DATE}, the last date that can be represented, or 0 (never)`,
        abort: true,
    })
        .int()
        .min(0, { error: 'must be 0 (never), a date such as 2027-12-31, or epoch seconds' }),
    schemas/* literal */.euz('never'),
    schemas/* string */.YjP()
        .regex(DATE_PATTERN, { error: 'must be 0 / never, a date such as 2027-12-31, or an ISO date-time', abort: true })
        .refine((text) => parseDate(text) !== undefined, { error: 'is not a real date or time' }),
])
    .meta({ description: 'Absolute expiry: 0 or never (default), a date (2027-12-31, midnight UTC) or an ISO date-time.' });
const stringList = (description) => schemas/* array */.YOg(schemas/* string */.YjP().min(1)).meta({ description });
const githubSecretTarget = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().min(1).meta({ description: 'Secret name.' }),
    repository: schemas/* string */.YjP()
        .regex(/^[^/\s]+\/[^/\s]+$/, { error: 'must be owner/repo' })
        .optional()
        .meta({ description: 'owner/repo; default: the repository the workflow runs in.' }),
    environment: schemas/* string */.YjP().min(1).optional().meta({ description: 'Deployment environment secret instead of a repository secret.' }),
    org: schemas/* string */.YjP().min(1).optional().meta({ description: 'Organization secret instead of a repository secret.' }),
    visibility: schemas/* enum */.k5n(['all', 'private', 'selected']).optional().meta({ description: 'Organization secret visibility.' }),
    'selected-repositories': stringList('Repositories (names) that may read an organization secret with visibility selected.').optional(),
})
    .meta({ description: 'A GitHub Actions secret in another repository, an environment or an organization.' });
const vaultTarget = schemas/* strictObject */.rej({
    path: schemas/* string */.YjP().min(1).meta({ description: "The secret's path inside the mount, e.g. proxmox/terraform." }),
    mount: schemas/* string */.YjP().min(1).optional().meta({ description: 'The KV version 2 mount (default: secret).' }),
    field: schemas/* string */.YjP()
        .min(1)
        .optional()
        .meta({ description: 'The field that holds the token (default: token); token_id and expires_at are written beside it.' }),
})
    .meta({ description: 'A secret in a HashiCorp Vault / OpenBao KV version 2 mount (needs the vault-url input).' });
const deliverSchema = schemas/* union */.KCZ([
    schemas/* strictObject */.rej({ output: schemas/* string */.YjP().min(1).meta({ description: 'Masked step output of this name.' }) }),
    schemas/* strictObject */.rej({
        'github-secret': schemas/* union */.KCZ([
            schemas/* string */.YjP().min(1).meta({ description: 'Secret of this name in the repository the workflow runs in.' }),
            githubSecretTarget,
        ]),
    }),
    schemas/* strictObject */.rej({ vault: vaultTarget }),
])
    .meta({ description: 'Where a new token secret goes.' });
const tokenFormatSchema = schemas/* enum */.k5n(['full', 'secret', 'header', 'json'])
    .meta({ description: 'full: user@realm!id=secret (default); secret: the UUID only; header: PVEAPIToken=...; json: {"id","secret"}.' });
const tokenSchema = schemas/* strictObject */.rej({
    comment: schemas/* string */.YjP().optional(),
    privsep: schemas/* boolean */.zMY()
        .optional()
        .meta({ description: 'Privilege separation (default true, as in PVE): the token needs ACLs of its own.' }),
    lifetime: durationSchema.optional().meta({ description: 'The token expires this long after it is (re)created; omitted: never.' }),
    'rotate-before': durationSchema.optional().meta({ description: 'Rotate when less than this remains (default: a sixth of lifetime).' }),
    deliver: schemas/* array */.YOg(deliverSchema).optional(),
    format: tokenFormatSchema.optional(),
    rotation: schemas/* enum */.k5n(['regenerate', 'recreate', 'overlap']).optional().meta({
        description: 'How a new secret is made: regenerate (default on PVE 9.1 and later; before, recreate), recreate (delete, create, re-grant), or overlap (a new token id beside the old one, which expires after overlap).',
    }),
    overlap: durationSchema.optional().meta({
        description: 'With rotation: overlap, how long the previous token keeps working after the new one is delivered (default 7d).',
    }),
})
    .meta({ description: 'An API token of the user.' });
const externalFlag = schemas/* literal */.euz(true)
    .optional()
    .meta({ description: 'Owned by realm sync or another system: referenced, never created, changed or deleted.' });
const userSchema = schemas/* strictObject */.rej({
    external: externalFlag,
    comment: schemas/* string */.YjP().optional(),
    enable: schemas/* boolean */.zMY().optional().meta({ description: 'Default true.' }),
    expire: expireSchema.optional(),
    groups: stringList('Exact group membership.').optional(),
    email: schemas/* string */.YjP().optional(),
    firstname: schemas/* string */.YjP().optional(),
    lastname: schemas/* string */.YjP().optional(),
    tokens: schemas/* record */.g1P(schemas/* string */.YjP(), tokenSchema.nullable())
        .optional()
        .meta({ description: "Present: exactly these tokens ({} for none). Absent: the user's tokens are not managed." }),
})
    .meta({ description: 'A user, keyed by name@realm.' });
const roleSchema = schemas/* strictObject */.rej({ privileges: stringList('Privileges of the role, e.g. VM.Audit.') })
    .meta({ description: 'A custom role. Built-in roles (PVEVMAdmin, ...) need no declaration.' });
const groupSchema = schemas/* strictObject */.rej({
    external: externalFlag,
    comment: schemas/* string */.YjP().optional(),
})
    .meta({ description: 'A group.' });
const aclSchema = schemas/* strictObject */.rej({
    path: schemas/* string */.YjP().min(1).meta({ description: 'ACL path, e.g. /, /vms/100, /storage/local, /pool/dev.' }),
    roles: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1, { error: 'needs at least one role' }),
    users: stringList('user@realm ids.').optional(),
    groups: stringList('Group ids.').optional(),
    tokens: stringList('Full token ids user@realm!token.').optional(),
    propagate: schemas/* boolean */.zMY().optional().meta({ description: 'Default true.' }),
})
    .refine((entry) => (entry.users?.length ?? 0) + (entry.groups?.length ?? 0) + (entry.tokens?.length ?? 0) > 0, {
    error: 'an ACL entry needs at least one subject in users, groups or tokens',
})
    .meta({ description: 'Grants roles on a path to users, groups and tokens.' });
const PRUNE_GLOBS = 'Glob patterns: * matches any run of characters (also none), ? exactly one character, anything else only itself (not regular expressions).';
const pruneSchema = schemas/* strictObject */.rej({
    users: stringList(`${PRUNE_GLOBS} Matched against user ids (name@realm).`).optional(),
    roles: stringList(`${PRUNE_GLOBS} Matched against role ids.`).optional(),
    groups: stringList(`${PRUNE_GLOBS} Matched against group ids.`).optional(),
    pools: prunePoolsSchema,
    realms: stringList(`${PRUNE_GLOBS} Matched against realm ids (never pam or pve).`).optional(),
})
    .meta({
    description: 'Undeclared objects matching these patterns are deleted; never root@pam, a built-in role or the identity the action runs as.',
});
const specSchema = schemas/* strictObject */.rej({
    $schema: schemas/* string */.YjP().optional().meta({ description: 'Editor hint; ignored.' }),
    version: schemas/* literal */.euz(1, { error: 'must be 1 (the only spec version this release reads)' }),
    realms: realmsSchema,
    roles: schemas/* record */.g1P(schemas/* string */.YjP(), roleSchema).nullable().optional(),
    groups: schemas/* record */.g1P(schemas/* string */.YjP(), groupSchema.nullable()).nullable().optional(),
    users: schemas/* record */.g1P(schemas/* string */.YjP(), userSchema.nullable()).nullable().optional(),
    acl: schemas/* array */.YOg(aclSchema).nullable().optional(),
    pools: poolsSchema,
    prune: pruneSchema.nullable().optional(),
})
    .meta({ title: 'proxmox-access spec', description: 'Proxmox VE roles, groups, users, API tokens and ACLs as code.' });
/** The legacy `token_setup.json` of older Ansible setups; see legacy.ts for what each field means. */
const legacyEntrySchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().min(1),
    ugid: schemas/* string */.YjP().min(1),
    role: schemas/* string */.YjP().min(1).optional(),
    comment: schemas/* string */.YjP().optional(),
    expire: schemas/* union */.KCZ([schemas/* number */.aig().int().min(0), schemas/* string */.YjP()]).optional(),
    privsep: schemas/* union */.KCZ([schemas/* boolean */.zMY(), schemas/* literal */.euz(0), schemas/* literal */.euz(1), schemas/* enum */.k5n(['0', '1', 'true', 'false', 'yes', 'no'])]).optional(),
    privileges: schemas/* union */.KCZ([schemas/* array */.YOg(schemas/* string */.YjP().min(1)), schemas/* string */.YjP()]).optional(),
});
const legacySchema = schemas/* strictObject */.rej({ token_setup: schemas/* array */.YOg(legacyEntrySchema) });

;// CONCATENATED MODULE: ./src/spec/legacy.ts





/** Whether a parsed document is the legacy format rather than a spec. */
function isLegacyDocument(data) {
    return typeof data === 'object' && data !== null && !Array.isArray(data) && 'token_setup' in data && !('version' in data);
}
/** Epoch seconds start here (2001-09-09); smaller numbers are read as lifetimes in seconds. */
const EPOCH_THRESHOLD = 1_000_000_000;
function convertLegacy(source) {
    const parsed = legacySchema.safeParse(source.data);
    if (!parsed.success)
        return { input: { version: 1 }, positions: new Map(), problems: issuesToProblems(parsed.error.issues, source, legacySchema) };
    const c = { source, problems: [], positions: new Map(), users: {}, roles: {}, grants: new Map() };
    parsed.data.token_setup.forEach((entry, i) => addEntry(c, entry, i));
    return { input: specInput(c), positions: c.positions, problems: c.problems };
}
const entryPath = (i, ...rest) => ['token_setup', i, ...rest];
const keyAt = (c, i, field) => locate(c.source, field ? entryPath(i, field) : entryPath(i), 'key');
const legacy_valueAt = (c, i, field) => locate(c.source, entryPath(i, field), 'value');
function problem(c, i, field, message) {
    c.problems.push({ message, position: legacy_valueAt(c, i, field), path: `token_setup.${i}.${field}` });
}
/** The first place that declares a part of the spec is where its problems point. */
function remember(c, key, position) {
    if (!c.positions.has(key))
        c.positions.set(key, position);
}
function addEntry(c, entry, i) {
    const userid = entry.ugid;
    const user = (c.users[userid] ??= { tokens: {} });
    remember(c, '', keyAt(c, 0));
    remember(c, `users.${userid}`, legacy_valueAt(c, i, 'ugid'));
    remember(c, `users.${userid}.tokens`, legacy_valueAt(c, i, 'ugid'));
    if (user.tokens[entry.name]) {
        problem(c, i, 'name', `token '${userid}!${entry.name}' appears twice in token_setup`);
        return;
    }
    const privsep = addToken(c, entry, i, user.tokens);
    if (entry.role === undefined)
        return;
    addRole(c, entry, i, entry.role);
    addGrant(c, entry, i, entry.role, privsep);
}
/** Declares the entry's token on its user; returns its privilege separation. */
function addToken(c, entry, i, tokens) {
    const tokenKey = `users.${entry.ugid}.tokens.${entry.name}`;
    remember(c, tokenKey, legacy_valueAt(c, i, 'name'));
    for (const field of ['comment', 'privsep', 'expire']) {
        if (entry[field] !== undefined)
            remember(c, `${tokenKey}.${field === 'expire' ? 'lifetime' : field}`, keyAt(c, i, field));
    }
    const privsep = readPrivsep(entry.privsep);
    const lifetime = readLifetime(entry.expire);
    if (lifetime === 'absolute') {
        problem(c, i, 'expire', `'expire' is an absolute date; tokens here expire a lifetime after creation: write a duration such as 365d, or 0 for never`);
    }
    else if (lifetime === 'invalid') {
        problem(c, i, 'expire', `'expire' must be 0 / never or a duration such as 90d`);
    }
    tokens[entry.name] = {
        privsep,
        ...(entry.comment !== undefined && { comment: entry.comment }),
        ...(typeof lifetime === 'number' && { lifetime }),
    };
    return privsep;
}
/** Declares the custom role the entry's privileges describe; a role without them exists already. */
function addRole(c, entry, i, role) {
    const privileges = readPrivileges(entry.privileges);
    if (privileges === undefined)
        return;
    const declared = c.roles[role];
    if (!declared) {
        c.roles[role] = { privileges, entry: i };
        remember(c, `roles.${role}`, legacy_valueAt(c, i, 'role'));
        remember(c, `roles.${role}.privileges`, keyAt(c, i, 'privileges'));
        privilegePositions(c.source, i, entry, (name, position) => remember(c, `roles.${role}.privileges[${name}]`, position));
    }
    else if (!sameSet(declared.privileges, privileges)) {
        problem(c, i, 'privileges', `role '${role}' is given different privileges by entry ${declared.entry + 1} and entry ${i + 1}`);
    }
}
/** Adds the entry's user, and its token when privilege-separated, to the one ACL entry of its role. */
function addGrant(c, entry, i, role, privsep) {
    const userid = entry.ugid;
    const fullid = `${userid}!${entry.name}`;
    const grant = c.grants.get(role) ?? { users: new Set(), tokens: new Set(), entry: i };
    c.grants.set(role, grant);
    grant.users.add(userid);
    if (privsep)
        grant.tokens.add(fullid);
    const n = [...c.grants.keys()].indexOf(role);
    remember(c, `acl.${n}`, keyAt(c, grant.entry));
    remember(c, `acl.${n}.path`, keyAt(c, grant.entry));
    remember(c, `acl.${n}.roles[${role}]`, legacy_valueAt(c, i, 'role'));
    remember(c, `acl.${n}.users[${userid}]`, legacy_valueAt(c, i, 'ugid'));
    if (privsep)
        remember(c, `acl.${n}.tokens[${fullid}]`, legacy_valueAt(c, i, 'name'));
}
function specInput(c) {
    return {
        version: 1,
        roles: Object.fromEntries(Object.entries(c.roles).map(([id, r]) => [id, { privileges: r.privileges }])),
        users: c.users,
        acl: [...c.grants].map(([role, g]) => ({
            path: '/',
            roles: [role],
            users: [...g.users],
            ...(g.tokens.size > 0 && { tokens: [...g.tokens] }),
            propagate: true,
        })),
    };
}
function readPrivsep(value) {
    if (value === undefined)
        return true;
    if (typeof value === 'boolean')
        return value;
    return value === 1 || value === '1' || value === 'true' || value === 'yes';
}
function readLifetime(value) {
    if (value === undefined || value === 0 || value === '0' || value === 'never')
        return undefined;
    if (typeof value === 'number')
        return value >= EPOCH_THRESHOLD ? 'absolute' : value;
    if (/^\d{4}-\d{2}-\d{2}/.test(value.trim()))
        return 'absolute';
    const seconds = parseDuration(value);
    if (seconds === undefined)
        return 'invalid';
    return /^\d+$/.test(value.trim()) && seconds >= EPOCH_THRESHOLD ? 'absolute' : seconds;
}
function readPrivileges(value) {
    if (value === undefined)
        return undefined;
    const list = typeof value === 'string' ? value.split(/[\s,;]+/) : value;
    return [...new Set(list.map((p) => p.trim()).filter(Boolean))];
}
/** Where each privilege name is written: its list item, or the one string holding them all. */
function privilegePositions(source, i, entry, set) {
    if (Array.isArray(entry.privileges)) {
        entry.privileges.forEach((name, j) => set(name.trim(), locate(source, ['token_setup', i, 'privileges', j], 'value')));
    }
    else if (typeof entry.privileges === 'string') {
        const at = locate(source, ['token_setup', i, 'privileges'], 'value');
        for (const name of entry.privileges.split(/[\s,;]+/).filter(Boolean))
            set(name, at);
    }
}

;// CONCATENATED MODULE: ./src/spec/load.ts
/**
 * Reading a spec file: YAML or JSON, the current format or the legacy `token_setup.json`.
 * Every problem found is reported at once, each with file, line and column, as one SpecError.
 */







/** Parses spec text; `file` is the name used in positions. Throws SpecError listing every problem. */
function parseSpecText(text, file) {
    const { source, syntax, duplicates } = parseSource(text, file);
    if (syntax.length > 0)
        throw new SpecError(syntax);
    const { data } = source;
    if (data === null || data === undefined) {
        throw new SpecError([
            { message: 'the spec is empty: expected a mapping that starts with version: 1', position: { file, line: 1, column: 1 } },
        ]);
    }
    if (isLegacyDocument(data)) {
        const legacy = convertLegacy(source);
        const problems = sortProblems([...duplicates, ...legacy.problems]);
        if (problems.length > 0)
            throw new SpecError(problems);
        return { file, spec: buildSpec(legacy.input), positions: legacy.positions };
    }
    const parsed = specSchema.safeParse(data);
    const problems = [...duplicates, ...(parsed.success ? [] : issuesToProblems(parsed.error.issues, source, specSchema))];
    if (problems.length > 0 || !parsed.success)
        throw new SpecError(sortProblems(problems));
    return { file, spec: buildSpec(parsed.data), positions: collectPositions(source), repeatedItems: collectRepeatedItems(source) };
}
/**
 * Reads and parses a spec file. `displayPath` (e.g. relative to the repository root) is what
 * positions and annotations show; it defaults to `path`.
 */
async function loadSpecFile(path, displayPath = path) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (err) {
        const code = err.code;
        const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? String(err));
        throw new errors_InputError('spec', `cannot read spec file ${displayPath}: ${reason}`);
    }
    return parseSpecText(text, displayPath);
}
const sortProblems = (problems) => [...problems].sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);

;// CONCATENATED MODULE: ./src/spec/validate.ts

function validateSpec(loaded, options = {}) {
    // In file order, so annotations and terminal output read top to bottom.
    return runSpecRules({ loaded, options })
        .map((finding, i) => ({ finding, i }))
        .sort((a, b) => (a.finding.position?.line ?? 0) - (b.finding.position?.line ?? 0) ||
        (a.finding.position?.column ?? 0) - (b.finding.position?.column ?? 0) ||
        a.i - b.i)
        .map(({ finding }) => finding);
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
;// CONCATENATED MODULE: ./src/cli/login-args.ts
/**
 * How the CLI logs in to Proxmox and trusts its certificate, from flags and the environment:
 * a flag beats the environment, and whatever is then not used is said once.
 */

/** The environment's value, or undefined when the variable is unset or blank (`PROXMOX_FINGERPRINT=`). */
function envValue(env, name) {
    const value = env[name];
    return value !== undefined && value.trim() !== '' ? value : undefined;
}
function requireConnection(options) {
    if (!options.proxmoxUrl) {
        throw new errors_InputError('PROXMOX_URL', `${options.command} needs a cluster: set PROXMOX_URL or pass --url https://host:8006`);
    }
    if (!options.auth) {
        throw new errors_InputError('PROXMOX_TOKEN_ID', 'no Proxmox credentials: set PROXMOX_TOKEN_ID and PROXMOX_TOKEN_SECRET (or pass --token-id), ' +
            'or PROXMOX_USERNAME and PROXMOX_PASSWORD (or pass --username)');
    }
}
/**
 * The login method: a flag beats the environment, so `--username` works in a shell that has a
 * token exported (and says so, since the environment's token is then not used).
 */
function credentials(values, env, notes, usage) {
    const flagToken = values['token-id'];
    const flagUser = values.username;
    if (flagToken !== undefined && flagUser !== undefined) {
        throw new errors_InputError('arguments', `--token-id and --username are two ways to log in: give one\n${usage}`);
    }
    const envToken = envValue(env, 'PROXMOX_TOKEN_ID');
    const envUser = envValue(env, 'PROXMOX_USERNAME');
    if (flagUser !== undefined && envToken !== undefined) {
        notes.push(`note: logging in as --username ${flagUser}; PROXMOX_TOKEN_ID from the environment is not used`);
    }
    if (flagToken !== undefined && envUser !== undefined) {
        notes.push(`note: logging in with --token-id ${flagToken}; PROXMOX_USERNAME from the environment is not used`);
    }
    const tokenId = flagToken ?? (flagUser === undefined ? envToken : undefined);
    const username = flagUser ?? (flagToken === undefined ? envUser : undefined);
    if (tokenId) {
        const secret = envValue(env, 'PROXMOX_TOKEN_SECRET');
        if (!secret)
            throw new errors_InputError('PROXMOX_TOKEN_SECRET', `set PROXMOX_TOKEN_SECRET to the secret of ${tokenId}`);
        return { tokenId, secret };
    }
    if (username) {
        const password = envValue(env, 'PROXMOX_PASSWORD');
        if (!password)
            throw new errors_InputError('PROXMOX_PASSWORD', `set PROXMOX_PASSWORD to the password of ${username}`);
        return { username, password };
    }
    return undefined;
}
/**
 * How the server certificate is trusted. A fingerprint and a CA are two ways to do it: as flags
 * both is a mistake; a flag beats the environment; from the environment alone the fingerprint
 * wins, as it does in the action. Whatever is not used is said once.
 */
function trust(values, env, notes, usage) {
    const flagPin = values.fingerprint;
    const flagCa = values['ca-cert'];
    if (flagPin !== undefined && flagCa !== undefined) {
        throw new errors_InputError('arguments', `--fingerprint and --ca-cert are two ways to trust the server: give one\n${usage}`);
    }
    const envPin = envValue(env, 'PROXMOX_FINGERPRINT');
    const envCa = envValue(env, 'PROXMOX_CA_CERT');
    if (flagCa !== undefined) {
        if (envPin !== undefined)
            notes.push('note: trusting --ca-cert; PROXMOX_FINGERPRINT from the environment is not used');
        return { fingerprint: undefined, caCert: flagCa };
    }
    const fingerprint = flagPin ?? envPin;
    if (fingerprint !== undefined && envCa !== undefined) {
        const pin = flagPin !== undefined ? '--fingerprint' : 'PROXMOX_FINGERPRINT';
        notes.push(`note: trusting the certificate pinned by ${pin}; PROXMOX_CA_CERT is not used`);
        return { fingerprint, caCert: undefined };
    }
    return { fingerprint, caCert: envCa };
}

;// CONCATENATED MODULE: ./src/inputs.ts
/**
 * The action's inputs, read and checked in one place: the only file that knows their names.
 * Everything else gets a typed, defaulted `Inputs`, so a workflow typo fails here, naming the
 * input, before anything talks to a cluster. Credential values never appear in a message.
 * Longer than most files on purpose: input names are known here and nowhere else.
 */
/* eslint-disable max-lines -- the one file that knows every input name (docs/architecture.md) */




const DEFAULT_SPEC = 'proxmox-access.yml';
const MODES = (/* unused pure expression or super */ null && (['auto', 'plan', 'apply', 'drift', 'rotate', 'validate']));
// The same spellings @actions/core's getBooleanInput accepts (YAML 1.2 core schema).
const TRUE = (/* unused pure expression or super */ null && (['true', 'True', 'TRUE']));
const FALSE = (/* unused pure expression or super */ null && (['false', 'False', 'FALSE']));
const MISSING_SECRET_HINT = (/* unused pure expression or super */ null && ('Secrets are not passed to workflows run for pull requests from forks or by Dependabot, and a ' +
    '`${{ secrets.NAME }}` that does not exist expands to an empty string: check the name and where the secret is defined.'));
/** Inputs that hold a credential; `maskCredentialInputs` registers them before anything logs. */
const CREDENTIAL_INPUTS = (/* unused pure expression or super */ null && ([
    'proxmox-token-secret',
    'proxmox-password',
    'secrets-token',
    'github-token',
    'vault-token',
    'realm-secrets',
]));
/**
 * Registers every credential input with the runner's masker, first thing in a run. The runner
 * masks a `${{ secrets.NAME }}` by itself, but not a credential that reaches the input another
 * way (a step output, a variable, an expression that builds it), so the action does not rely on it.
 * A password written into `proxmox-url` is masked too: that input is refused, but it is still a secret.
 */
function maskCredentialInputs(getInput, setSecret) {
    const values = [
        ...CREDENTIAL_INPUTS.map((name) => getInput(name)),
        urlPassword(getInput('proxmox-url')),
        ...realmSecretValues(getInput('realm-secrets')),
    ];
    const masked = new Set();
    for (const value of values) {
        // The whole value as given, as the action uses it (trimmed), and each line on its own.
        for (const part of [value, value.trim(), ...value.split(/\r\n|\r|\n/).map((line) => line.trim())]) {
            if (part.trim() === '' || masked.has(part))
                continue;
            masked.add(part);
            setSecret(part);
        }
    }
}
/** The `mode` input alone, which decides (with the event) whether the others are needed. */
function readModeInput(getInput) {
    return readMode(getInput('mode').trim());
}
/** Reads and validates every input; throws `InputError` naming the first bad one. */
function readInputs(getInput, options = {}) {
    const read = (name) => getInput(name).trim();
    const mode = readMode(read('mode'));
    const url = options.offline ? undefined : readProxmoxUrl(read('proxmox-url'));
    const auth = options.offline ? undefined : readAuth(read);
    const tls = options.offline ? { insecure: false } : readTls(read);
    const githubToken = read('github-token');
    const secretsToken = read('secrets-token');
    const pullRequest = readPullRequest(read('pull-request'), mode);
    const vault = options.offline ? undefined : readVaultInputs(read);
    const realmSecrets = options.offline ? undefined : readRealmSecrets(read('realm-secrets'));
    const setRealmSecrets = options.offline ? [] : readSetRealmSecrets(read('set-realm-secrets'), realmSecrets);
    const syncRealms = options.offline ? [] : readSyncRealms(read('sync-realms'));
    return {
        mode,
        spec: read('spec') || DEFAULT_SPEC,
        ...(url === undefined ? {} : { proxmoxUrl: url }),
        ...(auth === undefined ? {} : { auth }),
        ...tls,
        ...(githubToken === '' ? {} : { githubToken }),
        ...(secretsToken === '' ? {} : { secretsToken }),
        comment: readBoolean(read, 'comment', true),
        requireApprovedPlan: readBoolean(read, 'require-approved-plan', true),
        rotate: readRotate(read('rotate')),
        failOnDrift: readBoolean(read, 'fail-on-drift', false),
        driftIssue: readBoolean(read, 'drift-issue', true),
        allowDeletions: readBoolean(read, 'allow-deletions', true),
        ...(pullRequest === undefined ? {} : { pullRequest }),
        ...(vault === undefined ? {} : { vault }),
        ...(realmSecrets === undefined ? {} : { realmSecrets }),
        ...(setRealmSecrets.length === 0 ? {} : { setRealmSecrets }),
        ...(syncRealms.length === 0 ? {} : { syncRealms }),
    };
}
/** Realm ids, comma or line separated, or `all` (every declared `ldap` and `ad` realm). */
function readSyncRealms(value) {
    if (value === 'all')
        return 'all';
    const realms = [...new Set(value.split(/[,\n]/).map((item) => item.trim()))].filter((item) => item !== '');
    const bad = realms.find((realm) => !REALM_PATTERN.test(realm));
    if (bad !== undefined)
        throw new InputError('sync-realms', `sync-realms: '${oneLine(bad)}' is not a realm id (or write all)`);
    return realms;
}
/** Realm ids, comma or line separated, each of which `realm-secrets` must name. */
function readSetRealmSecrets(value, secrets) {
    const realms = [...new Set(value.split(/[,\n]/).map((item) => item.trim()))].filter((item) => item !== '');
    for (const realm of realms) {
        if (!REALM_PATTERN.test(realm))
            throw new InputError('set-realm-secrets', `set-realm-secrets: '${oneLine(realm)}' is not a realm id`);
        if (secrets?.[realm] === undefined) {
            throw new InputError('set-realm-secrets', `set-realm-secrets names realm '${realm}', but realm-secrets holds no secret for it`);
        }
    }
    return realms;
}
/** Each secret in `realm-secrets`, for the masker; nothing when the text is no JSON object (readInputs then refuses it). */
function realmSecretValues(text) {
    try {
        const parsed = JSON.parse(text);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
            return [];
        return Object.values(parsed).filter((v) => typeof v === 'string');
    }
    catch {
        return [];
    }
}
/** `realm-secrets` (in the CLI `PROXMOX_REALM_SECRETS`): JSON realm id → secret; a message never quotes it, it is a credential. */
function readRealmSecrets(text, name = 'realm-secrets') {
    if (text === '')
        return undefined;
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new errors_InputError(name, `${name} must be a JSON object of realm id → secret, e.g. {"ldap1": "\${{ secrets.LDAP_BIND }}"}; it is not valid JSON`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new errors_InputError(name, `${name} must be a JSON object of realm id → secret`);
    }
    const entries = Object.entries(parsed);
    for (const [realm, value] of entries) {
        if (typeof value !== 'string' || value === '') {
            throw new errors_InputError(name, `${name}: the value for realm '${log_line_oneLine(realm)}' must be a non-empty string`);
        }
    }
    return Object.fromEntries(entries);
}
/** Only a plan posts the comment a merge's apply trusts; nothing else may act on another ref's spec. */
function readPullRequest(value, mode) {
    if (value === '')
        return undefined;
    if (!/^#?[1-9]\d{0,9}$/.test(value)) {
        throw new InputError('pull-request', `pull-request must be a pull request number, e.g. 42, got '${oneLine(value)}'`);
    }
    if (mode !== 'plan') {
        throw new InputError('pull-request', `pull-request plans that pull request's spec and posts its plan comment: set mode: plan with it (mode is ${mode})`);
    }
    return Number(value.replace('#', ''));
}
/** The cluster address and credentials a live mode needs; throws `InputError` explaining what is missing. */
function inputs_requireConnection(inputs, mode) {
    if (inputs.proxmoxUrl === undefined) {
        throw new InputError('proxmox-url', `mode ${mode} reads the live cluster and needs proxmox-url (https://host:8006); only mode validate works without a cluster`);
    }
    if (inputs.auth === undefined) {
        throw new InputError('proxmox-token-id', `mode ${mode} needs credentials: proxmox-token-id and proxmox-token-secret (an API token), or proxmox-username and proxmox-password. ${MISSING_SECRET_HINT}`);
    }
    return { url: inputs.proxmoxUrl, auth: inputs.auth };
}
function readMode(value) {
    const mode = (value || 'auto').toLowerCase();
    const known = MODES.find((m) => m === mode);
    if (known === undefined) {
        throw new InputError('mode', `mode '${oneLine(value)}' is not one of ${MODES.join(', ')}`);
    }
    return known;
}
function readBoolean(read, name, fallback) {
    const value = read(name);
    if (value === '')
        return fallback;
    if (TRUE.includes(value))
        return true;
    if (FALSE.includes(value))
        return false;
    throw new InputError(name, `${name} must be true or false (true | True | TRUE | false | False | FALSE), got '${oneLine(value)}'`);
}
/**
 * Where a URL's userinfo would be: after the scheme, up to the last `@`. Taken that wide on
 * purpose, so a URL that does not parse (`https://u:p@ss@host`, a space in the host) still has
 * its password found and hidden.
 */
const USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)?(.*)@/s;
/** The password part of a URL's userinfo, or `''`. */
function urlPassword(value) {
    const userinfo = USERINFO.exec(value.trim())?.[2] ?? '';
    const colon = userinfo.indexOf(':');
    return colon < 0 ? '' : userinfo.slice(colon + 1);
}
/** The URL as a message may show it: userinfo replaced by `***`, on one line. */
function redactUrl(value) {
    return oneLine(value.replace(USERINFO, (_all, scheme) => `${scheme ?? ''}***@`));
}
function readProxmoxUrl(value) {
    if (value === '')
        return undefined;
    const shown = redactUrl(value);
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new InputError('proxmox-url', `proxmox-url '${shown}' is not a URL; expected https://host:8006`);
    }
    // Checked before anything echoes the value: a URL with user:password@ must not reach a log.
    if (url.username !== '' || url.password !== '') {
        throw new InputError('proxmox-url', 'proxmox-url must not carry credentials; use proxmox-token-id/-secret or proxmox-username/-password');
    }
    if (url.protocol !== 'https:') {
        throw new InputError('proxmox-url', `proxmox-url must use https (the PVE API listens on HTTPS only, port 8006 by default), got '${shown}'`);
    }
    if (url.search !== '' || url.hash !== '') {
        throw new InputError('proxmox-url', `proxmox-url must be a base URL without query or fragment, got '${shown}'`);
    }
    return value.replace(/\/+$/, '');
}
function readAuth(read) {
    const tokenId = read('proxmox-token-id');
    const secret = read('proxmox-token-secret');
    const username = read('proxmox-username');
    const password = read('proxmox-password');
    const wantsToken = tokenId !== '' || secret !== '';
    const wantsTicket = username !== '' || password !== '';
    if (wantsToken && wantsTicket) {
        throw new InputError('proxmox-username', 'set either proxmox-token-id and proxmox-token-secret, or proxmox-username and proxmox-password, not both');
    }
    if (wantsToken) {
        if (tokenId === '')
            throw new InputError('proxmox-token-id', 'proxmox-token-secret is set but proxmox-token-id is empty; set it to user@realm!name');
        checkTokenId('proxmox-token-id', tokenId);
        if (secret === '')
            throw new InputError('proxmox-token-secret', `proxmox-token-id is set but proxmox-token-secret is empty. ${MISSING_SECRET_HINT}`);
        return { tokenId, secret };
    }
    if (wantsTicket) {
        if (username === '')
            throw new InputError('proxmox-username', 'proxmox-password is set but proxmox-username is empty; set it to user@realm');
        if (!USERID_PATTERN.test(username)) {
            throw new InputError('proxmox-username', 'proxmox-username must be user@realm, e.g. automation@pve or root@pam');
        }
        if (password === '')
            throw new InputError('proxmox-password', `proxmox-username is set but proxmox-password is empty. ${MISSING_SECRET_HINT}`);
        return { username, password };
    }
    return undefined;
}
/** The value is never echoed: people paste `id=secret`, or the secret itself, into the id field. */
function checkTokenId(input, value) {
    if (value.includes('=')) {
        throw new InputError(input, `${input} looks like a whole token string (id=secret): give only the token id, user@realm!name (the secret belongs in proxmox-token-secret)`);
    }
    if (!TOKEN_ID_PATTERN.test(value)) {
        throw new InputError(input, `${input} must look like user@realm!name, e.g. automation@pve!ci`);
    }
}
function readTls(read) {
    const fingerprint = read('proxmox-fingerprint');
    const caCert = read('proxmox-ca-cert');
    const insecure = readBoolean(read, 'proxmox-insecure', false);
    if (fingerprint !== '')
        checkFingerprint('proxmox-fingerprint', fingerprint);
    if (fingerprint !== '' && caCert !== '') {
        throw new InputError('proxmox-ca-cert', 'set proxmox-fingerprint or proxmox-ca-cert, not both: a pinned fingerprint alone decides which certificate is trusted');
    }
    if (insecure && (fingerprint !== '' || caCert !== '')) {
        throw new InputError('proxmox-insecure', 'proxmox-insecure: true turns verification off, which contradicts proxmox-fingerprint / proxmox-ca-cert; drop it');
    }
    return {
        ...(fingerprint === '' ? {} : { fingerprint }),
        ...(caCert === '' ? {} : { caCert }),
        insecure,
    };
}
function checkFingerprint(input, value) {
    const hex = value.replace(/:/g, '');
    if (/^[0-9a-fA-F]{64}$/.test(hex))
        return;
    const hint = /^[0-9a-fA-F]{40}$/.test(hex) ? ' This looks like a SHA-1 fingerprint; PVE shows the SHA-256 one too.' : '';
    const where = input === 'proxmox-fingerprint'
        ? 'as the PVE UI shows it (Node → System → Certificates)'
        : '(openssl x509 -noout -fingerprint -sha256)';
    throw new InputError(input, `${input} must be the certificate's SHA-256 fingerprint, 32 hex bytes separated by colons ${where}.${hint}`);
}
function readRotate(value) {
    const items = value
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
    if (items.some((item) => item.toLowerCase() === 'all')) {
        if (items.length === 1)
            return 'all';
        throw new InputError('rotate', 'rotate is either all or a list of token ids, not both');
    }
    for (const item of items) {
        if (item.includes('='))
            checkTokenId('rotate', item);
        if (!TOKEN_ID_PATTERN.test(item))
            throw new InputError('rotate', `rotate: '${oneLine(item)}' is not a full token id user@realm!name`);
    }
    return [...new Set(items)];
}
/** The Vault settings, or undefined when `vault-url` is not set; throws InputError naming a bad input. */
function readVaultInputs(read) {
    const url = read('vault-url');
    const others = ['vault-namespace', 'vault-role', 'vault-audience', 'vault-token', 'vault-ca-cert', 'vault-fingerprint'].filter((name) => read(name) !== '');
    if (url === '') {
        if (others.length > 0)
            throw new InputError(others[0], `${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} set but vault-url is empty`);
        return undefined;
    }
    try {
        parseVaultUrl(url);
    }
    catch (err) {
        throw new InputError('vault-url', `vault-url: ${err instanceof Error ? err.message : String(err)}`);
    }
    const role = read('vault-role');
    const token = read('vault-token');
    if (role === '' && token === '') {
        throw new InputError('vault-role', 'vault-url is set but neither vault-role (a JWT login with the workflow OIDC token; the job needs `permissions: id-token: write`) nor vault-token is');
    }
    const fingerprint = read('vault-fingerprint');
    const caCert = read('vault-ca-cert');
    if (fingerprint !== '')
        checkFingerprint('vault-fingerprint', fingerprint);
    if (fingerprint !== '' && caCert !== '') {
        throw new InputError('vault-ca-cert', 'set vault-fingerprint or vault-ca-cert, not both: a pinned fingerprint alone decides which certificate is trusted');
    }
    const namespace = read('vault-namespace');
    if (/[\p{Cc}\p{Cf}]/u.test(namespace))
        throw new InputError('vault-namespace', `vault-namespace '${oneLine(namespace)}' holds an invisible character`);
    return {
        url: url.replace(/\/+$/, ''),
        ...(namespace === '' ? {} : { namespace }),
        ...(role === '' ? {} : { role }),
        audience: read('vault-audience') || url.replace(/\/+$/, ''),
        // With a role the token is not used: the login is preferred, and a token left over is ignored.
        ...(token === '' || role !== '' ? {} : { token }),
        ...(caCert === '' ? {} : { caCert }),
        ...(fingerprint === '' ? {} : { fingerprint }),
    };
}

;// CONCATENATED MODULE: ./src/cli/env-settings.ts
/** Settings the CLI takes from the environment only: credentials for GitHub targets and realm secrets. */


function envSettings(repositoryFlag, env) {
    return {
        secretsToken: envValue(env, 'GITHUB_SECRETS_TOKEN'),
        repository: repositoryFlag ?? envValue(env, 'GITHUB_REPOSITORY'),
        githubApiUrl: envValue(env, 'GITHUB_API_URL') ?? 'https://api.github.com',
        realmSecrets: readRealmSecrets(envValue(env, 'PROXMOX_REALM_SECRETS') ?? '', 'PROXMOX_REALM_SECRETS'),
    };
}

;// CONCATENATED MODULE: ./src/cli/args.ts
/**
 * Command-line arguments of the CLI. Secrets come from the environment only, so they never sit
 * in shell history or a process listing. Every option belongs to the commands it changes; any
 * other use is an error, so a misplaced option never looks as if it had been obeyed.
 */






const COMMANDS = ['validate', 'plan', 'apply', 'drift', 'rotate', 'export', 'simulate'];
const USAGE = `Usage: proxmox-access <command> [<spec file>] [options]

Commands:
  validate          check the spec offline (schema, privileges, ACL paths)
  plan              show what apply would change on the cluster
  apply             apply the plan (asks for confirmation unless --yes)
  drift             report what changed on the cluster behind the spec's back
  rotate            rotate only the tokens that are due, change nothing else (asks unless --yes)
  export            write a spec from the live cluster (token secrets are never readable)
  simulate          run a simulated Proxmox VE on this machine to try the other commands

Options:
  --spec <file>           spec file (default proxmox-access.yml; or give it after the command)
  --url <url>             https://host:8006            (env PROXMOX_URL)
  --token-id <id>         user@realm!name              (env PROXMOX_TOKEN_ID; secret in PROXMOX_TOKEN_SECRET)
  --username <user>       ticket login instead         (env PROXMOX_USERNAME; password in PROXMOX_PASSWORD)
  --fingerprint <sha256>  pin the server certificate   (env PROXMOX_FINGERPRINT)
  --ca-cert <file|pem>    trust this CA                (env PROXMOX_CA_CERT)
  --insecure              skip TLS verification (not recommended)
  --rotate <ids|all>      plan, apply, rotate: rotate these tokens now (comma separated full ids)
  --no-deletions          plan, apply: refuse any delete
  --repository <o/r>      apply, rotate: repository for github-secret targets (env GITHUB_REPOSITORY; token in GITHUB_SECRETS_TOKEN)
  --yes                   apply, rotate: do not ask
  PROXMOX_REALM_SECRETS   plan, apply (environment only): JSON realm id → bind password or client key, sent when the realm is created
  --json                  plan, drift: print JSON instead of text
  --audit                 drift: print the token inventory (every token, its privileges, expiry, targets) as JSON
  --no-color              plan, apply: plain text
  --out <file>            export: write the spec here
  --force                 export: overwrite the --out file if it exists
  --empty                 simulate: start with a new node (root@pam only) instead of the demo cluster
  --version               print the version
  --help                  print this help
`;
const HELP_HINT = 'run `proxmox-access --help` for the commands and options';
const OPTIONS = {
    spec: { type: 'string', placeholder: '<file>' },
    url: { type: 'string', placeholder: '<url>' },
    'token-id': { type: 'string', placeholder: '<id>' },
    username: { type: 'string', placeholder: '<user>' },
    fingerprint: { type: 'string', placeholder: '<sha256>' },
    'ca-cert': { type: 'string', placeholder: '<file|pem>' },
    insecure: { type: 'boolean' },
    rotate: { type: 'string', placeholder: '<ids|all>' },
    'no-deletions': { type: 'boolean' },
    repository: { type: 'string', placeholder: '<owner/repo>' },
    yes: { type: 'boolean' },
    json: { type: 'boolean' },
    audit: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    out: { type: 'string', placeholder: '<file>' },
    force: { type: 'boolean' },
    empty: { type: 'boolean' },
};
const PARSE_OPTIONS = Object.fromEntries(Object.entries(OPTIONS).map(([name, { type }]) => [name, { type }]));
const CONNECTION = ['url', 'token-id', 'username', 'fingerprint', 'ca-cert', 'insecure'];
/** The options each command reads; `spec` also says that the command takes a spec file argument. */
const COMMAND_OPTIONS = {
    validate: ['spec'],
    plan: ['spec', ...CONNECTION, 'rotate', 'no-deletions', 'json', 'no-color'],
    apply: ['spec', ...CONNECTION, 'rotate', 'no-deletions', 'repository', 'yes', 'no-color'],
    drift: ['spec', ...CONNECTION, 'json', 'audit'],
    rotate: ['spec', ...CONNECTION, 'rotate', 'repository', 'yes'],
    export: [...CONNECTION, 'out', 'force'],
    simulate: ['empty'],
};
/** `Usage: proxmox-access plan [<spec file>] [--spec <file>] …` for one command. */
function commandUsage(command) {
    const options = COMMAND_OPTIONS[command];
    const file = options.includes('spec') ? ' [<spec file>]' : '';
    const flags = options.map((name) => {
        const option = OPTIONS[name];
        const placeholder = 'placeholder' in option ? ` ${option.placeholder}` : '';
        return `[--${name}${placeholder}]`;
    });
    return `Usage: proxmox-access ${command}${file} ${flags.join(' ')}`;
}
function parseCliArgs(argv, env, isTTY) {
    const { values, positionals } = parseOptions(argv);
    const command = positionals[0];
    if (!command || !COMMANDS.includes(command)) {
        const problem = command ? `unknown command "${command}"` : 'a command is required';
        throw new errors_InputError('command', `${problem} (one of ${COMMANDS.join(', ')}); ${HELP_HINT}`);
    }
    const cmd = command;
    checkApplicable(cmd, values);
    if (values.audit && values.json) {
        throw new errors_InputError('arguments', `--audit and --json each print a JSON document of their own: give one\n${commandUsage(cmd)}`);
    }
    if (values.force && values.out === undefined) {
        throw new errors_InputError('arguments', `--force only lets --out replace an existing file; without --out, export writes to stdout\n${commandUsage(cmd)}`);
    }
    const spec = specFile(cmd, values.spec, positionals.slice(1));
    const connects = COMMAND_OPTIONS[cmd].includes('url');
    const notes = [];
    const options = {
        command: cmd,
        spec,
        proxmoxUrl: values.url ?? envValue(env, 'PROXMOX_URL'),
        // Commands that never connect must not fail on a half-set credential in the environment.
        auth: connects ? credentials(values, env, notes, commandUsage(cmd)) : undefined,
        ...trust(values, env, notes, commandUsage(cmd)),
        insecure: values.insecure ?? false,
        yes: values.yes ?? false,
        json: values.json ?? false,
        audit: values.audit ?? false,
        color: isTTY && !values['no-color'] && !envValue(env, 'NO_COLOR'),
        rotate: parseRotate(values.rotate),
        allowDeletions: !values['no-deletions'],
        out: values.out,
        force: values.force ?? false,
        empty: values.empty ?? false,
        ...envSettings(values.repository, env),
        notes,
    };
    if (connects)
        requireConnection(options);
    return options;
}
function parseOptions(argv) {
    try {
        return (0,external_node_util_.parseArgs)({ args: [...argv], allowPositionals: true, options: PARSE_OPTIONS });
    }
    catch (err) {
        // node:util reports unknown or malformed options as TypeErrors with an ERR_PARSE_ARGS_* code.
        const code = err.code ?? '';
        if (!code.startsWith('ERR_PARSE_ARGS'))
            throw err;
        throw new errors_InputError('arguments', parseProblem(code, err.message, argv));
    }
}
/** node:util's wording names its own placeholders (`<value>`); this says it the CLI's way, with the usage. */
function parseProblem(code, nodeMessage, argv) {
    const command = argv.find((arg) => COMMANDS.includes(arg));
    const usage = command !== undefined ? commandUsage(command) : HELP_HINT;
    const option = /'(-[^' ]*)/.exec(nodeMessage)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
        const guess = closestOption(option, command);
        const hint = guess !== undefined ? ` (did you mean --${guess}?)` : '';
        return `unknown option ${option}${hint}\n${usage}`;
    }
    const name = option.replace(/^-+/, '');
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && name in OPTIONS) {
        const spec = OPTIONS[name];
        if ('placeholder' in spec)
            return `${option} needs a value: ${option} ${spec.placeholder}\n${usage}`;
        return `${option} takes no value: give ${option} alone\n${usage}`;
    }
    return `${log_line_oneLine(nodeMessage.split('\n')[0] ?? '')}\n${usage}`;
}
/** The option a typo most likely meant: the command's own options first, then any. */
function closestOption(typed, command) {
    const bare = typed.replace(/^-+/, '').split('=')[0] ?? '';
    const pick = (names) => names
        .map((name) => ({ name, distance: editDistance(bare, name) }))
        .filter(({ distance }) => distance <= Math.max(1, Math.floor(bare.length / 3)))
        .sort((a, b) => a.distance - b.distance)[0]?.name;
    return (command !== undefined ? pick(COMMAND_OPTIONS[command]) : undefined) ?? pick(Object.keys(OPTIONS));
}
function checkApplicable(command, values) {
    const allowed = COMMAND_OPTIONS[command];
    for (const [name, value] of Object.entries(values)) {
        if (!allowed.includes(name)) {
            const owners = COMMANDS.filter((c) => COMMAND_OPTIONS[c].includes(name));
            throw new errors_InputError('arguments', `--${name} does not apply to ${command} (only to ${owners.join(', ')})\n${commandUsage(command)}`);
        }
        // `--fingerprint "$FP"` with FP unset must not quietly mean "no fingerprint".
        if (value === '')
            throw new errors_InputError('arguments', `--${name} was given an empty value\n${commandUsage(command)}`);
    }
}
function specFile(command, flag, rest) {
    const takesSpec = COMMAND_OPTIONS[command].includes('spec');
    if (rest.length > (takesSpec ? 1 : 0)) {
        const extra = rest
            .slice(takesSpec ? 1 : 0)
            .map((a) => `"${a}"`)
            .join(' ');
        throw new errors_InputError('arguments', `unexpected argument ${extra} after ${command}\n${commandUsage(command)}`);
    }
    const positional = rest[0];
    if (positional !== undefined && flag !== undefined && positional !== flag) {
        throw new errors_InputError('arguments', `two spec files given ("${positional}" and --spec "${flag}"): give one\n${commandUsage(command)}`);
    }
    return positional ?? flag ?? 'proxmox-access.yml';
}
function parseRotate(value) {
    if (!value)
        return [];
    if (value.trim() === 'all')
        return 'all';
    return value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean);
}

;// CONCATENATED MODULE: ./src/secrets/sink-names.ts

function sinkNames(client) {
    const github = (target) => (client ? client.describe(target) : describeTarget(target, undefined));
    return {
        github,
        ofChange: (change) => change.deliver.map((t) => (t.kind === 'output' ? describeOutput(t) : t.kind === 'vault' ? describeVault(t) : github(t))),
    };
}
/** The `github-secret` targets of a change, in its order. */
const githubTargets = (change) => change.deliver.filter((t) => t.kind === 'github-secret');

;// CONCATENATED MODULE: ./src/secrets/vault-sink.ts
/**
 * Delivery into Vault / OpenBao (docs/vault.md): the preflight that checks every Vault target
 * before the first write on Proxmox, and the write itself, merged into the secret with
 * check-and-set and read again once when another writer came in between.
 */





/** The `vault` targets of a change, in its order. */
const vaultTargets = (change) => change.deliver.filter((t) => t.kind === 'vault');
/** Each Vault secret once, however many tokens or fields name it. */
function distinctSecrets(targets) {
    const bySecret = new Map();
    for (const target of targets)
        bySecret.set(`${target.mount}/${target.path}`, target);
    return [...bySecret.values()];
}
const NO_VAULT_ADVICE = ownMessage('set `vault-url`, and `vault-role` (a JWT login with the workflow OIDC token, which needs `permissions: id-token: write`) or `vault-token`');
/**
 * Every problem of the Vault targets, or none: logs in (the login's own failure is one problem
 * naming every target), then checks each mount and the token's capabilities on each path.
 */
async function vaultPreflightProblems(targets, vault, logger) {
    if (targets.length === 0)
        return [];
    const names = targets.map(describeVault).join(', ');
    if (!vault)
        return [new SecretDeliveryError(names, message `no Vault is configured for these targets: ${NO_VAULT_ADVICE}`)];
    let client;
    try {
        client = await vault();
    }
    catch (err) {
        return [new SecretDeliveryError(names, `cannot log in to Vault: ${errorMessage(err)}`, { cause: err })];
    }
    const secrets = distinctSecrets(targets);
    let report;
    try {
        report = await preflightVaultTargets(client, secrets);
    }
    catch (err) {
        return [new SecretDeliveryError(names, errorMessage(err), { cause: err })];
    }
    if (report.problems.length === 0)
        logger.info(`secret delivery: ${secrets.length} Vault secret(s) writable`);
    return report.problems.map((p) => new SecretDeliveryError(`vault ${p.target}`, p.message));
}
/**
 * Merges the token's fields into the secret with check-and-set. A conflict means another writer
 * added a version between the read and the write and nothing was written, so one more read and
 * write is safe; a second conflict is left to the caller's deliver-or-revoke.
 */
async function writeVaultSecret(client, target, write, logger) {
    const fields = deliveredFields(target, { value: write.value, tokenId: write.tokenId, expiresAt: write.expiresAt });
    try {
        return await client.writeFields(target, fields);
    }
    catch (err) {
        if (!(err instanceof VaultCasConflict))
            throw err;
        logger.warning(`${describeVault({ kind: 'vault', ...target })}: ${errorMessage(err)}; reading it again and writing once more`);
        return client.writeFields(target, fields);
    }
}

;// CONCATENATED MODULE: ./src/secrets/delivery-preflight.ts
/**
 * Everything that would stop a delivery, found before the first write: names GitHub or the runner
 * refuse, two tokens writing one sink, GitHub targets that cannot be reached or written, and
 * Vault targets the run cannot log in for, whose mount is not KV version 2, or whose policy is short.
 * All problems are reported together, so one fix round is enough.
 */








/** Only these produce a secret; updates and deletes deliver nothing. */
const makesSecret = (change) => change.action === 'create' || change.action === 'rotate';
/** Throws a DeliveryPreflightError listing every problem of the changes that produce a secret. */
async function preflightDelivery(changes, sinks, github, logger, vault) {
    const producing = changes.filter(makesSecret);
    const targets = distinctGitHubTargets(producing, sinks);
    const problems = [
        ...nameProblems(producing, sinks),
        ...collisions(producing, sinks),
        ...(await reachabilityProblems(targets, sinks, github)),
        ...(await vaultPreflightProblems(producing.flatMap(vaultTargets), vault, logger)),
    ];
    if (problems.length > 0)
        throw new DeliveryPreflightError(problems);
    if (targets.length > 0)
        logger.info(`secret delivery: ${count_count(targets.length, 'GitHub secret target')} reachable`);
}
function nameProblems(changes, sinks) {
    return changes.flatMap((change) => change.deliver.flatMap((t) => {
        if (t.kind === 'vault')
            return [];
        const problem = t.kind === 'output' ? outputNameProblem(t.name) : targets_secretNameProblem(t.name);
        const sink = t.kind === 'output' ? describeOutput(t) : sinks.github(t);
        return problem ? [new SecretDeliveryError(sink, problem)] : [];
    }));
}
/** Two tokens writing one sink would leave one of them with a secret nobody holds. */
function collisions(changes, sinks) {
    const owners = new Map();
    const problems = [];
    for (const change of changes) {
        const named = new Map(sinks.ofChange(change).map((d) => [d.replace(/ \(visibility .*\)$/, '').toLowerCase(), d]));
        for (const [key, sink] of named) {
            const other = owners.get(key);
            if (other !== undefined && other !== change.fullid) {
                problems.push(new SecretDeliveryError(sink, `both ${other} and ${change.fullid} deliver here; one would overwrite the other`));
            }
            owners.set(key, change.fullid);
        }
    }
    return problems;
}
function distinctGitHubTargets(changes, sinks) {
    const byDescription = new Map();
    for (const target of changes.flatMap(githubTargets))
        byDescription.set(sinks.github(target), target);
    return [...byDescription.values()];
}
/** Without a client, one problem naming every target; with one, a problem per target it cannot reach. */
async function reachabilityProblems(targets, sinks, github) {
    if (targets.length === 0)
        return [];
    if (!github) {
        const names = targets.map((target) => sinks.github(target)).join(', ');
        const s = targets.length === 1 ? 's' : '';
        return [
            new SecretDeliveryError('secrets-token', message `no \`secrets-token\` was given, but ${names} need${s} one. ${NO_SECRETS_TOKEN_ADVICE}`),
        ];
    }
    const problems = [];
    for (const target of targets) {
        try {
            await github.check(target);
        }
        catch (err) {
            problems.push(asDeliveryError(sinks.github(target), err));
        }
    }
    return problems;
}
/** `err` as it is when it already names its sink, otherwise wrapped with `sink`. */
const asDeliveryError = (sink, err) => err instanceof SecretDeliveryError ? err : new SecretDeliveryError(sink, errorMessage(err), { cause: err });
const NO_SECRETS_TOKEN_ADVICE = ownMessage('GITHUB_TOKEN cannot write Actions secrets; pass a GitHub App token or fine-grained PAT with `Secrets: write` ' +
    '(repository) / `Secrets: write` on environments / `Organization secrets: write` as `secrets-token`');

;// CONCATENATED MODULE: ./src/secrets/format.ts
const TOKEN_FORMATS = ['full', 'secret', 'header', 'json'];
/**
 * - `full`: `user@realm!tokenid=<uuid>`
 * - `secret`: the UUID alone
 * - `header`: the whole `Authorization` header value PVE expects, `PVEAPIToken=user@realm!tokenid=<uuid>`
 * - `json`: `{"id":"user@realm!tokenid","secret":"<uuid>"}`
 */
function formatSecret(secret, format) {
    switch (format) {
        case 'full':
            return `${secret.fullTokenId}=${secret.value}`;
        case 'secret':
            return secret.value;
        case 'header':
            return `PVEAPIToken=${secret.fullTokenId}=${secret.value}`;
        case 'json':
            return JSON.stringify({ id: secret.fullTokenId, secret: secret.value });
    }
}
/**
 * Every string that carries the secret, for masking: the runner's masker matches exact strings,
 * and a derived form printed before it is registered would show in clear.
 */
function secretForms(secret) {
    const forms = [secret.value, ...TOKEN_FORMATS.map((f) => formatSecret(secret, f))];
    return [...new Set(forms)];
}

;// CONCATENATED MODULE: ./src/secrets/delivery.ts
/**
 * The SecretDelivery the action uses: masks every form of a new secret first, then sets the
 * `deliver: output:` step outputs, seals the secret into each `github-secret` target and writes
 * it into each `vault` target.
 * It also remembers what it delivered, for the `tokens` output.
 */








function createSecretDelivery(options) {
    const tokens = new Map();
    const sinks = sinkNames(options.github);
    // Own properties, not methods of a prototype: callers wrap a delivery by spreading it.
    return {
        preflight: (changes) => preflightDelivery(changes, sinks, options.github, options.logger, options.vault),
        deliver: async (change, secret) => {
            const delivered = await deliverSecret(change, secret, sinks, options);
            tokens.set(change.fullid, { id: change.fullid, secret: secret.value });
            return delivered;
        },
        describe: (change) => sinks.ofChange(change),
        tokensOutput: () => Object.fromEntries(tokens),
    };
}
/** Hands the secret to every target of the change: outputs first, then GitHub secrets, in order. */
async function deliverSecret(change, secret, sinks, options) {
    // Before anything can log, return or throw a form of the secret.
    for (const form of secretForms(secret))
        if (form.trim() !== '')
            options.mask(form);
    checkSecret(change, secret);
    const value = formatSecret(secret, change.format);
    const delivered = [];
    setOutputs(change, value, options.setOutput, delivered);
    await putGitHubSecrets(change, value, sinks, options, delivered);
    await putVaultSecrets(change, value, options, delivered);
    return delivered;
}
function checkSecret(change, secret) {
    const tokenSink = `token ${change.fullid}`;
    if (secret.value.trim() === '')
        throw new SecretDeliveryError(tokenSink, 'Proxmox returned an empty secret');
    if (secret.fullTokenId !== change.fullid) {
        throw new SecretDeliveryError(tokenSink, `the secret belongs to ${secret.fullTokenId}, not ${change.fullid}`);
    }
}
/** Sets each `output` target, recording it in `delivered`. */
function setOutputs(change, value, setOutput, delivered) {
    for (const target of change.deliver) {
        if (target.kind !== 'output')
            continue;
        try {
            setOutput(target.name, value);
        }
        catch (err) {
            throw new IncompleteDeliveryError(describeOutput(target), errorMessage(err), delivered, { cause: err });
        }
        delivered.push(describeOutput(target));
    }
}
/** Seals the value into each `github-secret` target, recording it in `delivered`. */
async function putGitHubSecrets(change, value, sinks, { github, logger }, delivered) {
    for (const target of githubTargets(change)) {
        const sink = sinks.github(target);
        if (!github)
            throw new IncompleteDeliveryError(sink, ownMessage('no `secrets-token` was given'), delivered);
        try {
            const result = await github.putSecret(target, value);
            logger.info(`${change.fullid}: secret ${result} in ${sink}`);
        }
        catch (err) {
            // The detail, without the sink, so the re-wrapped error does not name the sink twice.
            throw new IncompleteDeliveryError(sink, asDeliveryError(sink, err).detail, delivered, { cause: err });
        }
        delivered.push(sink);
    }
}
/** Writes the value into each `vault` target, recording it in `delivered`. */
async function putVaultSecrets(change, value, options, delivered) {
    const targets = vaultTargets(change);
    if (targets.length === 0)
        return;
    const expiresAt = change.lifetime !== undefined && options.now ? new Date((options.now() + change.lifetime) * 1000).toISOString() : undefined;
    for (const target of targets) {
        const sink = describeVault(target);
        try {
            if (!options.vault)
                throw new SecretDeliveryError(sink, ownMessage('no `vault-url` was given'));
            const client = await options.vault();
            const written = await writeVaultSecret(client, target, { value, tokenId: change.fullid, expiresAt }, options.logger);
            options.logger.info(`${change.fullid}: secret written to ${sink} (version ${written.version})`);
        }
        catch (err) {
            throw new IncompleteDeliveryError(sink, asDeliveryError(sink, err).detail, delivered, { cause: err });
        }
        delivered.push(sink);
    }
}

;// CONCATENATED MODULE: ./src/cli/delivery.ts

const PRINTED_HERE = 'printed to this terminal';
/** `github` is the run session's secrets client, when GITHUB_SECRETS_TOKEN was given. */
function cliSecretDelivery(github, io, logger) {
    const outputs = new Map();
    const delivery = createSecretDelivery({
        mask: () => { },
        setOutput: (name, value) => void outputs.set(name, value),
        ...(github ? { github } : {}),
        logger,
    });
    // A token with no deliver target has its secret nowhere else (the action's `tokens` output
    // holds it); without printing it here it would live with a secret nobody holds.
    const undelivered = new Map();
    return {
        ...delivery,
        async deliver(change, secret) {
            const sinks = await delivery.deliver(change, secret);
            if (change.deliver.length > 0)
                return sinks;
            undelivered.set(change.fullid, secret.value);
            return [PRINTED_HERE];
        },
        printOutputs() {
            if (outputs.size === 0 && undelivered.size === 0)
                return;
            io.err('New token secrets (shown once; store them now):');
            for (const [name, value] of outputs)
                io.out(`${name}=${value}`);
            for (const [fullid, value] of undelivered)
                io.out(`${fullid}=${value}`);
        },
    };
}

;// CONCATENATED MODULE: ./src/plan/drift-wording.ts

const isList = (value) => Array.isArray(value) && value.every((v) => typeof v === 'string');
/** `privileges on the cluster include Sys.Audit, which the spec does not list, and lack VM.Audit, which the spec lists` */
function listDrift(field, cluster, spec) {
    const extra = cluster.filter((item) => !spec.includes(item));
    const missing = spec.filter((item) => !cluster.includes(item));
    const parts = [
        ...(extra.length > 0 ? [`include ${extra.join(', ')}, which the spec does not list`] : []),
        ...(missing.length > 0 ? [`lack ${missing.join(', ')}, which the spec lists`] : []),
    ];
    return parts.length > 0 ? `${field} on the cluster ${parts.join(', and ')}` : undefined;
}
/** `comment is "HACKED" on the cluster, the spec says "Terraform provisioning"` */
function fieldDrift(change) {
    const { field, before: cluster, after: spec } = change;
    if (isList(cluster) && isList(spec)) {
        const list = listDrift(field, cluster, spec);
        if (list !== undefined)
            return list;
    }
    // A lifetime is no cluster field: the token's expiry lies beyond what the lifetime allows.
    if (field === 'lifetime' && typeof spec === 'number') {
        return `expires later on the cluster than the spec's lifetime of ${values_formatDuration(spec)} allows`;
    }
    if (field === 'overlap' && typeof spec === 'number') {
        return `a previous generation expires later on the cluster than the overlap of ${values_formatDuration(spec)} allows`;
    }
    const onCluster = cluster === undefined ? `${field} is not set on the cluster` : `${field} is ${formatValue(field, cluster)} on the cluster`;
    const inSpec = spec === undefined ? 'the spec sets none' : `the spec says ${formatValue(field, spec)}`;
    return `${onCluster}, ${inSpec}`;
}
const fieldsDrift = (fields) => fields.map(fieldDrift).join('; ');
const MISSING_FROM_CLUSTER = 'missing from the cluster, the spec declares it';
/** `on the cluster, not in the spec (matches prune "*@pve")` */
function notInSpec(reason) {
    const why = reason?.replace(/^not in spec, /, '');
    return `on the cluster, not in the spec${why ? ` (${why})` : ''}`;
}
/** `the role on the cluster lacks VM.Monitor, which the spec lists: PVE 9.1.1 no longer knows it` */
function strippedDrift(privileges, version) {
    const it = privileges.length === 1 ? 'it' : 'them';
    return `the role on the cluster lacks ${privileges.join(', ')}, which the spec lists: PVE ${version} no longer knows ${it}`;
}

;// CONCATENATED MODULE: ./src/plan/drift.ts




/** Users have no rotate-before; warn this long before their expiry (or their tokens' window, if longer). */
const USER_EXPIRY_WINDOW = 14 * 86_400;
function roleDrift(change, live) {
    const field = change.fields.find((f) => f.field === 'privileges');
    const before = Array.isArray(field?.before) ? field.before : [];
    const known = new Set(live.roles['Administrator']?.privileges ?? []);
    const missing = change.privileges.filter((p) => !before.includes(p));
    // PVE silently drops privileges it no longer knows when it parses a role (e.g. VM.Monitor on 9.x).
    const stripped = known.size > 0 ? missing.filter((p) => !known.has(p)) : [];
    const items = [];
    if (stripped.length > 0) {
        items.push({ kind: 'privileges-stripped', address: change.address, message: strippedDrift(stripped, live.version.version) });
    }
    // Stripped privileges are reported above; the rest is a hand edit.
    const edited = listDrift('privileges', before, change.privileges.filter((p) => !stripped.includes(p)));
    if (edited !== undefined)
        items.push({ kind: 'changed', address: change.address, message: edited });
    return items;
}
function changeDrift(change, live) {
    if (change.implied)
        return [];
    switch (change.action) {
        case 'create':
            return [{ kind: 'deleted', address: change.address, message: MISSING_FROM_CLUSTER }];
        case 'delete':
            // A previous generation whose overlap ended is the rotation finishing, not a hand edit.
            if (change.kind === 'token' && change.retired)
                return [];
            return [{ kind: 'added', address: change.address, message: notInSpec(change.reason) }];
        case 'update':
            if (change.kind === 'role')
                return roleDrift(change, live);
            return [{ kind: 'changed', address: change.address, message: fieldsDrift(change.fields) }];
        case 'rotate':
            // The rotation itself is reported below (expiring / secret-missing); hand edits riding along are drift too.
            return change.fields.length > 0 ? [{ kind: 'changed', address: change.address, message: fieldsDrift(change.fields) }] : [];
    }
}
function expiryDrift(spec, live, now) {
    const items = [];
    for (const user of Object.values(spec.spec.users)) {
        const liveUser = live.users[user.userid];
        if (!liveUser)
            continue;
        let userWindow = USER_EXPIRY_WINDOW;
        for (const token of Object.values(user.tokens ?? {})) {
            const window = rotateBeforeOf(token);
            const liveToken = token.rotation === 'overlap' ? liveGenerations(token.tokenid, liveUser.tokens).at(-1)?.token : liveUser.tokens[token.tokenid];
            if (window === undefined || !liveToken)
                continue;
            userWindow = Math.max(userWindow, window);
            if (expiresWithin(liveToken.expire, window, now)) {
                const verb = liveToken.expire <= now ? 'expired' : 'expires';
                items.push({
                    kind: 'expiring',
                    address: `token:${fullTokenId(user.userid, liveToken.tokenid)}`,
                    message: `${verb} ${isoTime(liveToken.expire)}, within rotate-before: the next apply rotates it`,
                });
            }
        }
        if (expiresWithin(liveUser.expire, userWindow, now)) {
            const verb = liveUser.expire <= now ? 'expired' : 'expires';
            items.push({
                kind: 'expiring',
                address: `user:${user.userid}`,
                message: `user ${verb} ${isoTime(liveUser.expire)}; its tokens stop working with it`,
            });
        }
    }
    return items;
}
function detectDrift(spec, live, plan, options) {
    const items = [
        ...plan.changes.flatMap((c) => changeDrift(c, live)),
        ...expiryDrift(spec, live, options.now),
        ...(options.secretMissing ?? []).map((id) => ({
            kind: 'secret-missing',
            address: `token:${id}`,
            message: 'a delivery target no longer holds the secret: the next apply rotates it',
        })),
    ];
    return { items, clean: items.length === 0 };
}

;// CONCATENATED MODULE: ./src/plan/token-inventory.ts
/**
 * The token inventory: every API token on the cluster, declared in the spec or not, with what it
 * can do and where the spec sends its secret. Privileges come from the planner's permission
 * engine, so a privilege-separated token shows only what it and its user both hold.
 */







/** What makes a token worth a second look: it can grant itself more, change the host, or do anything. */
const INVENTORY_MARKS = ['Permissions.Modify', 'Sys.Modify', 'Administrator'];
const token_inventory_DAY = 86_400;
const isAncestor = (parent, path) => parent === '/' || path.startsWith(`${parent}/`);
/**
 * The token's privileges on `/` and on every path where an entry of its own, its user's or its
 * user's groups sits: those are the only paths where what it holds can change. A path where it
 * holds nothing is kept only below a path whose privileges propagate to it, so that "none" there
 * reads as what it is (an override), not as noise.
 */
function token_inventory_privilegesOf(id, indexed) {
    const paths = [...new Set(['/', ...relevantEntries({ id, type: 'token' }, indexed).map((e) => e.path)])].sort(compareText);
    const out = {};
    const propagating = [];
    for (const path of paths) {
        const held = privilegesAt(indexed.model, id, path);
        const names = Object.keys(held).sort(compareText);
        if (names.length > 0 || propagating.some((p) => isAncestor(p, path)))
            out[path] = names;
        if (Object.values(held).some(Boolean))
            propagating.push(path);
    }
    return out;
}
function marksOf(privileges, all) {
    const held = Object.values(privileges);
    const holds = (privilege) => held.some((names) => names.includes(privilege));
    // Administrator is not a privilege: it is holding every privilege the server knows on some path.
    const everything = all.length > 0 && held.some((names) => all.every((p) => names.includes(p)));
    return INVENTORY_MARKS.filter((mark) => (mark === 'Administrator' ? everything : holds(mark)));
}
/** Whole days from `now` to `expire`, rounded down; null for a token that never expires. */
function daysLeftOf(expire, now) {
    return expire === 0 ? null : Math.floor((expire - now) / token_inventory_DAY);
}
/** Expired first, then the fewest days left, then tokens that never expire; ties by id. */
function compareEntries(a, b) {
    const left = (e) => e.daysLeft ?? Number.POSITIVE_INFINITY;
    return left(a) - left(b) || compareText(a.id, b.id);
}
/** A secret of "this repository" is named with the repository the run is in, when it is known. */
const targetLabel = (target, current) => target.kind === 'github-secret' ? describeTarget(target, current) : describeDeliverTarget(target);
/**
 * The declared token a live one belongs to: itself, or a generation of one rotated with overlap;
 * only the current generation holds what the targets hold.
 */
function declaredFor(loaded, user, tokenid) {
    const tokens = loaded.spec.users[user.userid]?.tokens ?? {};
    const own = tokens[tokenid];
    if (own && own.rotation !== 'overlap')
        return { declared: own, delivered: true };
    for (const declared of Object.values(tokens)) {
        if (declared.rotation !== 'overlap' || generationOf(declared.tokenid, tokenid) === undefined)
            continue;
        return { declared, delivered: liveGenerations(declared.tokenid, user.tokens).at(-1)?.token.tokenid === tokenid };
    }
    return { delivered: false };
}
/** Every token on the cluster as of `now` (epoch seconds); `current` is the repository the run is in. */
function tokenInventory(loaded, live, now, current) {
    const all = serverPrivileges(live);
    const indexed = indexState(live, all);
    const entries = [];
    for (const user of Object.values(live.users)) {
        for (const token of Object.values(user.tokens)) {
            const id = fullTokenId(user.userid, token.tokenid);
            const { declared, delivered } = declaredFor(loaded, user, token.tokenid);
            const privileges = token_inventory_privilegesOf(id, indexed);
            entries.push({
                id,
                owner: user.userid,
                privsep: token.privsep,
                expire: token.expire === 0 ? null : token.expire,
                daysLeft: daysLeftOf(token.expire, now),
                managed: declared !== undefined,
                privileges,
                marks: marksOf(privileges, all),
                targets: delivered && declared ? declared.deliver.map((t) => targetLabel(t, current)) : [],
            });
        }
    }
    return entries.sort(compareEntries);
}

;// CONCATENATED MODULE: ./src/cli/drift.ts



function driftCommand(options, io, loaded, planned, plan, now) {
    const drift = detectDrift(loaded, planned.live, plan, { now });
    if (options.audit)
        io.out(JSON.stringify(tokenInventory(loaded, planned.live, now, repositoryOf(options.repository)), null, 2));
    else if (options.json)
        io.out(JSON.stringify(drift, null, 2));
    else
        io.out(drift.clean ? 'No drift.' : drift.items.map((i) => `${i.kind}: ${log_line_oneLine(i.address)}: ${log_line_oneLine(i.message)}`).join('\n'));
    return drift.clean ? 0 : 2;
}
/** `owner/repo` names the repository of targets without their own; anything else leaves them unqualified. */
function repositoryOf(fullName) {
    const [owner, repo, ...rest] = (fullName ?? '').split('/');
    return owner && repo && rest.length === 0 ? { owner, repo } : undefined;
}

;// CONCATENATED MODULE: ./src/plan/rotation-only.ts
/**
 * Scheduled rotation (`rotate` mode): out of a full plan, only the token rotations, each reduced
 * to the rotation itself. A rotation gives a token a new secret and a new expiry; it changes no
 * declared access, so it needs no review. Everything else the plan wants, including declared
 * fields of the rotated token that differ on the cluster, is drift that stays for a reviewed apply.
 */

/** Error findings that are about changes a rotation never makes, so they do not stop one. */
const NOT_ABOUT_ROTATION = new Set(['deletions-disabled']);
/** The error findings that refuse a scheduled rotation: a spec that would be refused, a lockout. */
const rotationBlockers = (plan) => plan.findings.filter((f) => f.severity === 'error' && !NOT_ABOUT_ROTATION.has(f.code));
/**
 * The rotation keeps the token's live privsep and comment (a rotation on PVE before 9.1 creates
 * the token again, and would otherwise write the spec's values); its new expiry is the declared
 * lifetime from now, which is what rotating means.
 */
function rotationAlone(change, live) {
    const token = live.users[change.userid]?.tokens[change.tokenid];
    if (!token)
        return { ...change, fields: [] };
    return { ...change, privsep: token.privsep, comment: token.comment, fields: [] };
}
/** The plan a scheduled rotation runs: its rotations, nothing else; findings kept for the record. */
function rotationOnlyPlan(plan, live) {
    const changes = plan.changes
        .filter((c) => c.kind === 'token' && c.action === 'rotate' && c.implied !== true)
        .map((c) => rotationAlone(c, live));
    return { ...plan, changes, counts: { create: 0, update: 0, delete: 0, rotate: changes.length }, privileges: [] };
}
const changeKey = (c) => `${c.action} ${c.address}`;
/** ACL entries a rotated token had before and lacks after, as the grants still wanted. */
function lostGrants(rotated, before, after) {
    const kept = new Set(after.acl.map(aclKey));
    return before.acl
        .filter((e) => e.type === 'token' && rotated.has(e.ugid) && !kept.has(aclKey(e)))
        .map((entry) => ({ kind: 'acl', address: aclAddress(entry), action: 'create', fields: [], entry, reason: 'lost in rotation' }));
}
/**
 * What a scheduled rotation failed to settle: a rotated token still due or missing, an ACL entry
 * it lost, or any change the rotation itself brought about. The drift that was there before is
 * not counted, and a rotated token may still differ in declared fields the rotation left alone.
 */
function rotationLeftovers(rotated, check) {
    const ids = new Set(rotated);
    const earlier = new Set(check.before.plan.changes.map(changeKey));
    const wanted = check.after.plan.changes.filter((c) => {
        if (c.implied === true)
            return false;
        if (c.kind === 'token' && ids.has(c.fullid))
            return c.action !== 'update';
        return !earlier.has(changeKey(c));
    });
    const seen = new Set(wanted.map((c) => c.address));
    return [...wanted, ...lostGrants(ids, check.before.live, check.after.live).filter((c) => !seen.has(c.address))];
}

;// CONCATENATED MODULE: ./src/engine/rotate-tokens.ts



/** Runs `rotations` (made by `rotationOnlyPlan` from `planned`) and checks them. */
async function applyRotations(session, deps, loaded, planned, rotations, delivery) {
    const rotated = rotations.changes.flatMap((c) => (c.kind === 'token' ? [c.fullid] : []));
    let after;
    const report = await session.apply(loaded, { ...planned, plan: rotations }, delivery, async (api) => {
        const live = await readLiveState(api);
        const options = { now: deps.now(), rotate: [], secretMissing: [], allowDeletions: true, insecure: false };
        after = { live, plan: planFromLive(loaded, live, api.identity, options) };
        return rotationLeftovers(rotated, { before: { plan: planned.plan, live: planned.live }, after });
    });
    return { report, ...(after ? { after } : {}) };
}

;// CONCATENATED MODULE: ./src/render/rotation-result.ts
/**
 * What a scheduled rotation did, for the job summary and the drift issue (Markdown) and for the
 * log and the CLI (text): each rotated token with why it was due, where its new secret went, what
 * failed, and how much other drift it left untouched. Names targets, never a secret.
 */




const ROTATED_TITLE = '🔄 Rotated by the schedule';
const rotation_result_STATUS_BADGE = { done: '✅', failed: '❌', reverted: '↩️', skipped: '⏭️' };
const tokenChanges = (plan) => plan.changes.filter((c) => c.kind === 'token');
function rows(report, plan) {
    return tokenChanges(plan).map((change) => {
        const op = report.operations.find((o) => o.address === change.address);
        // An overlap rotation delivers under the new generation's id, not the replaced token's.
        const deliveredAs = change.generation?.fullid ?? change.fullid;
        const delivered = report.delivered.find((d) => d.fullid === deliveredAs);
        const status = op?.status ?? 'skipped';
        const checked = delivered?.verification ? ` (secret ${delivered.verification.status}: ${delivered.verification.detail})` : '';
        const outcome = delivered
            ? `${delivered.targets.join(', ') || 'the tokens output only'}${checked}`
            : (op?.message ?? (status === 'done' ? 'the tokens output only' : 'not run'));
        return { fullid: change.fullid, status, reason: change.reason ?? '', outcome };
    });
}
const rotatedCount = (report) => report.operations.filter((o) => o.status === 'done').length;
function headline(report, plan) {
    const done = rotatedCount(report);
    const due = plan.changes.length;
    return `${done} of ${count_count(due, 'due token')} rotated · ${count_count(report.writes, 'write')} to Proxmox`;
}
function settledLine(report) {
    if (report.converged)
        return '✅ **Settled:** a fresh read finds none of the rotated tokens due, and their ACL entries intact.';
    if (report.remaining.length === 0)
        return '⚠️ **Not settled:** the rotation stopped before the cluster was read again; the next run retries.';
    return `⚠️ **Not settled:** a fresh read still wants ${report.remaining.map((c) => `${c.action} ${code(c.address)}`).join(', ')}.`;
}
function otherDriftLine(otherDrift) {
    if (otherDrift === undefined || otherDrift === 0)
        return '';
    return `ℹ️ ${count(otherDrift, 'other drift item')} left untouched: rotation changes nothing else; the drift report lists them.`;
}
function warnings(report) {
    const parts = [];
    if (report.error !== undefined)
        parts.push(`> [!CAUTION]\n> **Rotation stopped:** ${escapeText(report.error)}`);
    if (report.deadSecrets.length > 0) {
        const lines = report.deadSecrets.map((d) => `> - ${code(d.fullid)}: ${d.consumers.map((c) => escapeText(c)).join(', ')}`);
        parts.push(`> [!WARNING]\n> **These consumers now hold a dead secret** (update them):\n${lines.join('\n')}`);
    }
    return parts.join('\n\n');
}
function rotation_result_table(all, level, budget) {
    const lines = all.map((r) => tableRow([`${rotation_result_STATUS_BADGE[r.status]} ${code(r.fullid)}`, escapeText(r.reason), escapeText(r.outcome)]));
    const shown = level === 4 ? linesWithin(lines, budget, (n) => tableRow([`…and ${n} more`, '', ''])) : lines;
    return [tableHead(['token', 'why', 'new secret delivered to']), ...shown].join('\n');
}
function renderAtLevel(report, plan, context, level, budget) {
    return [
        `### ${ROTATED_TITLE}: ${code(context.specPath)}`,
        headline(report, plan),
        warnings(report),
        rotation_result_table(rows(report, plan), level, Math.floor(budget / 2)),
        settledLine(report),
        otherDriftLine(context.otherDrift),
    ]
        .filter((part) => part !== '')
        .join('\n\n');
}
/** The rotation's result as Markdown, fitted under `context.limit`. */
function renderRotationMarkdown(report, plan, context) {
    return fitMarkdown((level, budget) => renderAtLevel(report, plan, context, level, budget), context.limit ?? COMMENT_LIMIT, context.runUrl);
}
/** The job summary of a scheduled rotation that found nothing due. */
function renderNothingDueMarkdown(context) {
    return [
        `### 🔄 Scheduled rotation: ${code(context.specPath)}: nothing due`,
        'No token is inside its `rotate-before` window, named by the `rotate` input, or missing its delivered secret.',
        otherDriftLine(context.otherDrift),
    ]
        .filter((part) => part !== '')
        .join('\n\n');
}
/** The rotation's result for the log and the CLI. */
function renderRotationText(report, plan) {
    const lines = [`Rotate: ${headline(report, plan)}`];
    for (const row of rows(report, plan)) {
        lines.push(`  ${row.status === 'done' ? '✓' : '✗'} ${log_line_oneLine(row.fullid)} (${log_line_oneLine(row.reason)}) → ${log_line_oneLine(row.outcome)}`);
    }
    for (const dead of report.deadSecrets)
        lines.push(`Dead secret of ${log_line_oneLine(dead.fullid)} held by: ${log_line_oneLine(dead.consumers.join(', '))}`);
    if (report.converged)
        lines.push('Settled: a fresh read finds none of the rotated tokens due.');
    else
        lines.push(`Not settled: ${report.remaining.map((c) => `${c.action} ${log_line_oneLine(c.address)}`).join(', ') || 'the cluster was not read again'}`);
    if (report.error !== undefined)
        lines.push(`Error: ${log_line_oneLine(report.error)}`);
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/cli/findings.ts


const RANK = { error: 0, warning: 1, notice: 2 };
function compare(a, b) {
    const byLine = (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.column ?? 0) - (b.position?.column ?? 0);
    return RANK[a.severity] - RANK[b.severity] || byLine;
}
/** Where the problem is: its position, or the object it is about when it has none. */
function findings_where(shown) {
    if (shown.position)
        return `${log_line_oneLine(shown.position.file)}:${shown.position.line}:${shown.position.column}: `;
    return shown.address !== undefined ? `${log_line_oneLine(shown.address)}: ` : '';
}
function findingLines(findings) {
    return [...findings]
        .sort(compare)
        .map((f) => `${findings_where(f)}${f.severity}: ${log_line_oneLine(f.message)}${f.code !== undefined ? ` [${log_line_oneLine(f.code)}]` : ''}`);
}
/** The problems of a spec that did not load, as error lines. */
function specErrorShown(err) {
    return err.problems.map((p) => ({ severity: 'error', message: p.message, position: p.position }));
}
/** `2 errors, 1 warning`; only the severities present (empty when there is nothing). */
function findingCounts(findings) {
    const of = (severity) => findings.filter((f) => f.severity === severity).length;
    return [count_count(of('error'), 'error'), count_count(of('warning'), 'warning'), count_count(of('notice'), 'notice')]
        .filter((text) => !text.startsWith('0 '))
        .join(', ');
}
const errorCount = (findings) => findings.filter((f) => f.severity === 'error').length;

;// CONCATENATED MODULE: ./src/cli/io.ts
/** Progress and warnings go to stderr so stdout stays the plan (or JSON) alone. */
function stderrLogger(io, verbose = false) {
    return {
        info: (m) => io.err(m),
        warning: (m) => io.err(`warning: ${m}`),
        error: (m) => io.err(`error: ${m}`),
        debug: (m) => (verbose ? io.err(`debug: ${m}`) : undefined),
        group: async (title, fn) => {
            io.err(`── ${title}`);
            return fn();
        },
    };
}

;// CONCATENATED MODULE: ./src/cli/terms.ts
/** An input name standing alone (optionally in backticks), not a part of some longer name. */
const input = (name) => new RegExp(`(?<![\\w-])\`?${name}\`?(?![\\w-])`, 'g');
/** Longest phrases first: a bare name is rewritten only when no phrase around it was. */
const TERMS = [
    [/input proxmox-url is required[^;\n]*/g, 'a cluster is needed: set PROXMOX_URL or pass --url https://host:8006'],
    [/(?<![\w-])proxmox-insecure: true/g, '--insecure'],
    [/(?<![\w-])proxmox-insecure is true/g, '--insecure was given'],
    [/(?<![\w-])allow-deletions is false/g, '--no-deletions was given'],
    [input('secrets-token'), 'GITHUB_SECRETS_TOKEN'],
    [input('proxmox-fingerprint'), '--fingerprint'],
    [input('proxmox-ca-cert'), '--ca-cert'],
    [input('proxmox-insecure'), '--insecure'],
    [input('proxmox-url'), 'PROXMOX_URL'],
    [input('proxmox-token-id'), 'PROXMOX_TOKEN_ID'],
    [input('proxmox-token-secret'), 'PROXMOX_TOKEN_SECRET'],
    [input('proxmox-username'), 'PROXMOX_USERNAME'],
    [input('proxmox-password'), 'PROXMOX_PASSWORD'],
    [input('allow-deletions'), '--no-deletions'],
];
/** Matches an input name of the action that a CLI message must not show (tests use it too). */
const ACTION_INPUT_NAME = /(?<![\w-])(proxmox-(url|token-id|token-secret|username|password|fingerprint|ca-cert|insecure)|secrets-token|allow-deletions|github-token|require-approved-plan)(?![\w-])/;
/** The message in the CLI's own words. */
function inCliTerms(message) {
    return TERMS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
}
/** The plan with its findings in the CLI's words; the changes (the user's own names) are untouched. */
function planInCliTerms(plan) {
    const findings = plan.findings.map((f) => ({ ...f, message: inCliTerms(f.message) }));
    return { ...plan, findings };
}

;// CONCATENATED MODULE: ./src/cli/rotate.ts










async function rotateCommand(options, io, session, loaded, planned, now) {
    const blockers = rotationBlockers(planned.plan);
    if (blockers.length > 0) {
        for (const line of findingLines(blockers))
            io.err(line);
        io.err(`rotate refused: the plan has ${count_count(blockers.length, 'error')}; nothing was changed`);
        return 1;
    }
    // Warnings too, as plan and apply show them (and the action annotates them): a --rotate id
    // that names no declared token would otherwise pass in silence.
    for (const line of findingLines(planned.plan.findings))
        io.err(line);
    const rotations = rotationOnlyPlan(planned.plan, planned.live);
    const drift = detectDrift(loaded, planned.live, planned.plan, { now: now(), secretMissing: planned.secretMissing });
    const untouched = drift.items.filter((i) => i.kind !== 'expiring' && i.kind !== 'secret-missing').length;
    const leftNote = untouched > 0 ? `; ${count_count(untouched, 'other difference')} left as it is (see proxmox-access drift)` : '';
    if (rotations.changes.length === 0) {
        io.out(`Nothing is due for rotation${leftNote}.`);
        return 0;
    }
    const tokens = rotations.changes;
    io.out(`Due for rotation${leftNote}:`);
    for (const c of tokens)
        io.out(`  ⟳ ${log_line_oneLine(c.fullid)} (${log_line_oneLine(c.reason ?? '')})`);
    const logger = stderrLogger({ ...io, err: (text) => io.err(inCliTerms(text)) });
    const delivery = cliSecretDelivery(session.github.secrets(), io, logger);
    await delivery.preflight(tokens);
    if (!options.yes && !(await io.confirm('Rotate these tokens? Only "yes" is accepted: '))) {
        io.err('rotate cancelled: nothing was changed (answer "yes" to rotate, or pass --yes)');
        return 1;
    }
    const run = await applyRotations(session, { logger, now }, loaded, planned, rotations, delivery);
    io.out(inCliTerms(renderRotationText(run.report, rotations)));
    delivery.printOutputs();
    return run.report.error || !run.report.converged ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/cli/simulate.ts
/** Single quotes keep `!` (in token ids) away from interactive shells' history expansion. */
const shellQuote = (value) => `'${value.replaceAll("'", `'\\''`)}'`;
/** The `export NAME='value'` lines that point the CLI at `cluster`. */
function connectionLines(cluster) {
    const variables = [
        ['PROXMOX_URL', cluster.url],
        ['PROXMOX_FINGERPRINT', cluster.fingerprint],
        ['PROXMOX_TOKEN_ID', cluster.token.id],
        ['PROXMOX_TOKEN_SECRET', cluster.token.secret],
    ];
    return variables.map(([name, value]) => `export ${name}=${shellQuote(value)}`);
}
async function simulateCommand(options, io, start) {
    const cluster = await start({ empty: options.empty });
    try {
        const seeded = options.empty
            ? 'a freshly installed node: root@pam and the built-in roles'
            : 'a demo cluster: an admin, a hand-edited role, a token made on a laptop, a stray ACL and a leftover user';
        io.err(`Simulated Proxmox VE ${cluster.version} at ${cluster.url} (this machine only), holding ${seeded}.`);
        io.err('Paste these lines into another shell (or save them and source the file), then run plan, apply, rotate, drift or export:');
        for (const line of connectionLines(cluster))
            io.out(line);
        io.err('Its state lives in memory only. Stop it with Ctrl-C.');
        const signal = await io.untilStopped();
        io.err(`${signal}: simulated cluster stopped`);
        return 0;
    }
    finally {
        await cluster.stop();
    }
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/cli/version.ts
/** The version `proxmox-access --version` prints: the package's own, bundled in at build time. */

const VERSION = package_namespaceObject.rE;

;// CONCATENATED MODULE: ./src/cli/run.ts
/** The CLI: the same engine as the action, from a terminal. Returns the exit code. */



























/**
 * Inside GitHub Actions the runner reads stdout for workflow commands, so there the spec goes
 * through the log formatter, which may change a value; elsewhere it is written exactly.
 */
const EXPORT_ESCAPED = 'note: some values were escaped on stdout so that no line can act as a GitHub Actions workflow command; ' +
    'pass --out FILE for the exact text';
/** A terminal has no reviewed plan whose digest would leave repairs out. */
const CLI_REPAIR = 'repair on apply';
const SECRETS_HINT = 'From the command line, github-secret targets are written with the token in GITHUB_SECRETS_TOKEN, ' +
    'into the repository given by --repository or GITHUB_REPOSITORY.';
const defaultCliDeps = { connect: createProxmoxClient, now: () => Math.floor(Date.now() / 1000) };
async function runCli(argv, io, deps = defaultCliDeps) {
    if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
        io.out(USAGE);
        return argv.length === 0 ? 2 : 0;
    }
    if (argv.includes('--version')) {
        io.out(VERSION);
        return 0;
    }
    try {
        const options = parseCliArgs(argv, io.env, io.isTTY);
        for (const note of options.notes)
            io.err(note);
        return await dispatch(options, io, deps);
    }
    catch (err) {
        io.err(`proxmox-access: ${inCliTerms(errorMessage(err))}`);
        if (err instanceof DeliveryPreflightError)
            io.err(SECRETS_HINT);
        return 1;
    }
}
/** Progress and warnings on stderr, in the CLI's words. */
function cliLogger(io) {
    return stderrLogger({ ...io, err: (text) => io.err(inCliTerms(text)) });
}
async function dispatch(options, io, deps) {
    if (options.command === 'simulate') {
        if (!deps.simulate)
            throw new errors_ActionError('simulate is not available here: run the installed proxmox-access command');
        return simulateCommand(options, io, deps.simulate);
    }
    if (options.command === 'export')
        return withSession(options, io, deps, (session) => exportCommand(options, io, deps, session));
    const loaded = await loadSpec(options, io);
    if (!loaded)
        return 1;
    if (options.command === 'validate')
        return validateCommand(loaded, io, deps.now());
    return withSession(options, io, deps, async (session) => {
        const planned = await session.plan(loaded);
        const plan = planInCliTerms(planned.plan);
        if (options.command === 'rotate')
            return rotateCommand(options, io, session, loaded, { ...planned, plan }, deps.now);
        if (options.command === 'drift')
            return driftCommand(options, io, loaded, planned, plan, deps.now());
        if (options.json)
            io.out(JSON.stringify(planToJson(plan), null, 2));
        else
            for (const line of findingLines(plan.findings))
                io.err(line);
        const errors = errorCount(plan.findings);
        if (errors > 0) {
            // Changes built from values that failed a check would read as if they could happen: not shown.
            io.err(options.command === 'apply'
                ? `apply refused: the plan has ${count_count(errors, 'error')}; nothing was changed`
                : `plan refused: the plan has ${count_count(errors, 'error')}; nothing can be applied until they are fixed`);
            return 1;
        }
        if (!options.json)
            io.out(renderPlanText({ ...plan, findings: [] }, { color: options.color, repairLabel: CLI_REPAIR }));
        if (options.command === 'plan' || !hasChanges(plan))
            return 0;
        return await applyCommand(options, io, session, loaded, { ...planned, plan }, deps.now());
    });
}
/** The spec, or undefined after its problems were shown the way findings are. */
async function loadSpec(options, io) {
    try {
        return await loadSpecFile(options.spec);
    }
    catch (err) {
        if (!(err instanceof SpecError))
            throw err;
        const shown = specErrorShown(err);
        for (const line of findingLines(shown))
            io.err(line);
        const what = `${log_line_oneLine(options.spec)} does not load (${count_count(errorCount(shown), 'error')})`;
        io.err(options.command === 'validate'
            ? `${what}; the remaining checks run once these are fixed`
            : `${options.command} refused: ${what}; nothing was read or changed`);
        return undefined;
    }
}
/** The run session of a command that reads the cluster: the action's, with the terminal's clients. */
async function withSession(options, io, deps, command) {
    const session = openRunSession({ logger: cliLogger(io), now: deps.now, connectProxmox: deps.connect, octokit: createOctokit, sleep: sleep, setSecret: () => { } }, {
        connection: options,
        github: {
            apiUrl: options.githubApiUrl,
            // Without a repository, targets that name their own still work; the others fail preflight saying so.
            secretsToken: options.secretsToken,
            repository: () => (options.repository !== undefined ? parseRepository(options.repository, '--repository') : undefined),
        },
        rotate: options.rotate,
        allowDeletions: options.allowDeletions,
        realmSecrets: options.realmSecrets,
        // A terminal's plan does not ask GitHub whether delivered secrets still exist; the action's does.
        checkSecrets: false,
    });
    try {
        return await command(session);
    }
    finally {
        await session.close();
    }
}
function validateCommand(loaded, io, now) {
    const findings = validateSpec(loaded, { now });
    for (const line of findingLines(findings))
        io.err(line);
    const counts = findingCounts(findings);
    if (errorCount(findings) > 0) {
        io.err(`${log_line_oneLine(loaded.file)}: ${counts}`);
        return 1;
    }
    io.out(counts === '' ? `${loaded.file}: valid` : `${loaded.file}: valid, ${counts}`);
    return 0;
}
async function applyCommand(options, io, session, loaded, livePlan, now) {
    const delivery = cliSecretDelivery(session.github.secrets(), io, cliLogger(io));
    // Everything that would refuse the apply is checked before the question, so a "yes" is never wasted.
    guardPlan(livePlan.plan, { allowDeletions: options.allowDeletions, live: livePlan.live, now });
    const newSecrets = livePlan.plan.changes.filter((c) => c.kind === 'token' && !c.implied && (c.action === 'create' || c.action === 'rotate'));
    if (newSecrets.length > 0)
        await delivery.preflight(newSecrets);
    if (!options.yes && !(await io.confirm('Apply this plan? Only "yes" is accepted: '))) {
        io.err('apply cancelled: nothing was changed (answer "yes" to apply, or pass --yes)');
        return 1;
    }
    const report = await session.apply(loaded, livePlan, delivery);
    io.out(inCliTerms(renderApplyText(report)));
    delivery.printOutputs();
    return report.error || !report.converged ? 1 : 0;
}
async function exportCommand(options, io, deps, session) {
    const yaml = exportSpec(await readLiveState(await session.proxmox()), { now: deps.now() });
    if (options.out) {
        await writeExport(io, options.out, yaml, options.force);
        io.err(`wrote ${options.out}`);
    }
    else {
        const runnerReads = io.env['GITHUB_ACTIONS'] === 'true';
        io.out(yaml, { exact: !runnerReads });
        if (runnerReads && safeLines(yaml) !== yaml)
            io.err(EXPORT_ESCAPED);
    }
    return 0;
}
async function writeExport(io, file, yaml, force) {
    try {
        await io.writeFile(file, yaml, force ? 'overwrite' : 'create');
    }
    catch (err) {
        if (err.code !== 'EEXIST')
            throw err;
        throw new errors_InputError('out', `${file} already exists and was left as it is: pass --force to overwrite it, or choose another --out file`);
    }
}

;// CONCATENATED MODULE: ./scripts/demo/cluster.ts
function seedDemoCluster(sim) {
    const steps = [
        ['POST', '/access/users', { userid: 'alice@pve', comment: 'Alice (admin)', email: 'alice@example.com' }],
        ['PUT', '/access/acl', { path: '/', roles: 'PVEAdmin', users: 'alice@pve' }],
        [
            'POST',
            '/access/roles',
            {
                roleid: 'TerraformProv',
                privs: 'Datastore.AllocateSpace,Datastore.Audit,Pool.Audit,SDN.Use,Sys.Audit,Sys.Console,VM.Allocate,VM.Audit,VM.Clone,VM.Config.CDROM,VM.Config.CPU,VM.Config.Disk,VM.Config.HWType,VM.Config.Memory,VM.Config.Network,VM.Config.Options,VM.PowerMgmt',
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
        if (answer.status !== 200)
            throw new Error(`demo seeding ${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
}

// EXTERNAL MODULE: ./node_modules/selfsigned/index.js
var selfsigned = __webpack_require__(7686);
;// CONCATENATED MODULE: ./test/fakes/pve/cert.ts
/**
 * A fresh self-signed certificate per simulator, like a new PVE node's: valid for 127.0.0.1 and
 * localhost, with its SHA-256 fingerprint in the form the PVE UI shows (`AA:BB:…`).
 */


/** Generates the certificate for one simulator. */
async function makeCertificate() {
    // Back-dated like a node's certificate made at install time: a client that checks validity
    // dates must not see "not yet valid" when it connects within the certificate's first second.
    const notBeforeDate = new Date(Date.now() - 24 * 3600 * 1000);
    const pems = await (0,selfsigned/* generate */.c)([{ name: 'commonName', value: 'pve-simulator' }], {
        notBeforeDate,
        notAfterDate: new Date(notBeforeDate.getTime() + 2 * 365 * 24 * 3600 * 1000),
        keyType: 'ec',
        algorithm: 'sha256',
        extensions: [
            { name: 'basicConstraints', cA: false },
            { name: 'extKeyUsage', serverAuth: true },
            {
                name: 'subjectAltName',
                altNames: [
                    { type: 7, ip: '127.0.0.1' },
                    { type: 2, value: 'localhost' },
                ],
            },
        ],
    });
    return { key: pems.private, cert: pems.cert, fingerprint: new external_node_crypto_.X509Certificate(pems.cert).fingerprint256.toUpperCase() };
}

;// CONCATENATED MODULE: ./test/fakes/pve/errors.ts
/**
 * PVE's exception model. A plain `die` has no code and
 * becomes HTTP 500; PVE::Exception carries a code (400, 403, 501) and, for parameter errors, a
 * map of messages. Inside the user.cfg lock every error is re-raised as the plain string
 * "<label>: <stringified error>", which is how a 400 turns into a 500 with no `errors` object.
 */
class PveError extends Error {
    code;
    errors;
    constructor(message, 
    /** Undefined for a plain `die`. */
    code, errors) {
        super(message);
        this.code = code;
        this.errors = errors;
    }
    get status() {
        return this.code ?? 500;
    }
    /** PVE::Exception's stringification: "<code> <msg>" plus one "<param>: <error>" line per error. */
    toText() {
        let text = this.code === undefined ? this.message : `${this.code} ${this.message}`;
        if (!text.endsWith('\n'))
            text += '\n';
        for (const [param, error] of Object.entries(this.errors ?? {}))
            text += `${param}: ${error}\n`;
        return text;
    }
}
const withNewline = (message) => (message.endsWith('\n') ? message : `${message}\n`);
/** A plain Perl `die`: HTTP 500, the message verbatim. */
const die = (message) => new PveError(withNewline(message));
/** A schema error: 400 with one message per parameter. */
const paramError = (errors) => new PveError('Parameter verification failed.\n', 400, errors);
/** `raise_perm_exc`: "Permission check failed" plus " (<what>)" when there is something to say. */
const permissionError = (what) => new PveError(`Permission check failed${what ? ` (${what})` : ''}\n`, 403);
/** Unknown path or method; PVE's one message without a trailing newline. */
const notImplemented = (method, relUri) => new PveError(`Method '${method} ${relUri}' not implemented`, 501);
/** What a write looks like when the cluster lock cannot be had within its 10 s. */
const lockTimeout = (label) => die(`${label ? `${label}: ` : ''}cfs-lock 'file-user_cfg' error: got lock request timeout`);
/** Runs the body of a `lock_user_config` call: any error comes out as "<label>: <error>" (HTTP 500). */
function underLock(label, body) {
    try {
        return body();
    }
    catch (err) {
        if (err instanceof PveError)
            throw die(`${label}: ${err.toText()}`);
        if (err instanceof Error)
            throw die(`${label}: ${err.message}`);
        throw err;
    }
}
/** Turns a validator's thrown Error into a plain die (permission checks parse ids and die with 500). */
function rethrowPlain(err) {
    if (err instanceof PveError)
        throw err;
    throw die(err instanceof Error ? err.message : String(err));
}

;// CONCATENATED MODULE: ./test/fakes/pve/ids.ts
/**
 * PVE's identifier rules with its exact error texts. Every `verify*`
 * throws a plain Error whose message ends in "\n", as the Perl validators `die` it; callers decide
 * whether that becomes a schema error (400), a plain 500, or is swallowed.
 */
const USER_RE = '[^\\s:/]+';
const REALM_RE = '[A-Za-z][A-Za-z0-9.\\-_]+';
const USERID = new RegExp(`^(${USER_RE})@(${REALM_RE})$`);
const FULL_TOKENID = new RegExp(`^(${USER_RE})@(${REALM_RE})!(${REALM_RE})$`);
const REALM = new RegExp(`^${REALM_RE}$`);
/** The `tokenid` path parameter is a pattern, not a format: its error is the generic regex one. */
const TOKEN_SUBID_PATTERN = new RegExp(`^(?:${REALM_RE})$`);
/** `GET /access/permissions?userid=`: a userid or a full token id, checked as a pattern. */
const USER_OR_TOKEN_PATTERN = new RegExp(`^(?:${USER_RE})@(?:${REALM_RE})(?:!${REALM_RE})?$`);
/** The superuser: implicit Administrator everywhere, exempt from permission checks. */
const ROOT = 'root@pam';
/** Perl's length(): characters, not UTF-16 units. */
const ids_charLength = (value) => [...value].length;
/** `verify_username`: length first, then the shape; the realm is the part after the last `@`. */
function verifyUsername(value) {
    const length = ids_charLength(value);
    if (length < 3)
        throw new Error(`user name '${value}' is too short\n`);
    if (length > 64)
        throw new Error(`user name '${value}' is too long (${length} > 64)\n`);
    const match = USERID.exec(value);
    if (!match)
        throw new Error(`value '${value}' does not look like a valid user name\n`);
    return { userid: value, name: match[1], realm: match[2] };
}
/** Whether `verifyUsername` would accept the value. */
function isUsername(value) {
    try {
        verifyUsername(value);
        return true;
    }
    catch {
        return false;
    }
}
/** `pve_verify_tokenid`: one regex, one message. */
function verifyTokenId(value) {
    if (!FULL_TOKENID.test(value))
        throw new Error(`value '${value}' does not look like a valid token ID\n`);
}
/** A full token id (`user@realm!name`) as PVE recognises one when deciding "is this caller a token". */
function parseTokenId(value) {
    const match = FULL_TOKENID.exec(value);
    return match ? { userid: `${match[1]}@${match[2]}`, tokenid: match[3] } : undefined;
}
/** `split_tokenid`: at the last `!`, no further checks. */
function ids_splitTokenId(value) {
    const match = /^(.*)!([^!]+)$/s.exec(value);
    return match ? { userid: match[1], tokenid: match[2] } : undefined;
}
/** `pve-groupid`; `wrapperChars` adds the characters of a compiled regex's `(?^:…)` wrapper. */
function verifyGroupname(value, wrapperChars = false) {
    const valid = wrapperChars ? /^[A-Za-z0-9.\-_(?^:)]+$/ : /^[A-Za-z0-9.\-_]+$/;
    if (!valid.test(value))
        throw new Error(`group name '${value}' contains invalid characters\n`);
}
/** `pve-roleid`. */
function verifyRolename(value) {
    if (!/^[A-Za-z0-9.\-_]+$/.test(value))
        throw new Error(`role name '${value}' contains invalid characters\n`);
}
/** `pve-realm`. */
function verifyRealm(value) {
    if (!REALM.test(value))
        throw new Error('value does not look like a valid realm\n');
}
/** `pve-configid`, the items of a `delete` list. */
function verifyConfigId(value) {
    if (!/^[a-z][a-z0-9_-]+$/i.test(value))
        throw new Error(`invalid configuration ID '${value}'\n`);
}
/** Perl's `\w` on a character string: any Unicode letter, mark, decimal digit or connector. */
const PERL_WORD = String.raw `\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}`;
const EMAIL = new RegExp(String.raw `^[${PERL_WORD}+\-~]+(\.[${PERL_WORD}+\-~]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$`, 'u');
/** The `email` format: the local part takes Perl's Unicode `\w`, the domain is ASCII. */
function verifyEmail(value) {
    if (!EMAIL.test(value))
        throw new Error('value does not look like a valid email address\n');
}
/** `split_list`: NUL separates when present, otherwise any run of `,`, `;` and whitespace. */
function splitList(text) {
    const value = text ?? '';
    if (value.includes('\u0000')) {
        const parts = value.split('\u0000');
        while (parts.length > 0 && parts[parts.length - 1] === '')
            parts.pop();
        return parts;
    }
    return value
        .replace(/[,;]/g, ' ')
        .trim()
        .split(/\s+/)
        .filter((item) => item !== '');
}
/** Perl truthiness of a string: `""` and `"0"` are false. */
const ids_truthy = (value) => value !== undefined && value !== '' && value !== '0';
/** Code-unit order, as Perl's `sort` on these ASCII-dominated ids. */
const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

;// CONCATENATED MODULE: ./test/fakes/pve/auth.ts
/**
 * Who is calling: ticket cookie, ticket in the Authorization header,
 * then API token; the account checks PVE runs on every request; CSRF on non-GET ticket requests;
 * and the login endpoint `POST /access/ticket`.
 */


const decode = (value) => {
    try {
        return decodeURIComponent(value);
    }
    catch {
        return value;
    }
};
/** Reads the cookie and Authorization headers the way pve-http-server does. */
function readCredentials(cookie, authorization) {
    const fromCookie = /(?:^|;\s*)PVEAuthCookie=([^;]*)/.exec(cookie ?? '')?.[1];
    const fromHeader = /(?:^|\s)PVEAuthCookie=([^;]*)/.exec(authorization ?? '')?.[1];
    const token = /(?:^|\s)PVEAPIToken[= ]([^;]*)/.exec(authorization ?? '')?.[1];
    const ticket = fromCookie ?? fromHeader;
    return {
        ...(ticket !== undefined && ticket !== '' ? { ticket: decode(ticket) } : {}),
        ...(token !== undefined && token !== '' ? { token: decode(token) } : {}),
    };
}
/** `check_user_enabled`: undefined when the user exists, is enabled and has not expired, else why not. */
function userRefusal(state, userid, now) {
    const user = state.users.get(userid);
    if (!user)
        return `no such user ('${userid}')`;
    if (user.enable !== 1)
        return `user '${userid}' is disabled`;
    if (user.expire && user.expire < now)
        return `user '${userid}' access expired`;
    return undefined;
}
/** `check_user_enabled`: exists, enabled, not expired. */
function userEnabled(state, userid, now) {
    return userRefusal(state, userid, now) === undefined;
}
/** `verify_token`: the full token id, or the message of the first of its eight checks that fails. */
function verifyApiToken(state, value, now) {
    const eq = value.lastIndexOf('=');
    if (eq < 0)
        return { refusal: 'no tokenid specified' };
    const tokenId = value.slice(0, eq);
    const parsed = parseTokenId(tokenId);
    if (!parsed)
        return { refusal: `'${tokenId}' is not a valid token ID - not able to split into user and token parts` };
    const userRefused = userRefusal(state, parsed.userid, now);
    if (userRefused)
        return { refusal: userRefused };
    const token = state.token(parsed.userid, parsed.tokenid);
    if (!token)
        return { refusal: `no such token '${parsed.tokenid}' for user '${parsed.userid}'` };
    if (token.expire && token.expire < now)
        return { refusal: `token '${parsed.tokenid}' access expired` };
    if (state.tokenSecrets.get(tokenId) !== value.slice(eq + 1))
        return { refusal: 'invalid token value!' };
    return { authid: tokenId };
}
/** Since 9.0 every credential failure reads the same; before, the reason phrase said which check failed. */
const credentialFailure = (revealReason, refusal) => ({
    ok: false,
    reason: revealReason ? refusal : 'Authentication failed!',
});
/** Endpoints PVE serves without credentials; decided on the exact path, before routing. */
const openEndpoint = (method, relUri) => (relUri === '/access/domains' && method === 'GET') || (relUri === '/access/ticket' && (method === 'GET' || method === 'POST'));
/** Authentication and CSRF for one HTTP request; failures are 401s with only a reason phrase. */
function authenticate(state, tickets, now, request) {
    const { method, relUri, credentials } = request;
    const revealReason = request.revealReason ?? false;
    // A token header still marks the request as a token request, which the allow-token check refuses.
    if (openEndpoint(method, relUri)) {
        return { ok: true, authid: undefined, apiToken: credentials.ticket === undefined && credentials.token !== undefined };
    }
    if (credentials.ticket !== undefined) {
        const userid = tickets.verify(credentials.ticket);
        if (userid === undefined)
            return credentialFailure(revealReason, 'permission denied - invalid PVE ticket');
        const userRefused = userRefusal(state, userid, now);
        if (userRefused)
            return credentialFailure(revealReason, userRefused);
        if (method !== 'GET' && !tickets.verifyCsrf(request.csrfToken, userid)) {
            return { ok: false, reason: 'Permission denied - invalid csrf token' };
        }
        return { ok: true, authid: userid, apiToken: false };
    }
    if (credentials.token !== undefined) {
        const verified = verifyApiToken(state, credentials.token, now);
        return 'refusal' in verified
            ? credentialFailure(revealReason, verified.refusal)
            : { ok: true, authid: verified.authid, apiToken: true };
    }
    return { ok: false, reason: 'No ticket' };
}
/** UI capabilities, as `compute_api_permission` gathers them from the usual paths and every ACL path. */
function capabilities(engine, state, userid) {
    const patterns = {
        vms: /^(VM\.|Permissions\.Modify)/,
        access: /^((User|Group)\.|Permissions\.Modify)/,
        storage: /^(Datastore\.|Permissions\.Modify)/,
        nodes: /^(Sys\.|Permissions\.Modify)/,
        sdn: /^(SDN\.|Permissions\.Modify)/,
        dc: /^(Sys\.Audit|Sys\.Modify|SDN\.)/,
        mapping: /^(Mapping\.|Permissions\.Modify)/,
    };
    const cap = Object.fromEntries(Object.keys(patterns).map((k) => [k, {}]));
    const paths = new Set(['/', '/nodes', '/access/groups', '/vms', '/storage', '/sdn', '/mapping', ...state.sortedAclPaths()]);
    for (const path of paths) {
        const top = /^\/(\w+)/.exec(path)?.[1] ?? 'dc';
        for (const priv of engine.permissions(userid, path).keys()) {
            if (top === 'pool') {
                if (priv.startsWith('VM.') || priv === 'Permissions.Modify')
                    cap.vms[priv] = 1;
                if (priv.startsWith('Datastore.') || priv === 'Permissions.Modify')
                    cap.storage[priv] = 1;
            }
            else if (patterns[top]?.test(priv)) {
                cap[top][priv] = 1;
            }
        }
    }
    return cap;
}
const authenticationFailure = () => new PveError('authentication failure\n', 401);
/** The password stored for a user of the pve or pam realm; root@pam's starts as the simulator's root password. */
function passwordMatches(state, userid, password) {
    const stored = state.passwords.get(userid);
    return stored !== undefined && stored === password;
}
function auth_login(ctx, params) {
    let username = params.username;
    if (params.realm && !username.includes('@'))
        username = `${username}@${params.realm}`;
    let userid;
    try {
        userid = verifyUsername(username).userid;
    }
    catch {
        throw authenticationFailure();
    }
    if (!userEnabled(ctx.state, userid, ctx.now()))
        throw authenticationFailure();
    const renewing = ctx.tickets.verify(params.password) === userid;
    if (!renewing && !passwordMatches(ctx.state, userid, params.password))
        throw authenticationFailure();
    if (params.path !== undefined && params.privs !== undefined) {
        const have = ctx.engine.permissions(userid, params.path);
        if (splitList(params.privs).some((p) => !have.has(p)))
            throw authenticationFailure();
        return { username: userid, cap: capabilities(ctx.engine, ctx.state, userid) };
    }
    const { ticket, csrf } = ctx.tickets.issue(userid);
    return { username: userid, ticket, CSRFPreventionToken: csrf, cap: capabilities(ctx.engine, ctx.state, userid) };
}
/** Login (`/access/ticket`), open without credentials. */
const authRoutes = [
    {
        method: 'GET',
        path: '/access/ticket',
        permissions: { user: 'world' },
        schema: () => ({}),
        handler: () => null,
    },
    {
        method: 'POST',
        path: '/access/ticket',
        permissions: { user: 'world' },
        allowtoken: false,
        schema: () => ({
            username: { type: 'string', maxLength: 64 },
            password: { type: 'string' },
            realm: { type: 'string', format: 'pve-realm', maxLength: 32, optional: true },
            otp: { type: 'string', optional: true },
            'tfa-challenge': { type: 'string', optional: true },
            path: { type: 'string', maxLength: 64, optional: true, requires: 'privs' },
            privs: { type: 'string', format: 'pve-priv-list', maxLength: 64, optional: true, requires: 'path' },
            'new-format': { type: 'boolean', optional: true },
        }),
        handler: auth_login,
    },
];

;// CONCATENATED MODULE: ./test/fakes/pve/access.ts
/**
 * The `/access` directory index, and the TFA methods. TFA itself is not simulated (nobody has a
 * second factor, as on the nodes the golden vectors describe); the routes exist so that routing
 * and the API-token refusal of the TFA-changing calls behave like PVE.
 */

const SUBDIRS = ['users', 'groups', 'roles', 'acl', 'domains', 'openid', 'tfa', 'ticket', 'password'];
const selfOrAdmin = [
    'or',
    ['userid-param', 'self'],
    ['and', ['userid-param', 'Realm.AllocateUser'], ['userid-group', ['User.Modify']]],
];
const userid = { type: 'string', format: 'pve-userid', maxLength: 64 };
const optionalText = { type: 'string', optional: true };
const notSimulated = () => {
    throw die('TFA configuration is not simulated');
};
/** The `/access` index and the TFA methods. */
const accessRoutes = [
    {
        method: 'GET',
        path: '/access',
        permissions: { user: 'all' },
        schema: () => ({}),
        handler: () => SUBDIRS.map((subdir) => ({ subdir })),
    },
    { method: 'GET', path: '/access/tfa', permissions: { user: 'all' }, schema: () => ({}), handler: () => [] },
    {
        method: 'GET',
        path: '/access/tfa/{userid}',
        permissions: { check: selfOrAdmin },
        schema: () => ({ userid }),
        handler: () => [],
    },
    {
        method: 'POST',
        path: '/access/tfa/{userid}',
        permissions: { check: selfOrAdmin },
        allowtoken: false,
        schema: () => ({
            userid,
            type: { type: 'string' },
            description: optionalText,
            totp: optionalText,
            value: optionalText,
            challenge: optionalText,
            password: optionalText,
        }),
        handler: notSimulated,
    },
    {
        method: 'PUT',
        path: '/access/tfa/{userid}/{id}',
        permissions: { check: selfOrAdmin },
        allowtoken: false,
        schema: () => ({
            userid,
            id: { type: 'string' },
            description: optionalText,
            enable: { type: 'boolean', optional: true },
            password: optionalText,
        }),
        handler: notSimulated,
    },
    {
        method: 'DELETE',
        path: '/access/tfa/{userid}/{id}',
        permissions: { check: selfOrAdmin },
        allowtoken: false,
        schema: () => ({ userid, id: { type: 'string' }, password: optionalText }),
        handler: notSimulated,
    },
];

;// CONCATENATED MODULE: ./test/fakes/pve/acl.ts
/**
 * `/access/acl`: the list filtered per path, and `PUT`
 * over the cross product roles × principals in one transaction, with path normalisation, the
 * per-version whitelist (adds only), and the 8.0 delegation rule for callers without
 * Permissions.Modify. All checks run before anything is written, so a failure writes nothing.
 */



function listAcl(ctx) {
    const audit = ctx.checks.check('/access', ['Sys.Audit'], true);
    const allowed = new Map();
    const visible = (path) => {
        let ok = allowed.get(path);
        if (ok === undefined)
            allowed.set(path, (ok = audit || ctx.checks.checkPermModify(path, true)));
        return ok;
    };
    return ctx.state.aclEntries().filter((entry) => visible(entry.path));
}
/** The delegation rule: without Permissions.Modify one may only hand out (or take away) what one holds. */
function checkDelegation(ctx, path, roleid, removing, propagate) {
    const verb = removing ? 'remove' : 'add';
    const mine = ctx.engine.permissions(ctx.authid, path);
    const privs = [...(ctx.state.role(roleid) ?? [])];
    if (privs.some((priv) => !mine.has(priv))) {
        throw paramError({ role: `Cannot ${verb} role '${roleid}' - requires 'Permissions.Modify' or superset of privileges.` });
    }
    if (!removing && propagate && privs.some((priv) => mine.get(priv) !== propagate)) {
        throw paramError({
            role: `Cannot ${verb} role '${roleid}' with propagation - requires 'Permissions.Modify' or propagated superset of privileges.`,
        });
    }
    if (roleid === 'NoAccess')
        throw paramError({ role: `Cannot ${verb} role '${roleid}' - requires 'Permissions.Modify'` });
}
function updateAcl(ctx, params) {
    if (!(ids_truthy(params.users) || ids_truthy(params.groups) || ids_truthy(params.tokens))) {
        const message = "either 'users', 'groups' or 'tokens' is required.";
        throw paramError({ users: message, groups: message, tokens: message });
    }
    const removing = params.delete === '1';
    const path = normalizeAclPath(params.path);
    if (path === null || (!removing && !isAllowedAclPath(path, ctx.features.aclPathVersion))) {
        throw paramError({ path: `invalid ACL path '${params.path}'` });
    }
    const propagate = params.propagate === '0' ? 0 : 1;
    underLock('ACL update failed', () => {
        const mayDelegateAnything = !ctx.features.aclDelegationRule || ctx.checks.check(path, ['Permissions.Modify'], true);
        const writes = [];
        for (const roleid of splitList(params.roles)) {
            if (!ctx.state.role(roleid))
                throw die(`role '${roleid}' does not exist`);
            if (!mayDelegateAnything)
                checkDelegation(ctx, path, roleid, removing, propagate);
            for (const groupid of splitList(params.groups)) {
                if (!ctx.state.groups.has(groupid))
                    throw die(`group '${groupid}' does not exist`);
                writes.push(['group', groupid, roleid]);
            }
            for (const userid of splitList(params.users)) {
                const id = verifyUsername(userid).userid;
                if (!ctx.state.users.has(id))
                    throw die(`user '${id}' does not exist`);
                writes.push(['user', id, roleid]);
            }
            for (const tokenId of splitList(params.tokens)) {
                const { userid, tokenid } = ids_splitTokenId(tokenId);
                ctx.checks.userExists(userid, false);
                if (!ctx.state.token(userid, tokenid))
                    throw die(`no such token '${tokenid}' for user '${userid}'`);
                writes.push(['token', tokenId, roleid]);
            }
        }
        for (const [type, ugid, roleid] of writes) {
            if (removing)
                ctx.state.deleteAcl(path, type, ugid, roleid);
            else
                ctx.state.setAcl(path, type, ugid, roleid, propagate);
        }
        ctx.state.committed();
    });
    return null;
}
/** `GET` and `PUT /access/acl`. */
const aclRoutes = [
    { method: 'GET', path: '/access/acl', permissions: { user: 'all' }, schema: () => ({}), handler: listAcl },
    {
        method: 'PUT',
        path: '/access/acl',
        permissions: { check: ['perm-modify', '{path}'] },
        lockLabel: 'ACL update failed',
        schema: () => ({
            path: { type: 'string' },
            roles: { type: 'string', format: 'pve-roleid-list' },
            users: { type: 'string', format: 'pve-userid-list', optional: true },
            groups: { type: 'string', format: 'pve-groupid-list', optional: true },
            tokens: { type: 'string', format: 'pve-tokenid-list', optional: true },
            propagate: { type: 'boolean', optional: true },
            delete: { type: 'boolean', optional: true },
        }),
        handler: updateAcl,
    },
];

;// CONCATENATED MODULE: ./test/fakes/pve/pool-ids.ts
/**
 * The identifier formats of `/pools` with PVE's error texts: pool ids (`pve-poolid`, nested up
 * to three levels), vmids (`pve-vmid`) and storage ids (`pve-storage-id`). Like the validators
 * in ids.ts they throw a plain Error whose message ends in "\n".
 */
const POOL_COMPONENT = '[A-Za-z0-9.\\-_]+';
const POOLID = new RegExp(`^${POOL_COMPONENT}(?:/${POOL_COMPONENT}){0,2}$`);
/** `pve-poolid`: the depth is checked first, on Perl's split (trailing empty parts dropped). */
function verifyPoolname(value) {
    const parts = value.split('/');
    while (parts.length > 0 && parts[parts.length - 1] === '')
        parts.pop();
    if (parts.length > 3)
        throw new Error(`pool name '${value}' nested too deeply (max levels = 3)\n`);
    if (!POOLID.test(value))
        throw new Error(`pool name '${value}' contains invalid characters\n`);
}
/** `pve-vmid`: 100 to 999999999, no leading zero. */
function verifyVmid(value) {
    if (!/^[1-9][0-9]{2,8}$/.test(value))
        throw new Error('value does not look like a valid VM ID\n');
}
/** `pve-storage-id`. */
function verifyStorageId(value) {
    if (!/^[a-z][a-z0-9\-_.]*[a-z0-9]$/i.test(value))
        throw new Error(`storage ID '${value}' contains illegal characters\n`);
}
/** The parent of a nested pool id, undefined for a top-level one. */
function parentPool(poolid) {
    const cut = poolid.lastIndexOf('/');
    return cut < 0 ? undefined : poolid.slice(0, cut);
}

;// CONCATENATED MODULE: ./test/fakes/pve/params.ts
/**
 * Parameter typing as pve-common's JSON-schema engine does it: strict
 * booleans and integers, named formats with their `-list`/`-opt` variants, patterns, lengths,
 * `requires`, no additional properties, and every error of one request reported at once.
 */



const isJsonBoolean = (value) => typeof value === 'object' && 'jsonBoolean' in value;
function checkItem(format, value, ctx) {
    switch (format) {
        case 'pve-userid':
            verifyUsername(value);
            return;
        case 'pve-roleid':
            verifyRolename(value);
            return;
        case 'pve-groupid':
            verifyGroupname(value, ctx.groupIdWrapperChars);
            return;
        case 'pve-priv':
            if (!ctx.privileges.has(value))
                throw new Error(`invalid privilege '${value}'\n`);
            return;
        case 'pve-tokenid':
            verifyTokenId(value);
            return;
        case 'pve-configid':
            verifyConfigId(value);
            return;
        case 'pve-realm':
            verifyRealm(value);
            return;
        case 'email':
            verifyEmail(value);
            return;
        case 'pve-poolid':
            verifyPoolname(value);
            return;
        case 'pve-vmid':
            verifyVmid(value);
            return;
        case 'pve-storage-id':
            verifyStorageId(value);
            return;
    }
}
function checkFormat(format, value, ctx) {
    if (format.endsWith('-list')) {
        // Empty lists are valid; the first bad item decides the message.
        for (const item of splitList(value))
            checkItem(format.slice(0, -'-list'.length), item, ctx);
        return;
    }
    if (format.endsWith('-opt')) {
        if (value !== '')
            checkItem(format.slice(0, -'-opt'.length), value, ctx);
        return;
    }
    checkItem(format, value, ctx);
}
const params_isList = (spec) => spec?.format?.endsWith('-list') === true;
/** One property, in check_prop's order: type, format, pattern, maxLength, minLength, maximum, minimum, enum. */
function checkProp(key, spec, value, ctx) {
    if (value === undefined)
        return spec.optional ? undefined : 'property is missing and it is not optional';
    // Only a boolean parameter takes a JSON boolean; anything else reports the object's class.
    if (isJsonBoolean(value))
        return spec.type === 'boolean' ? undefined : `type check ('${spec.type}') failed - got JSON::PP::Boolean`;
    if (typeof value !== 'string')
        return `type check ('${spec.type}') failed - got ARRAY`;
    if (spec.type === 'boolean' && value !== '0' && value !== '1')
        return `type check ('boolean') failed - got '${value}'`;
    if (spec.type === 'integer' && !/^[+-]?\d+$/.test(value))
        return `type check ('integer') failed - got '${value}'`;
    if (spec.format) {
        try {
            checkFormat(spec.format, value, ctx);
        }
        catch (err) {
            return `invalid format - ${err.message}`;
        }
    }
    if (spec.customFormat) {
        try {
            spec.customFormat(value, key);
        }
        catch (err) {
            return `invalid format - ${err.message}`;
        }
    }
    if (spec.pattern && !spec.pattern.test(value))
        return 'value does not match the regex pattern';
    if (spec.maxLength !== undefined && ids_charLength(value) > spec.maxLength) {
        return `value may only be ${spec.maxLength} characters long`;
    }
    if (spec.minLength !== undefined && ids_charLength(value) < spec.minLength) {
        return `value must be at least ${spec.minLength} characters long`;
    }
    if (spec.maximum !== undefined && /^[+-]?\d+(\.\d+)?$/.test(value) && Number(value) > spec.maximum) {
        return `value must have a maximum value of ${spec.maximum}`;
    }
    if (spec.minimum !== undefined && /^[+-]?\d+(\.\d+)?$/.test(value) && Number(value) < spec.minimum) {
        return `value must have a minimum value of ${spec.minimum}`;
    }
    if (spec.enum && !spec.enum.includes(value)) {
        return `value '${value}' does not have a value in the enumeration '${spec.enum.join(', ')}'`;
    }
    return undefined;
}
/**
 * Validates and flattens: repeated keys of `*-list` parameters are joined with `,`, anything
 * else repeated is a type error. Throws the 400 with all errors found.
 */
function validateParams(schema, raw, ctx) {
    const errors = {};
    const add = (key, message) => {
        errors[key] ??= message;
    };
    const values = {};
    for (const [key, value] of Object.entries(raw)) {
        values[key] = Array.isArray(value) && params_isList(schema[key]) ? value.join(',') : value;
    }
    for (const [key, spec] of Object.entries(schema)) {
        const problem = checkProp(key, spec, values[key], ctx);
        if (problem)
            add(key, problem);
    }
    for (const key of Object.keys(values)) {
        const spec = schema[key];
        if (!spec) {
            add(key, 'property is not defined in schema and the schema does not allow additional properties');
        }
        else if (spec.requires && values[spec.requires] === undefined) {
            add(spec.requires, `missing property required by '${key}'`);
        }
    }
    if (Object.keys(errors).length > 0)
        throw paramError(errors);
    // Validated values are copied through a regex capture, which turns a JSON boolean into "1" or "0".
    return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, perlString(value)]));
}
/** Perl's stringification of a value that is not a plain string, for permission-check templates. */
const perlString = (value) => {
    if (value === undefined || typeof value === 'string')
        return value;
    if (isJsonBoolean(value))
        return value.jsonBoolean ? '1' : '0';
    return 'ARRAY(0x55d5c0ffee00)';
};

;// CONCATENATED MODULE: ./test/fakes/pve/checks.ts
/**
 * PVE's permission-check primitives and the small expression language
 * the API methods declare them in (`and`, `or`, `perm`, `perm-modify`, `userid-group`,
 * `userid-param`). They run before parameter validation, on the raw parameters, which is why a
 * malformed or unknown target user gives a plain 500 here and why `or` swallows errors.
 */




/** `template_replace`: `{name}` → the parameter, or `-` when it is missing or falsy. */
function templateReplace(template, params) {
    return template.replace(/\{([^}]+)\}/g, (_m, name) => {
        const value = perlString(params[name]);
        return value === undefined || value === '' || value === '0' ? '-' : value;
    });
}
/** The checks for one caller in one request (privileges are cached by the engine). */
class PermissionChecks {
    state;
    engine;
    authid;
    constructor(state, engine, authid) {
        this.state = state;
        this.engine = engine;
        this.authid = authid;
    }
    /** All privileges, each present with any propagate flag. */
    check(path, privs, noerr) {
        const have = this.engine.permissions(this.authid, path);
        for (const priv of privs) {
            if (have.has(priv))
                continue;
            if (noerr)
                return false;
            throw permissionError(`${path}, ${priv}`);
        }
        return true;
    }
    checkAny(path, privs, noerr) {
        const have = this.engine.permissions(this.authid, path);
        if (privs.some((priv) => have.has(priv)))
            return true;
        if (noerr)
            return false;
        throw permissionError(`${path}, ${privs.join('|')}`);
    }
    /** Permissions.Modify, or the allocate privilege of the object the path names. */
    checkPermModify(path, noerr) {
        const privs = ['Permissions.Modify'];
        if (/^\/storage\/.+$/.test(path))
            privs.push('Datastore.Allocate');
        else if (/^\/vms\/.+$/.test(path))
            privs.push('VM.Allocate');
        else if (/^\/pool\/.+$/.test(path))
            privs.push('Pool.Allocate');
        return this.checkAny(path, privs, noerr);
    }
    /** Groups on which the caller has the privileges. */
    filterGroups(privs, any) {
        const out = new Set();
        for (const groupid of this.state.groups.keys()) {
            const path = `/access/groups/${groupid}`;
            if (any ? this.checkAny(path, privs, true) : this.check(path, privs, true))
                out.add(groupid);
        }
        return out;
    }
    /** Members of any of the groups. */
    groupMembers(groups) {
        const out = new Set();
        for (const groupid of groups)
            for (const userid of this.state.groups.get(groupid)?.members ?? [])
                out.add(userid);
        return out;
    }
    /** `check_user_exist`: a malformed id dies like a missing one unless `noerr`. */
    userExists(userid, noerr) {
        let id;
        try {
            id = verifyUsername(userid ?? '').userid;
        }
        catch (err) {
            if (noerr)
                return undefined;
            rethrowPlain(err);
        }
        const user = this.state.users.get(id);
        if (!user && !noerr)
            throw die(`no such user ('${id}')`);
        return user;
    }
    /** `exec_api2_perm_check`; the result of the top-level call is ignored by PVE, only throws count. */
    run(check, params, noerr = false) {
        switch (check[0]) {
            case 'or': {
                for (const sub of check.slice(1))
                    if (this.run(sub, params, true))
                        return true;
                if (noerr)
                    return false;
                throw permissionError();
            }
            case 'and':
                // Sub-checks of `and` raise their own errors, even inside an `or`.
                for (const sub of check.slice(1))
                    this.run(sub, params);
                return true;
            case 'perm': {
                const [, template, privs, options] = check;
                const path = normalizeAclPath(templateReplace(template, params));
                if (path === null)
                    return false;
                return options?.any ? this.checkAny(path, privs, noerr) : this.check(path, privs, noerr);
            }
            case 'perm-modify': {
                // A path that does not normalise skips the check: the handler rejects it with a 400 later.
                const path = normalizeAclPath(templateReplace(check[1], params));
                if (path === null)
                    return false;
                return this.checkPermModify(path, noerr);
            }
            case 'userid-group':
                return this.#useridGroup(check[1], check[2]?.groupsParam, params, noerr);
            case 'userid-param':
                return this.#useridParam(check[1], params, noerr);
        }
    }
    #useridGroup(privs, groupsParam, params, noerr) {
        const userid = perlString(params.userid);
        const checkExisting = groupsParam !== 'create';
        if (checkExisting && !this.userExists(userid, noerr))
            return false;
        if (this.checkAny('/access/groups', privs, true))
            return true;
        const groups = this.filterGroups(privs, true);
        if (groupsParam) {
            const wanted = splitList(perlString(params.groups));
            if (wanted.length === 0)
                throw permissionError(`/access/groups, ${privs.join('|')}`);
            for (const groupid of wanted) {
                if (!groups.has(groupid))
                    throw permissionError(`/access/groups/${groupid}, ${privs.join('|')}`);
            }
        }
        if (checkExisting && !this.groupMembers(groups).has(userid)) {
            if (noerr)
                return false;
            throw permissionError();
        }
        return true;
    }
    #useridParam(test, params, noerr) {
        let target;
        try {
            target = verifyUsername(perlString(params.userid) ?? '');
        }
        catch (err) {
            rethrowPlain(err);
        }
        if (test === 'Realm.AllocateUser')
            return this.check(`/access/realm/${target.realm}`, ['Realm.AllocateUser'], noerr);
        if (!this.userExists(target.userid, noerr))
            return false;
        if (this.authid === target.userid)
            return true;
        if (noerr)
            return false;
        throw permissionError();
    }
}

;// CONCATENATED MODULE: ./test/fakes/pve/pool-config.ts
/**
 * The pools of user.cfg: per pool its comment, member vmids and member storage ids, plus the
 * vmid → pool index PVE's parser builds (a guest belongs to one pool at most). Members are not
 * checked against the node's guests and storages: PVE stores any valid id and only hides
 * unknown ones when listing. Changes run on a draft that replaces the config only when the
 * whole change succeeds, as user.cfg is written once at the end of a locked update.
 */

/** All pools of one node. */
class PoolConfig {
    #pools = new Map();
    #vmPool = new Map();
    get(poolid) {
        return this.#pools.get(poolid);
    }
    /** Pool ids in Perl's `sort` order. */
    sortedIds() {
        return [...this.#pools.keys()].sort(byText);
    }
    /** The pools one level below `poolid`, sorted. */
    children(poolid) {
        const prefix = `${poolid}/`;
        return this.sortedIds().filter((id) => id.startsWith(prefix) && !id.slice(prefix.length).includes('/'));
    }
    poolOfVm(vmid) {
        return this.#vmPool.get(vmid);
    }
    /** A storage may be a member of several pools. */
    poolsWithStorage(storeid) {
        return [...this.#pools].filter(([, pool]) => pool.storage.has(storeid)).map(([id]) => id);
    }
    /** `/vms/<vmid>` and `/storage/<id>` of every member, known to the node or not. */
    memberPaths() {
        const paths = new Set();
        for (const pool of this.#pools.values()) {
            for (const vmid of pool.vms)
                paths.add(`/vms/${vmid}`);
            for (const storeid of pool.storage)
                paths.add(`/storage/${storeid}`);
        }
        return paths;
    }
    create(poolid, comment) {
        this.#pools.set(poolid, { vms: new Set(), storage: new Set(), ...(comment !== undefined ? { comment } : {}) });
    }
    /** The pool and the memberships of its guests. */
    remove(poolid) {
        for (const vmid of this.#pools.get(poolid)?.vms ?? [])
            this.#vmPool.delete(vmid);
        this.#pools.delete(poolid);
    }
    /** Puts the guest into the pool, taking it out of the pool it was in. */
    addVm(poolid, vmid) {
        const previous = this.#vmPool.get(vmid);
        if (previous !== undefined)
            this.#pools.get(previous)?.vms.delete(vmid);
        this.#pools.get(poolid)?.vms.add(vmid);
        this.#vmPool.set(vmid, poolid);
    }
    removeVm(poolid, vmid) {
        this.#pools.get(poolid)?.vms.delete(vmid);
        this.#vmPool.delete(vmid);
    }
    /** Runs `change` on a copy and keeps the copy only if `change` returns without throwing. */
    edit(change) {
        const draft = new PoolConfig();
        for (const [id, pool] of this.#pools) {
            draft.#pools.set(id, { ...pool, vms: new Set(pool.vms), storage: new Set(pool.storage) });
        }
        draft.#vmPool = new Map(this.#vmPool);
        const result = change(draft);
        this.#pools = draft.#pools;
        this.#vmPool = draft.#vmPool;
        return result;
    }
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
;// CONCATENATED MODULE: ./test/fakes/pve/property-string.ts
/**
 * PVE's property strings (`key=value,key=value`), which realms use for `tfa` and
 * `sync-defaults-options`: parsing with PVE's messages, the per-key schema check (all problems
 * reported under `<param>.<key>`), and printing with the keys sorted.
 */


/** `parse_boolean`: the spellings PVE accepts inside property strings. */
function parseBoolean(value) {
    if (/^(1|on|yes|true)$/i.test(value))
        return '1';
    if (/^(0|off|no|false)$/i.test(value))
        return '0';
    return undefined;
}
/**
 * `parse_property_string`: throws an Error with PVE's text; key checks fail as
 * "format error\n<path>.<key>: <message>\n…".
 */
function property_string_parsePropertyString(format, text, path) {
    const values = {};
    for (const part of text.split(',')) {
        if (/^\s*$/.test(part))
            continue;
        // Perl's `$` also matches before one final newline.
        const pair = /^([^=]+)=(.+)\n?$/.exec(part);
        if (pair) {
            const key = pair[1];
            if (values[key] !== undefined)
                throw new Error(`duplicate key in comma-separated list property: ${key}\n`);
            const spec = format[key];
            if (!spec)
                throw new Error(`invalid key in comma-separated list property: ${key}\n`);
            values[key] = spec.type === 'boolean' ? (parseBoolean(pair[2]) ?? pair[2]) : pair[2];
        }
        else if (!part.includes('=')) {
            throw new Error('value without key, but schema does not define a default key\n');
        }
        else {
            throw new Error('missing key in comma-separated list property\n');
        }
    }
    try {
        validateParams(format, values, { privileges: new Set() });
    }
    catch (err) {
        if (!(err instanceof PveError) || !err.errors)
            throw err;
        const lines = Object.keys(err.errors)
            .sort()
            .map((key) => `${path}.${key}: ${err.errors[key]}\n`);
        throw new Error(`format error\n${lines.join('')}`, { cause: err });
    }
    return values;
}
/** `print_property_string`: required keys first, then the rest, each group sorted. */
function printPropertyString(format, values) {
    const keys = Object.keys(values).sort();
    const required = (key) => format[key] !== undefined && !format[key].optional;
    const ordered = [...keys.filter(required), ...keys.filter((key) => !required(key))];
    const parts = [];
    for (const key of ordered) {
        const value = values[key];
        if (value === undefined)
            continue;
        if (value.includes(','))
            throw new Error(`illegal value with commas for ${key}\n`);
        parts.push(`${key}=${value}`);
    }
    return parts.join(',');
}

;// CONCATENATED MODULE: ./test/fakes/pve/realm-schema.ts
/**
 * What a realm may hold: the properties the five realm types (pam, pve, ldap, ad, openid) share
 * in one list, which of them each type allows or requires, and the parameter schemas of the
 * `/access/domains` methods built from them. Create accepts every property of every type (the
 * type then refuses foreign ones with a 500); update drops `type` and the create-only
 * `username-claim`.
 */



/** PVE's patterns are anchored as `^<pattern>$`, alternations included, so the quirks stay. */
const anchored = (pattern) => new RegExp(`^${pattern}$`);
const DNS_NAME = /^(([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)\.)*([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)$/;
/** The `address` format: an IP address or a DNS name (every dotted quad is also a DNS name). */
function verifyAddress(value) {
    if (((0,external_node_net_.isIPv6)(value) && !value.includes('%')) || DNS_NAME.test(value))
        return;
    throw new Error(`value does not look like a valid address: ${value}\n`);
}
function verifyLdapAttr(value) {
    if (!/^[a-zA-Z0-9]+$/.test(value))
        throw new Error(`value '${value}' does not look like a simple ldap attribute name\n`);
}
/** `pve-tfa-config`: the realm-wide second factor. */
const TFA_FORMAT = {
    type: { type: 'string', enum: ['yubico', 'oath'] },
    id: { type: 'string', optional: true },
    key: { type: 'string', optional: true },
    url: { type: 'string', optional: true },
    digits: { type: 'integer', minimum: 6, maximum: 8, optional: true },
    step: { type: 'integer', minimum: 10, optional: true },
};
const realm_schema_REMOVE_VANISHED = anchored('(?:(?:(?:acl|properties|entry);)*(?:acl|properties|entry))|none');
/** `realm-sync-options`: the sync parameters, also storable as a realm's defaults. */
const SYNC_OPTIONS_FORMAT = {
    scope: { type: 'string', enum: ['users', 'groups', 'both'], optional: true },
    'remove-vanished': { type: 'string', pattern: realm_schema_REMOVE_VANISHED, optional: true },
    full: { type: 'boolean', optional: true },
    'enable-new': { type: 'boolean', optional: true },
    purge: { type: 'boolean', optional: true },
};
/** What a sync uses when neither the request nor the realm's defaults say. */
const SYNC_OPTION_DEFAULTS = { 'enable-new': '1', 'remove-vanished': 'none' };
const propertyString = (format) => (value, key) => {
    property_string_parsePropertyString(format, value, key);
};
const realm_schema_text = (maxLength) => ({ type: 'string', optional: true, ...(maxLength ? { maxLength } : {}) });
const realm_schema_flag = { type: 'boolean', optional: true };
const realm_schema_address = { type: 'string', customFormat: verifyAddress, maxLength: 256, optional: true };
const attrList = {
    type: 'string',
    customFormat: (value) => splitList(value).forEach(verifyLdapAttr),
    optional: true,
};
/** Every realm property; each type picks its own (`REALM_OPTIONS`). */
const REALM_PROPERTIES = {
    // shared by all types
    comment: realm_schema_text(4096),
    default: realm_schema_flag,
    tfa: { type: 'string', customFormat: propertyString(TFA_FORMAT), maxLength: 128, optional: true },
    // ldap and ad
    server1: realm_schema_address,
    server2: realm_schema_address,
    port: { type: 'integer', minimum: 1, maximum: 65535, optional: true },
    secure: realm_schema_flag,
    sslversion: { type: 'string', enum: ['tlsv1', 'tlsv1_1', 'tlsv1_2', 'tlsv1_3'], optional: true },
    domain: { type: 'string', pattern: anchored('\\S+'), maxLength: 256, optional: true },
    base_dn: realm_schema_text(256),
    user_attr: { type: 'string', pattern: anchored('\\S{2,}'), maxLength: 256, optional: true },
    bind_dn: realm_schema_text(256),
    password: realm_schema_text(),
    verify: realm_schema_flag,
    capath: realm_schema_text(),
    cert: realm_schema_text(),
    certkey: realm_schema_text(),
    filter: realm_schema_text(2048),
    sync_attributes: { type: 'string', pattern: anchored('\\w+=[^,]+(,\\s*\\w+=[^,]+)*'), optional: true },
    user_classes: attrList,
    group_dn: realm_schema_text(256),
    group_name_attr: { type: 'string', customFormat: verifyLdapAttr, maxLength: 256, optional: true },
    group_filter: realm_schema_text(2048),
    group_classes: attrList,
    'sync-defaults-options': { type: 'string', customFormat: propertyString(SYNC_OPTIONS_FORMAT), optional: true },
    mode: { type: 'string', enum: ['ldap', 'ldaps', 'ldap+starttls'], optional: true },
    'case-sensitive': realm_schema_flag,
    // openid
    'issuer-url': realm_schema_text(256),
    'client-id': realm_schema_text(256),
    'client-key': realm_schema_text(256),
    autocreate: realm_schema_flag,
    'username-claim': realm_schema_text(),
    'groups-claim': { type: 'string', pattern: anchored('[A-Za-z0-9.\\-_]+'), maxLength: 256, optional: true },
    'groups-autocreate': realm_schema_flag,
    'groups-overwrite': realm_schema_flag,
    prompt: { type: 'string', pattern: anchored('(?:none|login|consent|select_account|\\S+)'), optional: true },
    scopes: realm_schema_text(),
    'acr-values': { type: 'string', pattern: anchored('^[^\\x00-\\x1F\\x7F <>#"]*$'), optional: true },
    'query-userinfo': realm_schema_flag,
};
const optional = (...keys) => Object.fromEntries(keys.map((k) => [k, { optional: true }]));
const DIRECTORY_OPTIONS = optional('server2', 'port', 'secure', 'sslversion', 'default', 'comment', 'tfa', 'verify', 'capath', 'cert', 'certkey', 'bind_dn', 'password', 'filter', 'sync_attributes', 'user_classes', 'group_dn', 'group_name_attr', 'group_filter', 'group_classes', 'sync-defaults-options', 'mode', 'case-sensitive');
/** The realm types and the properties each allows. */
const realm_schema_REALM_OPTIONS = {
    pam: optional('default', 'comment', 'tfa'),
    pve: optional('default', 'comment', 'tfa'),
    ldap: { ...DIRECTORY_OPTIONS, server1: {}, base_dn: {}, user_attr: {} },
    ad: { ...DIRECTORY_OPTIONS, ...optional('base_dn', 'user_attr'), server1: {}, domain: {} },
    openid: {
        ...optional('client-key', 'autocreate', 'groups-claim', 'groups-autocreate', 'groups-overwrite', 'prompt', 'scopes', 'acr-values', 'default', 'comment', 'query-userinfo'),
        'issuer-url': {},
        'client-id': {},
        'username-claim': { optional: true, fixed: true },
    },
};
/** Types whose realms live in a directory: bind password, sync, connection check. */
const isDirectoryType = (type) => type === 'ldap' || type === 'ad';
const realmId = { type: 'string', format: 'pve-realm', maxLength: 32 };
const checkConnection = { type: 'boolean', optional: true };
/** `POST /access/domains`. */
function createRealmSchema() {
    return {
        ...REALM_PROPERTIES,
        type: { type: 'string', enum: Object.keys(realm_schema_REALM_OPTIONS).sort() },
        realm: realmId,
        'check-connection': checkConnection,
    };
}
/** `PUT /access/domains/{realm}`: no `type`, nothing fixed, plus `delete` and `digest`. */
function updateRealmSchema() {
    const fixedEverywhere = (key) => Object.values(realm_schema_REALM_OPTIONS).every((options) => !options[key] || options[key].fixed === true);
    const properties = Object.fromEntries(Object.entries(REALM_PROPERTIES).filter(([key]) => !fixedEverywhere(key)));
    return {
        ...properties,
        realm: realmId,
        'check-connection': checkConnection,
        delete: { type: 'string', format: 'pve-configid-list', maxLength: 4096, optional: true },
        digest: { type: 'string', maxLength: 64, optional: true },
    };
}
/** `POST /access/domains/{realm}/sync`. */
function syncRealmSchema() {
    return { ...SYNC_OPTIONS_FORMAT, realm: realmId, 'dry-run': { type: 'boolean', optional: true } };
}
/** `GET` and `DELETE` of one realm. */
const realmIdSchema = () => ({ realm: realmId });

;// CONCATENATED MODULE: ./test/fakes/pve/realm-config.ts
/**
 * The simulator's domains.cfg. PVE rewrites and re-parses this file on every change, and its
 * bytes are what `digest` hashes, so the store keeps the file text itself and runs a writer and
 * a parser with PVE's rules: comment first and percent-encoded, then the required options, then
 * the optional ones, each group sorted; values are checked again when read back (a value that
 * fails is dropped, a section missing a required option vanishes); `pam` and `pve` always exist,
 * re-added with their built-in comments when absent. Directory bind passwords live beside the
 * file, never in it.
 */



const BUILTIN_COMMENTS = {
    pve: 'Proxmox VE authentication server',
    pam: 'Linux PAM standard authentication',
};
/** A fresh node's file, as the installer writes it. */
const INSTALLED = 'pam: pam\n\tcomment Linux PAM standard authentication\n\npve: pve\n\tcomment Proxmox VE authentication server\n\n';
/** Perl truthiness: undefined, "", "0" and 0 are false. */
const perlTrue = (value) => value !== undefined && value !== '' && value !== '0' && value !== 0;
/** `encode_text`: UTF-8, then every byte outside printable ASCII, and `:`, as %XX. */
function encodeText(value) {
    let out = '';
    for (const byte of Buffer.from(value, 'utf8')) {
        const safe = (byte >= 0x20 && byte <= 0x39) || (byte >= 0x3b && byte <= 0x7e);
        out += safe ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    return out;
}
/** `decode_text`: every %XX (not only the ones the encoder makes) back to bytes, then UTF-8. */
function decodeText(value) {
    const bytes = [];
    for (let i = 0; i < value.length; i++) {
        if (value[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
            bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
            i += 2;
        }
        else {
            bytes.push(...Buffer.from(value[i], 'utf8'));
        }
    }
    return new TextDecoder().decode(Uint8Array.from(bytes));
}
/**
 * `check_value`: the option must belong to the type; booleans and integers become numbers. The
 * schema check runs only when reading the file; the API has checked its parameters already.
 */
function checkValue(type, key, value, schemaCheck) {
    if (key === 'type' && value === type)
        return value;
    const options = realm_schema_REALM_OPTIONS[type];
    if (!options)
        throw new Error(`unknown section type '${type}'\n`);
    if (!options[key])
        throw new Error(`unexpected property '${key}'\n`);
    const spec = REALM_PROPERTIES[key];
    if (/[\n\r]/.test(value))
        throw new Error('property contains a line feed\n');
    if (schemaCheck)
        validateParams({ [key]: spec }, { [key]: value }, { privileges: new Set() });
    return spec.type === 'boolean' || spec.type === 'integer' ? Number(value) : value;
}
/**
 * `check_config`: every key checked (in sorted order, where PVE takes hash order), fixed ones
 * refused on update, and on creation every required option present.
 */
function checkConfig(type, values, create) {
    const options = realm_schema_REALM_OPTIONS[type] ?? {};
    const settings = { type };
    for (const key of Object.keys(values).sort()) {
        if (!create && options[key]?.fixed)
            throw new Error(`can't change value of fixed parameter '${key}'\n`);
        settings[key] = checkValue(type, key, values[key], false);
    }
    if (create) {
        for (const key of Object.keys(options).sort()) {
            if (!options[key].optional && values[key] === undefined)
                throw new Error(`missing value for required option '${key}'\n`);
        }
    }
    return settings;
}
function configLine(key, value) {
    if (/[\n\r]/.test(key) || /[\n\r]/.test(String(value)))
        throw new Error(`property '${key}' contains a line feed\n`);
    if (REALM_PROPERTIES[key]?.type === 'boolean')
        return `\t${key} ${perlTrue(value) ? 1 : 0}\n`;
    return String(value) === '' ? '' : `\t${key} ${value}\n`;
}
/** The writer: throws PVE's error (e.g. a required option deleted) and then writes nothing. */
function writeDomainsCfg(ids) {
    let out = '';
    for (const [realm, section] of ids) {
        const type = String(section.type);
        const options = realm_schema_REALM_OPTIONS[type];
        if (!options)
            throw new Error(`unknown section type '${type}'\n`);
        let data = `${type}: ${realm}\n`;
        if (perlTrue(section.comment))
            data += configLine('comment', encodeText(String(section.comment)));
        const keys = Object.keys(options)
            .filter((key) => key !== 'comment')
            .sort();
        for (const key of keys.filter((k) => !options[k].optional)) {
            const value = section[key];
            if (value === undefined)
                throw new Error(`section '${realm}' - missing value for required option '${key}'\n`);
            data += configLine(key, value);
        }
        for (const key of keys.filter((k) => options[k].optional)) {
            const value = section[key];
            if (value !== undefined)
                data += configLine(key, value);
        }
        out += `${data}\n`;
    }
    return out;
}
/** The section body lines of one realm, read with PVE's rules; undefined when the section is skipped. */
function parseSection(type, lines) {
    if (!realm_schema_REALM_OPTIONS[type])
        return undefined;
    const section = {};
    for (const line of lines) {
        const match = /^\s+(\S+)(?:\s+(.*\S))?\s*$/.exec(line);
        if (!match)
            continue;
        const [, key, value] = match;
        try {
            if (section[key] !== undefined)
                throw new Error('duplicate attribute');
            if (value === undefined) {
                if (REALM_PROPERTIES[key]?.type !== 'boolean')
                    throw new Error('got undefined value');
                section[key] = checkValue(type, key, '1', true);
            }
            else {
                section[key] = checkValue(type, key, value, true);
            }
        }
        catch {
            // PVE warns and drops the value.
        }
    }
    try {
        return checkConfig(type, Object.fromEntries(Object.entries(section).map(([k, v]) => [k, String(v)])), true);
    }
    catch {
        return undefined;
    }
}
/** The parser, with the realm plugin's additions (one default, decoded comments, pam and pve). */
function parseDomainsCfg(raw) {
    const ids = new Map();
    const lines = raw.split('\n').filter((line) => !/^\s*#/.test(line));
    let i = 0;
    while (i < lines.length) {
        const line = lines[i++];
        if (line === '' || line === '0')
            continue;
        const header = /^(\S+):\s*(\S+)\s*$/.exec(line);
        // Anything else between sections is ignored, line by line.
        if (!header)
            continue;
        const body = [];
        while (i < lines.length && lines[i] !== '' && lines[i] !== '0')
            body.push(lines[i++]);
        const type = header[1].toLowerCase();
        const realm = header[2];
        if (!/^[A-Za-z][A-Za-z0-9.\-_]+$/.test(realm))
            continue;
        const section = parseSection(type, body);
        if (section)
            ids.set(realm, section);
    }
    let haveDefault = false;
    for (const section of ids.values()) {
        if (perlTrue(section.default)) {
            if (haveDefault)
                delete section.default;
            haveDefault = true;
        }
        if (perlTrue(section.comment))
            section.comment = decodeText(String(section.comment));
    }
    for (const builtin of ['pve', 'pam']) {
        const section = ids.get(builtin) ?? {};
        section.type = builtin;
        if (builtin === 'pam')
            section.plugin = 'PVE::Auth::PAM';
        if (!perlTrue(section.comment))
            section.comment = BUILTIN_COMMENTS[builtin];
        ids.set(builtin, section);
    }
    return { ids, digest: (0,external_node_crypto_.createHash)('sha1').update(raw, 'utf8').digest('hex') };
}
/** domains.cfg and the directory bind passwords (priv/realm/<realm>.pw) of one simulated node. */
class RealmStore {
    #raw = INSTALLED;
    #parsed;
    #bindPasswords = new Map();
    /** The parsed file, shared: for reading only. */
    get current() {
        this.#parsed ??= parseDomainsCfg(this.#raw);
        return this.#parsed;
    }
    /** A private copy to change and hand to `save`. */
    load() {
        return parseDomainsCfg(this.#raw);
    }
    /** Writes the file; when the writer refuses, nothing changes. */
    save(config) {
        const ids = new Map();
        for (const [realm, section] of config.ids)
            ids.set(realm, { ...section });
        this.#raw = writeDomainsCfg(ids);
        this.#parsed = undefined;
    }
    /** The realm's type, or undefined when the realm does not exist. */
    type(realm) {
        const type = this.current.ids.get(realm)?.type;
        return type === undefined ? undefined : String(type);
    }
    /** `case-sensitive` defaults to on; an unknown realm is case-sensitive. */
    caseSensitive(realm) {
        const value = this.current.ids.get(realm)?.['case-sensitive'];
        return value === undefined || perlTrue(value);
    }
    setBindPassword(realm, password) {
        if (password === undefined)
            this.#bindPasswords.delete(realm);
        else
            this.#bindPasswords.set(realm, password);
    }
    hasBindPassword(realm) {
        return this.#bindPasswords.has(realm);
    }
}

;// CONCATENATED MODULE: ./test/fakes/pve/state.ts
/**
 * The simulator's in-memory user.cfg, token.cfg and shadow.cfg. Everything is indexed by id so
 * that a cluster of thousands of users costs O(1) per write and O(n log n) per list. What PVE
 * gets from rewriting and re-parsing user.cfg on every write (falsy free text dropped, the
 * e-mail quirk, ACL lines of vanished roles and tokens dropped, root@pam re-created) is applied
 * here to the objects a write touches, which gives the same answers.
 */



/** In the order PVE lists them on each path. */
const state_ACL_TYPES = ['user', 'group', 'token'];
const principalKey = (type, ugid) => `${type}\u0000${ugid}`;
/** Depth-first over the path tree with sorted children = component-wise comparison. */
function comparePaths(a, b) {
    const pa = a === '/' ? [] : a.slice(1).split('/');
    const pb = b === '/' ? [] : b.slice(1).split('/');
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
        const c = byText(pa[i], pb[i]);
        if (c !== 0)
            return c;
    }
    return pa.length - pb.length;
}
/** One node's access configuration. */
class PveState {
    users = new Map();
    groups = new Map();
    customRoles = new Map();
    builtinRoles;
    /** Normalised path → entries. A path exists only while it holds an entry. */
    acl = new Map();
    /** priv/shadow.cfg (pve realm) and, for the simulator, pam accounts: userid → password. */
    passwords = new Map();
    /** priv/token.cfg: full token id → secret. */
    tokenSecrets = new Map();
    /** The resource pools, which user.cfg also holds. */
    pools = new PoolConfig();
    /** domains.cfg: the realms, pam and pve always among them. */
    realms = new RealmStore();
    allPrivileges;
    #principalPaths = new Map();
    #sortedUsers;
    #sortedPaths;
    constructor(builtinRoles, allPrivileges, rootPassword) {
        this.builtinRoles = new Map(Object.entries(builtinRoles).map(([id, privs]) => [id, new Set(privs)]));
        this.allPrivileges = allPrivileges;
        // A fresh node: the installer gives root an e-mail address.
        this.users.set(ROOT, newUser(ROOT, { enable: 1, expire: 0, email: 'root@example.com' }));
        this.passwords.set(ROOT, rootPassword);
    }
    role(roleid) {
        return this.builtinRoles.get(roleid) ?? this.customRoles.get(roleid);
    }
    isBuiltinRole(roleid) {
        return this.builtinRoles.has(roleid);
    }
    token(userid, tokenid) {
        return this.users.get(userid)?.tokens.get(tokenid);
    }
    sortedUserIds() {
        this.#sortedUsers ??= [...this.users.keys()].sort(byText);
        return this.#sortedUsers;
    }
    /** Every path holding an entry, in PVE's tree order. */
    sortedAclPaths() {
        this.#sortedPaths ??= [...this.acl.keys()].sort(comparePaths);
        return this.#sortedPaths;
    }
    aclEntries() {
        const out = [];
        for (const path of this.sortedAclPaths()) {
            const node = this.acl.get(path);
            for (const type of state_ACL_TYPES) {
                for (const ugid of [...node[type].keys()].sort(byText)) {
                    const roles = node[type].get(ugid);
                    for (const roleid of [...roles.keys()].sort(byText))
                        out.push({ path, type, ugid, roleid, propagate: roles.get(roleid) });
                }
            }
        }
        return out;
    }
    addUser(user) {
        this.users.set(user.userid, user);
        this.#sortedUsers = undefined;
    }
    /** Removes the user with its memberships, tokens (and their ACL entries and secrets) and user ACL entries. */
    removeUser(userid) {
        const user = this.users.get(userid);
        if (!user)
            return;
        for (const groupid of user.groups)
            this.groups.get(groupid)?.members.delete(userid);
        for (const tokenid of [...user.tokens.keys()])
            this.removeToken(userid, tokenid);
        this.dropPrincipal('user', userid);
        // The pve realm drops the shadow entry; a pam account lives on in the node's /etc/shadow.
        if (userid.endsWith('@pve'))
            this.passwords.delete(userid);
        this.users.delete(userid);
        this.#sortedUsers = undefined;
        // root@pam cannot go: the parser re-creates it with nothing but enable=1.
        if (userid === ROOT)
            this.addUser(newUser(ROOT, { enable: 1, expire: undefined }));
    }
    /** The token and its ACL entries vanish; PVE leaves the secret in token.cfg, where it can never match again. */
    removeToken(userid, tokenid) {
        this.users.get(userid)?.tokens.delete(tokenid);
        this.tokenSecrets.delete(`${userid}!${tokenid}`);
        this.dropPrincipal('token', `${userid}!${tokenid}`);
    }
    removeGroup(groupid) {
        const group = this.groups.get(groupid);
        if (!group)
            return;
        for (const userid of group.members)
            this.users.get(userid)?.groups.delete(groupid);
        this.dropPrincipal('group', groupid);
        this.groups.delete(groupid);
    }
    removeRole(roleid) {
        this.customRoles.delete(roleid);
        for (const [path, node] of [...this.acl]) {
            for (const type of state_ACL_TYPES) {
                for (const [ugid, roles] of node[type])
                    if (roles.delete(roleid) && roles.size === 0)
                        this.#forget(path, type, ugid);
            }
        }
    }
    addMembership(userid, groupid) {
        this.users.get(userid)?.groups.add(groupid);
        this.groups.get(groupid)?.members.add(userid);
    }
    clearMemberships(userid) {
        const user = this.users.get(userid);
        if (!user)
            return;
        for (const groupid of user.groups)
            this.groups.get(groupid)?.members.delete(userid);
        user.groups.clear();
    }
    setAcl(path, type, ugid, roleid, propagate) {
        // The writer skips root@pam: it has every privilege anyway.
        if (type === 'user' && ugid === ROOT)
            return;
        let node = this.acl.get(path);
        if (!node) {
            node = { user: new Map(), group: new Map(), token: new Map() };
            this.acl.set(path, node);
            this.#sortedPaths = undefined;
        }
        let roles = node[type].get(ugid);
        if (!roles) {
            node[type].set(ugid, (roles = new Map()));
            const key = principalKey(type, ugid);
            let paths = this.#principalPaths.get(key);
            if (!paths)
                this.#principalPaths.set(key, (paths = new Set()));
            paths.add(path);
        }
        roles.set(roleid, propagate);
    }
    deleteAcl(path, type, ugid, roleid) {
        const roles = this.acl.get(path)?.[type].get(ugid);
        if (roles?.delete(roleid) && roles.size === 0)
            this.#forget(path, type, ugid);
    }
    /** Every ACL entry of one principal. */
    dropPrincipal(type, ugid) {
        const key = principalKey(type, ugid);
        for (const path of this.#principalPaths.get(key) ?? [])
            this.#forget(path, type, ugid);
        this.#principalPaths.delete(key);
    }
    #forget(path, type, ugid) {
        const node = this.acl.get(path);
        if (!node)
            return;
        node[type].delete(ugid);
        this.#principalPaths.get(principalKey(type, ugid))?.delete(path);
        if (state_ACL_TYPES.every((t) => node[t].size === 0)) {
            this.acl.delete(path);
            this.#sortedPaths = undefined;
        }
    }
    /** After every successful write of user.cfg: the writer always emits root@pam with an expire field. */
    committed() {
        const root = this.users.get(ROOT);
        if (root && root.expire === undefined)
            root.expire = 0;
    }
}
/** A user record without groups or tokens. */
function newUser(userid, fields) {
    return { ...fields, userid, groups: new Set(), tokens: new Map() };
}
/**
 * user.cfg's parser trims every field. Free text is written percent-encoded except for printable
 * ASCII, so of all whitespace only plain spaces reach the parser, and only they are trimmed.
 */
const readBack = (text) => text.replace(/^ +| +$/g, '');
/**
 * What survives user.cfg's writer and parser: falsy free text is not written, free text loses
 * its outer spaces; e-mail is written raw and, when empty, reads back as "" only if a later field
 * on the line (comment, keys) is set.
 */
function settleUserFields(user) {
    for (const field of ['firstname', 'lastname', 'comment']) {
        const text = user[field];
        if (text !== undefined)
            user[field] = readBack(text);
    }
    for (const field of ['firstname', 'lastname', 'comment', 'keys'])
        if (!ids_truthy(user[field]))
            delete user[field];
    if (!ids_truthy(user.email)) {
        if (user.comment !== undefined || user.keys !== undefined)
            user.email = '';
        else
            delete user.email;
    }
}
/** Tokens keep only a truthy comment, without its outer spaces. */
function settleTokenFields(token) {
    if (token.comment !== undefined)
        token.comment = readBack(token.comment);
    if (!ids_truthy(token.comment))
        delete token.comment;
}
/** Groups likewise. */
function settleGroupFields(group) {
    if (group.comment !== undefined)
        group.comment = readBack(group.comment);
    if (!ids_truthy(group.comment))
        delete group.comment;
}
/** Perl's int() of an already validated integer string. */
const toInt = (value) => {
    const n = Number.parseInt(value, 10);
    return n === 0 ? 0 : n;
};

;// CONCATENATED MODULE: ./test/fakes/pve/groups.ts
/**
 * `/access/groups`: the list filtered per group, members as a comma
 * string there and an array on the single group; only the comment is editable; deleting a group
 * drops its memberships and its group ACL entries, not the ACLs on `/access/groups/<id>`.
 */



const groupid = { type: 'string', format: 'pve-groupid' };
function listGroups(ctx) {
    const privs = ['User.Modify', 'Sys.Audit', 'Group.Allocate'];
    return [...ctx.state.groups.values()]
        .filter((group) => ctx.checks.checkAny(`/access/groups/${group.groupid}`, privs, true))
        .sort((a, b) => byText(a.groupid, b.groupid))
        .map((group) => ({
        groupid: group.groupid,
        ...(group.comment !== undefined ? { comment: group.comment } : {}),
        users: [...group.members].sort(byText).join(','),
    }));
}
function existingGroup(ctx, id) {
    const group = ctx.state.groups.get(id);
    if (!group)
        throw die(`group '${id}' does not exist`);
    return group;
}
function readGroup(ctx, params) {
    const group = existingGroup(ctx, params.groupid);
    return { members: [...group.members].sort(byText), ...(group.comment !== undefined ? { comment: group.comment } : {}) };
}
function createGroup(ctx, params) {
    underLock('create group failed', () => {
        const id = params.groupid;
        if (ctx.state.groups.has(id))
            throw die(`group '${id}' already exists`);
        const group = { groupid: id, members: new Set(), ...(params.comment !== undefined ? { comment: params.comment } : {}) };
        settleGroupFields(group);
        ctx.state.groups.set(id, group);
        ctx.state.committed();
    });
    return null;
}
function updateGroup(ctx, params) {
    underLock('update group failed', () => {
        const group = existingGroup(ctx, params.groupid);
        if (params.comment !== undefined) {
            group.comment = params.comment;
            settleGroupFields(group);
        }
        ctx.state.committed();
    });
    return null;
}
function deleteGroup(ctx, params) {
    underLock('delete group failed', () => {
        existingGroup(ctx, params.groupid);
        ctx.state.removeGroup(params.groupid);
        ctx.state.committed();
    });
    return null;
}
/** The `/access/groups` methods. */
const groupRoutes = [
    { method: 'GET', path: '/access/groups', permissions: { user: 'all' }, schema: () => ({}), handler: listGroups },
    {
        method: 'POST',
        path: '/access/groups',
        permissions: { check: ['perm', '/access/groups', ['Group.Allocate']] },
        lockLabel: 'create group failed',
        schema: () => ({ groupid, comment: { type: 'string', optional: true } }),
        handler: createGroup,
    },
    {
        method: 'GET',
        path: '/access/groups/{groupid}',
        permissions: { check: ['perm', '/access/groups', ['Sys.Audit', 'Group.Allocate'], { any: true }] },
        schema: () => ({ groupid }),
        handler: readGroup,
    },
    {
        method: 'PUT',
        path: '/access/groups/{groupid}',
        permissions: { check: ['perm', '/access/groups', ['Group.Allocate']] },
        lockLabel: 'update group failed',
        schema: () => ({ groupid, comment: { type: 'string', optional: true } }),
        handler: updateGroup,
    },
    {
        method: 'DELETE',
        path: '/access/groups/{groupid}',
        permissions: { check: ['perm', '/access/groups', ['Group.Allocate']] },
        lockLabel: 'delete group failed',
        schema: () => ({ groupid }),
        handler: deleteGroup,
    },
];

;// CONCATENATED MODULE: ./test/fakes/pve/users.ts
/**
 * `/access/users`: the filtered, sorted list with its `full=1` shape,
 * one user, create (password stored before the group check, as PVE does), update with group
 * replace/append, and delete with its cascades.
 */



const TEXT_FIELDS = ['firstname', 'lastname', 'email', 'comment', 'keys'];
const users_userid = { type: 'string', format: 'pve-userid', maxLength: 64 };
function userFields(features) {
    const limit = (maxLength) => (features.userFieldLimits ? { maxLength } : {});
    return {
        enable: { type: 'boolean', optional: true },
        expire: { type: 'integer', minimum: 0, optional: true },
        firstname: { type: 'string', optional: true, ...limit(1024) },
        lastname: { type: 'string', optional: true, ...limit(1024) },
        email: { type: 'string', format: 'email-opt', optional: true, ...limit(254) },
        comment: { type: 'string', optional: true, ...limit(2048) },
        keys: features.userFieldLimits
            ? { type: 'string', pattern: /^[0-9a-zA-Z!=]{0,4096}$/, optional: true }
            : { type: 'string', optional: true },
        groups: { type: 'string', format: 'pve-groupid-list', optional: true },
    };
}
/** The fields PVE copies when they are defined; `full` adds groups and tokens. */
function userData(user) {
    const out = { enable: user.enable };
    if (user.expire !== undefined)
        out.expire = user.expire;
    for (const field of TEXT_FIELDS)
        if (user[field] !== undefined)
            out[field] = user[field];
    return out;
}
/** Token metadata as user.cfg gives it back: privsep, expire, comment when set. */
function tokenInfo(token) {
    return { privsep: token.privsep, expire: token.expire, ...(token.comment !== undefined ? { comment: token.comment } : {}) };
}
function listUsers(ctx, params) {
    const full = params.full === '1';
    const enabled = params.enabled;
    const privs = ['User.Modify', 'Sys.Audit'];
    const everyone = ctx.checks.checkAny('/access/groups', privs, true);
    const visible = everyone ? undefined : ctx.checks.groupMembers(ctx.checks.filterGroups(privs, true));
    const out = [];
    for (const id of ctx.state.sortedUserIds()) {
        if (visible && id !== ctx.authid && !visible.has(id))
            continue;
        const user = ctx.state.users.get(id);
        if (enabled !== undefined && String(user.enable) !== enabled)
            continue;
        const entry = userData(user);
        if (full) {
            entry.groups = [...user.groups].sort(byText).join(',');
            entry.tokens =
                user.tokens.size === 0
                    ? null
                    : [...user.tokens.keys()].sort(byText).map((tokenid) => ({ tokenid, ...tokenInfo(user.tokens.get(tokenid)) }));
        }
        entry.userid = id;
        const realmType = ctx.state.realms.type(verifyUsername(id).realm);
        if (realmType)
            entry['realm-type'] = realmType;
        out.push(entry);
    }
    return out;
}
function readUser(ctx, params) {
    const user = ctx.checks.userExists(params.userid, false);
    return {
        ...userData(user),
        groups: [...user.groups].sort(byText),
        tokens: user.tokens.size === 0 ? null : Object.fromEntries([...user.tokens].map(([id, token]) => [id, tokenInfo(token)])),
    };
}
/** Group names of a `groups` parameter, each of which must exist. */
function existingGroups(ctx, groups) {
    const wanted = splitList(groups);
    for (const groupid of wanted)
        if (!ctx.state.groups.has(groupid))
            throw die(`no such group '${groupid}'`);
    return wanted;
}
/** Stores a password the way the realm's plugin would (pam: the simulated node's account; directories refuse). */
function setRealmPassword(ctx, userid, realm, password) {
    const type = ctx.state.realms.type(realm);
    if (type === undefined)
        throw die(`auth domain '${realm}' does not exist`);
    if (type !== 'pve' && type !== 'pam')
        throw die(`can't set password on auth type '${type}'`);
    ctx.state.passwords.set(userid, password);
}
/** In a realm with `case-sensitive 0`, the user whose id differs from this one only in case. */
function sameUserIgnoringCase(ctx, userid) {
    const wanted = userid.toLowerCase();
    return ctx.state.sortedUserIds().find((id) => id.toLowerCase() === wanted);
}
function createUser(ctx, params) {
    underLock('create user failed', () => {
        const { userid: id, realm } = verifyUsername(params.userid);
        const existing = ctx.state.realms.caseSensitive(realm) ? id : sameUserIgnoringCase(ctx, id);
        if (existing !== undefined && ctx.state.users.has(existing))
            throw die(`user '${existing}' already exists`);
        // Not atomic in PVE either: the password is written before the groups are checked.
        if (params.password !== undefined)
            setRealmPassword(ctx, id, realm, params.password);
        const groups = params.groups ? existingGroups(ctx, params.groups) : [];
        const user = newUser(id, { enable: params.enable === '0' ? 0 : 1, expire: ids_truthy(params.expire) ? toInt(params.expire) : 0 });
        for (const field of TEXT_FIELDS)
            if (ids_truthy(params[field]))
                user[field] = params[field];
        settleUserFields(user);
        ctx.state.addUser(user);
        for (const groupid of groups)
            ctx.state.addMembership(id, groupid);
        ctx.state.committed();
    });
    return null;
}
function updateUser(ctx, params) {
    underLock('update user failed', () => {
        const user = ctx.checks.userExists(params.userid, false);
        const groups = params.groups ? existingGroups(ctx, params.groups) : [];
        if (params.enable !== undefined)
            user.enable = params.enable === '1' ? 1 : 0;
        if (params.expire !== undefined)
            user.expire = toInt(params.expire);
        if (params.append !== '1' && params.groups !== undefined)
            ctx.state.clearMemberships(user.userid);
        for (const groupid of groups)
            ctx.state.addMembership(user.userid, groupid);
        for (const field of TEXT_FIELDS)
            if (params[field] !== undefined)
                user[field] = params[field];
        settleUserFields(user);
        ctx.state.committed();
    });
    return null;
}
function deleteUser(ctx, params) {
    underLock('delete user failed', () => {
        // Written without the user; a deleted root@pam is re-created on the next read, without expire.
        ctx.state.committed();
        ctx.state.removeUser(params.userid);
    });
    return null;
}
/** The `/access/users` methods. */
const userRoutes = [
    {
        method: 'GET',
        path: '/access/users',
        permissions: { user: 'all' },
        schema: () => ({ enabled: { type: 'boolean', optional: true }, full: { type: 'boolean', optional: true } }),
        handler: listUsers,
    },
    {
        method: 'POST',
        path: '/access/users',
        permissions: {
            check: ['and', ['userid-param', 'Realm.AllocateUser'], ['userid-group', ['User.Modify'], { groupsParam: 'create' }]],
        },
        lockLabel: 'create user failed',
        schema: (features) => ({
            userid: users_userid,
            ...userFields(features),
            password: { type: 'string', minLength: features.passwordMinLength, maxLength: 64, optional: true },
        }),
        handler: createUser,
    },
    {
        method: 'GET',
        path: '/access/users/{userid}',
        permissions: { check: ['userid-group', ['User.Modify', 'Sys.Audit']] },
        schema: () => ({ userid: users_userid }),
        handler: readUser,
    },
    {
        method: 'PUT',
        path: '/access/users/{userid}',
        permissions: { check: ['userid-group', ['User.Modify'], { groupsParam: 'update' }] },
        lockLabel: 'update user failed',
        schema: (features) => ({ userid: users_userid, ...userFields(features), append: { type: 'boolean', optional: true, requires: 'groups' } }),
        handler: updateUser,
    },
    {
        method: 'DELETE',
        path: '/access/users/{userid}',
        permissions: { check: ['and', ['userid-param', 'Realm.AllocateUser'], ['userid-group', ['User.Modify']]] },
        lockLabel: 'delete user failed',
        schema: () => ({ userid: users_userid }),
        handler: deleteUser,
    },
];

;// CONCATENATED MODULE: ./test/fakes/pve/password.ts
/**
 * `PUT /access/password`: self, or Realm.AllocateUser plus
 * group User.Modify; non-root callers confirm with their own current password (8.2+); only root
 * touches root@pam and pam accounts. Not available to API tokens.
 */




function changePassword(ctx, params) {
    const caller = ctx.authid;
    const { userid, realm } = verifyUsername(params.userid);
    ctx.checks.userExists(userid, false);
    if (caller !== ROOT) {
        if (ctx.features.confirmationPassword) {
            const confirmation = params['confirmation-password'];
            if (confirmation === undefined)
                throw paramError({ 'confirmation-password': 'password is required to modify user' });
            if (!passwordMatches(ctx.state, caller, confirmation))
                throw die('invalid credentials');
        }
        if (caller === userid) {
            if (!userEnabled(ctx.state, userid, ctx.now()))
                throw die(`user '${userid}' is disabled`);
        }
        else if (userid === ROOT || realm === 'pam') {
            throw permissionError();
        }
    }
    setRealmPassword(ctx, userid, realm, params.password);
    return null;
}
/** `PUT /access/password`. */
const passwordRoutes = [
    {
        method: 'PUT',
        path: '/access/password',
        permissions: {
            check: ['or', ['userid-param', 'self'], ['and', ['userid-param', 'Realm.AllocateUser'], ['userid-group', ['User.Modify']]]],
        },
        allowtoken: false,
        schema: (features) => ({
            userid: { type: 'string', format: 'pve-userid', maxLength: 64 },
            password: { type: 'string', minLength: features.passwordMinLength, maxLength: 64 },
            ...(features.confirmationPassword
                ? { 'confirmation-password': { type: 'string', minLength: 5, maxLength: 64, optional: true } }
                : {}),
        }),
        handler: changePassword,
    },
];

;// CONCATENATED MODULE: ./test/fakes/pve/permissions.ts
/**
 * `GET /access/permissions`: one path as given, or the
 * effective map over the well-known paths and every path of the ACL tree, leaving out paths
 * without privileges. Callers may query themselves and (users) their own tokens; anyone else
 * needs Sys.Audit on /access.
 */

const DEFAULT_PATHS = ['/', '/access', '/access/groups', '/nodes', '/pool', '/sdn', '/storage', '/vms'];
const asObject = (privileges) => Object.fromEntries([...privileges].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
/** The well-known paths, every node of the ACL tree (intermediate ones included) and every pool member. */
function effectivePaths(ctx) {
    const paths = new Set(DEFAULT_PATHS);
    for (const path of ctx.state.sortedAclPaths()) {
        const parts = path.split('/').filter(Boolean);
        for (let i = 1; i <= parts.length; i++)
            paths.add(`/${parts.slice(0, i).join('/')}`);
    }
    for (const path of ctx.state.pools.memberPaths())
        paths.add(path);
    return paths;
}
function readPermissions(ctx, params) {
    const caller = ctx.authid;
    let subject = caller;
    if (params.userid !== undefined) {
        subject = params.userid;
        const token = ids_splitTokenId(subject);
        const self = subject === caller || (token !== undefined && token.userid === caller);
        // Before 8.2 naming any userid, even one's own, needed Sys.Audit.
        if (!(ctx.features.permissionsSelfQuery && self))
            ctx.checks.check('/access', ['Sys.Audit'], false);
    }
    if (ids_truthy(params.path))
        return { [params.path]: asObject(ctx.engine.permissions(subject, params.path)) };
    const out = {};
    for (const path of [...effectivePaths(ctx)].sort()) {
        const privileges = ctx.engine.permissions(subject, path);
        if (privileges.size > 0)
            out[path] = asObject(privileges);
    }
    return out;
}
/** `GET /access/permissions`. */
const permissionRoutes = [
    {
        method: 'GET',
        path: '/access/permissions',
        permissions: { user: 'all' },
        schema: () => ({
            userid: { type: 'string', pattern: USER_OR_TOKEN_PATTERN, optional: true },
            path: { type: 'string', optional: true },
        }),
        handler: readPermissions,
    },
];

;// CONCATENATED MODULE: ./test/fakes/pve/inventory.ts
/**
 * What the simulated node holds besides access control: a single node `pve1` with a fixed set
 * of guests and storages, as right after installation (see test/fixtures/pve-golden/README.md,
 * "Start state"). Only `/pools` shows them. There is no status data (no RRD yet), so every
 * pool member reads `status: unknown` and carries no usage fields.
 */
/** The node's name. */
const NODE = 'pve1';
/** Guest type by vmid. */
const GUESTS = new Map([
    ['100', 'qemu'],
    ['101', 'qemu'],
    ['200', 'lxc'],
]);
/** storage.cfg after installation. */
const STORAGES = new Map([
    ['local', { type: 'dir', content: ['iso', 'vztmpl', 'backup'], shared: 0 }],
    ['local-lvm', { type: 'lvmthin', content: ['rootdir', 'images'], shared: 0 }],
]);
/** A guest as a pool member (`extract_vm_stats` without status data). */
function guestMember(vmid, type) {
    return { id: `${type}/${vmid}`, vmid: Number(vmid), node: NODE, type, status: 'unknown' };
}
/**
 * A storage as a pool member (`extract_storage_stats` without status data). PVE joins the
 * content types in hash order; sorted is one of those orders and the stable one.
 */
function storageMember(storeid, config) {
    return {
        id: `storage/${NODE}/${storeid}`,
        storage: storeid,
        node: NODE,
        type: 'storage',
        status: 'unknown',
        plugintype: config.type,
        shared: config.shared,
        content: [...config.content].sort().join(','),
    };
}

;// CONCATENATED MODULE: ./test/fakes/pve/pools.ts
/**
 * `/pools`: resource pools as pve-manager 9.1 serves them, whatever version is simulated (the
 * ACL path whitelist still follows the version). Pools live in user.cfg, so writes go through
 * the same lock as the access API. Quirks kept on purpose:
 * - `GET /pools?poolid=` reads one pool (nested ids included) without the Pool.Audit check
 *   that `GET /pools/{poolid}` and the plain list apply;
 * - nested pools are reachable only through `poolid` parameters, the `{poolid}` path segment
 *   cannot hold a `/`;
 * - members are stored without checking that the guest or storage exists, and listings hide
 *   the unknown ones;
 * - permission failures on members are raised inside the lock, so they come back as 500s that
 *   carry the 403 text.
 */





const poolid = { type: 'string', format: 'pve-poolid' };
const memberType = { type: 'string', enum: ['qemu', 'lxc', 'storage'], optional: true };
/** user.cfg keeps a comment only when it is truthy, and reads it back trimmed. */
function storedComment(text) {
    const trimmed = text === undefined ? undefined : readBack(text);
    return ids_truthy(trimmed) ? trimmed : undefined;
}
function existingPool(pools, id) {
    const pool = pools.get(id);
    if (!pool)
        throw die(`pool '${id}' does not exist`);
    return pool;
}
/** One pool with its members: known guests first (vmid in string order), then known storages. */
function poolInfo(ctx, id, type) {
    const pool = existingPool(ctx.state.pools, id);
    const members = [];
    for (const vmid of [...pool.vms].sort(byText)) {
        const guestType = GUESTS.get(vmid);
        if (guestType && (type === undefined || type === guestType))
            members.push(guestMember(vmid, guestType));
    }
    if (type === undefined || type === 'storage') {
        for (const storeid of [...pool.storage].sort(byText)) {
            const config = STORAGES.get(storeid);
            if (config)
                members.push(storageMember(storeid, config));
        }
    }
    return { members, ...(pool.comment !== undefined ? { comment: pool.comment } : {}), poolid: id };
}
function listPools(ctx, params) {
    // 9.1 returns the named pool before any permission check.
    if (ids_truthy(params.poolid))
        return [poolInfo(ctx, params.poolid, params.type)];
    return ctx.state.pools
        .sortedIds()
        .filter((id) => ctx.checks.check(`/pool/${id}`, ['Pool.Audit'], true))
        .map((id) => {
        const comment = ctx.state.pools.get(id).comment;
        return { poolid: id, ...(comment !== undefined ? { comment } : {}) };
    });
}
/** The deprecated single-pool read is the list's first entry. */
function readPool(ctx, params) {
    return listPools(ctx, params)[0] ?? null;
}
function createPool(ctx, params) {
    underLock('create pool failed', () => {
        const id = params.poolid;
        const pools = ctx.state.pools;
        if (pools.get(id))
            throw die(`pool '${id}' already exists`);
        const parent = parentPool(id);
        if (parent !== undefined && !pools.get(parent))
            throw die(`parent '${parent}' of pool '${id}' does not exist`);
        if (!/^[A-Za-z]/.test(id.slice(id.lastIndexOf('/') + 1)))
            throw die('pool name must start with a letter');
        pools.create(id, ids_truthy(params.comment) ? storedComment(params.comment) : undefined);
        ctx.state.committed();
    });
    return null;
}
/** Adds or removes guests; the caller needs to be allowed to change each guest's permissions. */
function updateGuests(ctx, pools, id, params) {
    const pool = pools.get(id);
    for (const vmid of splitList(params.vms)) {
        ctx.checks.checkPermModify(`/vms/${vmid}`, false);
        if (params.delete === '1') {
            if (!pool.vms.has(vmid))
                throw die(`VM ${vmid} is not a pool member`);
            pools.removeVm(id, vmid);
            continue;
        }
        if (pool.vms.has(vmid))
            throw die(`VM ${vmid} is already a pool member`);
        const previous = pools.poolOfVm(vmid);
        if (previous !== undefined) {
            if (params['allow-move'] !== '1')
                throw die(`VM ${vmid} belongs already to pool '${previous}' and 'allow-move' is not set`);
            ctx.checks.check(`/pool/${previous}`, ['Pool.Allocate'], false);
        }
        pools.addVm(id, vmid);
    }
}
function updateStorages(ctx, pools, id, params) {
    const pool = pools.get(id);
    for (const storeid of splitList(params.storage)) {
        ctx.checks.checkPermModify(`/storage/${storeid}`, false);
        if (params.delete === '1') {
            if (!pool.storage.delete(storeid))
                throw die(`Storage '${storeid}' is not a pool member`);
        }
        else {
            if (pool.storage.has(storeid))
                throw die(`Storage '${storeid}' is already a pool member`);
            pool.storage.add(storeid);
        }
    }
}
function updatePool(ctx, params) {
    underLock('update pools failed', () => ctx.state.pools.edit((pools) => {
        const id = params.poolid;
        const pool = existingPool(pools, id);
        if (params.comment !== undefined) {
            const comment = storedComment(params.comment);
            if (comment === undefined)
                delete pool.comment;
            else
                pool.comment = comment;
        }
        if (params.vms !== undefined)
            updateGuests(ctx, pools, id, params);
        if (params.storage !== undefined)
            updateStorages(ctx, pools, id, params);
        ctx.state.committed();
    }));
    return null;
}
/** The ACL entries on `/pool/<id>` and below go with the pool. */
function dropPoolAcl(state, id) {
    const root = `/pool/${id}`;
    for (const path of state.sortedAclPaths().filter((p) => p === root || p.startsWith(`${root}/`))) {
        const node = state.acl.get(path);
        for (const type of state_ACL_TYPES) {
            for (const [ugid, roles] of [...node[type]]) {
                for (const roleid of [...roles.keys()])
                    state.deleteAcl(path, type, ugid, roleid);
            }
        }
    }
}
/** Only an empty pool can go; guests and storages the node does not know do not count. */
function deletePool(ctx, params) {
    underLock('delete pool failed', () => {
        const id = params.poolid;
        const pools = ctx.state.pools;
        const pool = existingPool(pools, id);
        const subpool = pools.children(id)[0];
        if (subpool !== undefined)
            throw die(`pool '${id}' is not empty (contains pool '${subpool}')`);
        const guest = [...pool.vms].sort(byText).find((vmid) => GUESTS.has(vmid));
        if (guest !== undefined)
            throw die(`pool '${id}' is not empty (contains VM ${guest})`);
        const storage = [...pool.storage].sort(byText).find((storeid) => STORAGES.has(storeid));
        if (storage !== undefined)
            throw die(`pool '${id}' is not empty (contains storage '${storage}')`);
        pools.remove(id);
        dropPoolAcl(ctx.state, id);
        ctx.state.committed();
    });
    return null;
}
const readSchema = () => ({ poolid, type: memberType });
const updateSchema = () => ({
    poolid,
    comment: { type: 'string', optional: true },
    vms: { type: 'string', format: 'pve-vmid-list', optional: true },
    storage: { type: 'string', format: 'pve-storage-id-list', optional: true },
    'allow-move': { type: 'boolean', optional: true },
    delete: { type: 'boolean', optional: true },
});
const allocate = { check: ['perm', '/pool/{poolid}', ['Pool.Allocate']] };
/** The `/pools` methods; `PUT` and `DELETE` exist with the id in the path and as a parameter. */
const poolRoutes = [
    {
        method: 'GET',
        path: '/pools',
        permissions: { user: 'all' },
        schema: () => ({ poolid: { ...poolid, optional: true }, type: { ...memberType, requires: 'poolid' } }),
        handler: listPools,
    },
    {
        method: 'POST',
        path: '/pools',
        permissions: allocate,
        lockLabel: 'create pool failed',
        schema: () => ({ poolid, comment: { type: 'string', optional: true } }),
        handler: createPool,
    },
    {
        method: 'PUT',
        path: '/pools',
        permissions: allocate,
        lockLabel: 'update pools failed',
        schema: updateSchema,
        handler: updatePool,
    },
    {
        method: 'DELETE',
        path: '/pools',
        permissions: allocate,
        lockLabel: 'delete pool failed',
        schema: () => ({ poolid }),
        handler: deletePool,
    },
    {
        method: 'GET',
        path: '/pools/{poolid}',
        permissions: { check: ['perm', '/pool/{poolid}', ['Pool.Audit']] },
        schema: readSchema,
        handler: readPool,
    },
    {
        method: 'PUT',
        path: '/pools/{poolid}',
        permissions: allocate,
        lockLabel: 'update pools failed',
        schema: updateSchema,
        handler: updatePool,
    },
    {
        method: 'DELETE',
        path: '/pools/{poolid}',
        permissions: allocate,
        lockLabel: 'delete pool failed',
        schema: () => ({ poolid }),
        handler: deletePool,
    },
];

;// CONCATENATED MODULE: ./test/fakes/pve/pool-roles.ts
/** The pools whose members include the object at `path`. */
function poolsOf(pools, path) {
    const vm = /^\/vms\/([^/]+)$/.exec(path);
    if (vm) {
        const pool = pools.poolOfVm(vm[1]);
        return pool === undefined ? [] : [pool];
    }
    const storage = /^\/storage\/([^/]+)$/.exec(path);
    return storage ? pools.poolsWithStorage(storage[1]) : [];
}
/**
 * The roles on `path` once pool roles are added to `regular`. `rolesOn` is the role walk of the
 * same identity, used on each pool's own path (nested pools inherit through the ACL tree).
 */
function pool_roles_withPoolRoles(pools, path, regular, rolesOn) {
    const inherited = new Set();
    for (const poolid of poolsOf(pools, path))
        for (const roleid of rolesOn(`/pool/${poolid}`).keys())
            inherited.add(roleid);
    if (inherited.size === 0 || regular.has('NoAccess'))
        return regular;
    if (inherited.has('NoAccess'))
        return new Map([['NoAccess', 0]]);
    const roles = new Map(regular);
    for (const roleid of inherited)
        if (!roles.has(roleid))
            roles.set(roleid, 0);
    return roles;
}

;// CONCATENATED MODULE: ./test/fakes/pve/privileges.ts
/**
 * The permission engine of PVE::AccessControl::roles and PVE::RPCEnvironment::permissions:
 * the role walk from `/` to the target with replace semantics,
 * user entries beating group entries, NoAccess, and privsep tokens intersected with their user.
 * It walks the path exactly as PVE splits it, so unnormalised paths (`vms`, `//vms//101/`) give
 * PVE's answers too. Results are cached per engine, which lives for one request.
 */


/**
 * The ACL nodes a walk visits: Perl's split("/") keeps leading empty fields and drops trailing
 * ones, and `/` itself is walked as the one root level, so entries on `/` count for `/`.
 */
function walkLevels(path) {
    const parts = path.split('/');
    while (parts.length > 0 && parts[parts.length - 1] === '')
        parts.pop();
    if (path === '/')
        parts.push('');
    let current = '';
    return parts.map((part, i) => {
        if (part !== '')
            current = `${current}/${part}`;
        return { key: current === '' ? '/' : current, final: i === parts.length - 1 };
    });
}
/** Privileges of any identity on any path, over one state, cached for one request. */
class PermissionEngine {
    state;
    #cache = new Map();
    constructor(state) {
        this.state = state;
    }
    /** Roles of a user or privsep token on a path (token entries only for tokens). */
    roles(identity, path) {
        const token = parseTokenId(identity);
        const groups = token ? undefined : this.state.users.get(identity)?.groups;
        let roles = new Map();
        for (const { key, final } of walkLevels(path)) {
            const node = this.state.acl.get(key);
            if (!node)
                continue;
            const applicable = (entries, into) => {
                for (const [roleid, propagate] of entries ?? [])
                    if (final || propagate)
                        into.set(roleid, propagate);
            };
            const own = new Map();
            applicable(node[token ? 'token' : 'user'].get(identity), own);
            if (own.size > 0) {
                roles = own;
                continue;
            }
            const viaGroups = new Map();
            for (const groupid of groups ?? [])
                applicable(node.group.get(groupid), viaGroups);
            if (viaGroups.size > 0)
                roles = viaGroups;
        }
        const noAccess = roles.get('NoAccess');
        return noAccess === undefined ? roles : new Map([['NoAccess', noAccess]]);
    }
    /** Privileges with their propagate flags; `{}` for unknown users and tokens. */
    permissions(identity, path) {
        const key = `${identity}\u0000${path}`;
        let result = this.#cache.get(key);
        if (!result) {
            result = this.#compute(identity, path);
            this.#cache.set(key, result);
        }
        return result;
    }
    #compute(identity, path) {
        if (identity === ROOT)
            return new Map(this.state.allPrivileges.map((p) => [p, 1]));
        const token = parseTokenId(identity);
        let userPrivileges;
        if (token) {
            const info = this.state.token(token.userid, token.tokenid);
            if (!info)
                return new Map();
            userPrivileges = this.permissions(token.userid, path);
            if (!info.privsep)
                return userPrivileges;
        }
        else if (!isUsername(identity)) {
            return new Map();
        }
        const privileges = new Map();
        const roles = pool_roles_withPoolRoles(this.state.pools, path, this.roles(identity, path), (poolPath) => this.roles(identity, poolPath));
        for (const [roleid, propagate] of roles) {
            for (const priv of this.state.role(roleid) ?? [])
                if (!privileges.get(priv))
                    privileges.set(priv, propagate);
        }
        if (userPrivileges) {
            for (const [priv, propagate] of privileges) {
                const user = userPrivileges.get(priv);
                if (user === undefined)
                    privileges.delete(priv);
                else
                    privileges.set(priv, propagate && user ? 1 : 0);
            }
        }
        return privileges;
    }
}

;// CONCATENATED MODULE: ./test/fakes/pve/realms.ts
/**
 * `/access/domains`: the realm list anyone may read (the login box needs it), one realm with
 * the file's digest, create, update and delete under Realm.Allocate on exactly `/access/realm`,
 * and sync. The simulated node reaches no directory server: a connection check fails with
 * "Connection refused", and a sync is accepted with a task id whose task would fail the same way.
 */





/** The node the simulator plays, as task ids name it. */
const realms_NODE = 'pve1';
/** What the missing directory server answers every connection attempt. */
const UNREACHABLE = 'Connection refused';
/** Parameters minus the ones a handler takes out before checking the rest against the type. */
function without(params, ...keys) {
    const rest = { ...params };
    for (const key of keys)
        delete rest[key];
    return rest;
}
/**
 * The deprecated `full`/`purge` become `remove-vanished` (when that is not given), and the
 * string is printed again with its keys sorted; `dropDeprecated` removes `full` and `purge`.
 */
function normalizeSyncOptions(values, dropDeprecated) {
    const text = values['sync-defaults-options'];
    if (text === undefined)
        return;
    const options = property_string_parsePropertyString(SYNC_OPTIONS_FORMAT, String(text), 'sync-defaults-options');
    mapRemoveVanished(options, dropDeprecated);
    values['sync-defaults-options'] = printPropertyString(SYNC_OPTIONS_FORMAT, options);
}
function mapRemoveVanished(options, dropDeprecated) {
    const full = perlTrue(options.full);
    const purge = perlTrue(options.purge);
    if (options['remove-vanished'] === undefined && (full || purge)) {
        options['remove-vanished'] = [...(full ? ['entry', 'properties'] : []), ...(purge ? ['acl'] : [])].join(';');
    }
    if (dropDeprecated) {
        delete options.full;
        delete options.purge;
    }
}
function clearDefaults(config) {
    for (const section of config.ids.values())
        delete section.default;
}
/** A directory realm's connection check: the simulated node reaches no server. */
function realms_checkConnection() {
    throw die(UNREACHABLE);
}
function listRealms(ctx) {
    const out = [];
    for (const [realm, section] of ctx.state.realms.current.ids) {
        const entry = { realm, type: section.type };
        if (perlTrue(section.comment))
            entry.comment = section.comment;
        if (perlTrue(section.default))
            entry.default = 1;
        if (perlTrue(section.tfa))
            entry.tfa = property_string_parsePropertyString(TFA_FORMAT, String(section.tfa), 'tfa').type;
        out.push(entry);
    }
    return out;
}
function readRealm(ctx, params) {
    const config = ctx.state.realms.current;
    const found = config.ids.get(params.realm);
    if (!found)
        throw die(`domain '${params.realm}' does not exist`);
    const data = { ...found };
    if (isDirectoryType(String(data.type)))
        normalizeSyncOptions(data, false);
    return { ...data, digest: config.digest };
}
function createRealm(ctx, params) {
    let password = params.password;
    underLock('add auth server failed', () => {
        const store = ctx.state.realms;
        const config = store.load();
        const realm = params.realm;
        const type = params.type;
        const check = params['check-connection'];
        if (config.ids.has(realm))
            throw die(`domain '${realm}' already exists`);
        if (realm === 'pam' || realm === 'pve')
            throw die(`unable to use reserved name '${realm}'`);
        if (type === 'pam' || type === 'pve')
            throw die(`unable to create builtin type '${type}'`);
        if (check !== undefined && !isDirectoryType(type)) {
            throw die("'check-connection' parameter can only be set for realms of type 'ldap' or 'ad'");
        }
        const values = without(params, 'realm', 'password', 'check-connection');
        if (isDirectoryType(type))
            normalizeSyncOptions(values, true);
        const section = checkConfig(type, values, true);
        if (perlTrue(section.default))
            clearDefaults(config);
        config.ids.set(realm, section);
        // Types without a bind password ignore one (PVE only warns in its log).
        if (!realm_schema_REALM_OPTIONS[type].password)
            password = undefined;
        // Stored before the connection check and the write, as PVE's add hook does.
        if (isDirectoryType(type))
            store.setBindPassword(realm, password);
        if (perlTrue(check))
            realms_checkConnection();
        store.save(config);
    });
    return null;
}
function updateRealm(ctx, params) {
    const password = params.password;
    underLock('update auth server failed', () => {
        const store = ctx.state.realms;
        const config = store.load();
        if (params.digest && params.digest !== config.digest) {
            throw die('detected modified configuration - file changed by other user? Try again.');
        }
        const realm = params.realm;
        // PVE reads the type before its existence check, which brings an empty section into being,
        // so that check never fires and an unknown realm fails at the plugin lookup below.
        const section = config.ids.get(realm) ?? {};
        const type = section.type === undefined ? undefined : String(section.type);
        const check = params['check-connection'];
        if (check !== undefined && !isDirectoryType(type)) {
            throw die("'check-connection' parameter can only be set for realms of type 'ldap' or 'ad'");
        }
        const values = without(params, 'password', 'digest', 'realm', 'check-connection', 'delete');
        if (!perlTrue(params.delete) && Object.keys(values).length === 0 && password === undefined) {
            throw die('no options specified');
        }
        let deletePassword = false;
        for (const option of splitList(params.delete)) {
            delete section[option];
            if (option === 'password')
                deletePassword = true;
        }
        if (isDirectoryType(type))
            normalizeSyncOptions(values, true);
        if (type === undefined)
            throw die('cannot lookup undefined type! at /usr/share/perl5/PVE/API2/Domains.pm line 261.');
        const changes = checkConfig(type, values, false);
        if (perlTrue(changes.default))
            clearDefaults(config);
        Object.assign(section, changes);
        if (isDirectoryType(type) && (deletePassword || password !== undefined))
            store.setBindPassword(realm, password);
        if (perlTrue(check))
            realms_checkConnection();
        store.save(config);
    });
    return null;
}
function deleteRealm(ctx, params) {
    underLock('delete auth server failed', () => {
        const store = ctx.state.realms;
        const config = store.load();
        const realm = params.realm;
        const section = config.ids.get(realm);
        if (!section)
            throw die(`authentication domain '${realm}' does not exist`);
        if (isDirectoryType(String(section.type)))
            store.setBindPassword(realm, undefined);
        // pam and pve go too, and come back with their built-in comments when the file is next read.
        config.ids.delete(realm);
        store.save(config);
    });
    return null;
}
let taskCounter = 0;
/** A worker task id as PVE prints it: `UPID:node:pid:pstart:starttime:type:id:user:`. */
function taskId(ctx, type, id) {
    const hex = (n) => n.toString(16).toUpperCase().padStart(8, '0');
    taskCounter += 1;
    const worker = `${hex(4000 + taskCounter)}:${hex(100000 + taskCounter)}`;
    return `UPID:${realms_NODE}:${worker}:${hex(ctx.now())}:${type}:${id}:${ctx.authid ?? ''}:`;
}
function syncRealm(ctx, params) {
    const realm = params.realm;
    const section = ctx.state.realms.current.ids.get(realm);
    if (!section)
        throw paramError({ realm: 'Realm does not exist.' });
    const type = String(section.type);
    if (!isDirectoryType(type))
        throw die(`Cannot sync realm type '${type}'! Only LDAP/AD realms can be synced.`);
    const defaults = section['sync-defaults-options'];
    const stored = defaults === undefined ? {} : property_string_parsePropertyString(SYNC_OPTIONS_FORMAT, String(defaults), 'sync-defaults-options');
    const options = {};
    for (const key of Object.keys(SYNC_OPTIONS_FORMAT).sort()) {
        const value = params[key] ?? stored[key] ?? SYNC_OPTION_DEFAULTS[key];
        if (value !== undefined)
            options[key] = value;
    }
    mapRemoveVanished(options, true);
    if (options.scope === undefined) {
        throw paramError({ scope: 'Not passed as parameter and not defined in realm default sync options.' });
    }
    return taskId(ctx, params['dry-run'] === '1' ? 'auth-realm-sync-test' : 'auth-realm-sync', realm);
}
/** The realm methods. */
const realmRoutes = [
    { method: 'GET', path: '/access/domains', permissions: { user: 'world' }, schema: () => ({}), handler: listRealms },
    {
        method: 'POST',
        path: '/access/domains',
        permissions: { check: ['perm', '/access/realm', ['Realm.Allocate']] },
        schema: createRealmSchema,
        handler: createRealm,
    },
    {
        method: 'GET',
        path: '/access/domains/{realm}',
        permissions: { check: ['perm', '/access/realm', ['Realm.Allocate', 'Sys.Audit'], { any: true }] },
        schema: realmIdSchema,
        handler: readRealm,
    },
    {
        method: 'PUT',
        path: '/access/domains/{realm}',
        permissions: { check: ['perm', '/access/realm', ['Realm.Allocate']] },
        schema: updateRealmSchema,
        handler: updateRealm,
    },
    {
        method: 'DELETE',
        path: '/access/domains/{realm}',
        permissions: { check: ['perm', '/access/realm', ['Realm.Allocate']] },
        schema: realmIdSchema,
        handler: deleteRealm,
    },
    {
        method: 'POST',
        path: '/access/domains/{realm}/sync',
        permissions: {
            check: ['and', ['perm', '/access/realm/{realm}', ['Realm.AllocateUser']], ['perm', '/access/groups', ['User.Modify']]],
        },
        schema: syncRealmSchema,
        handler: syncRealm,
    },
];

;// CONCATENATED MODULE: ./test/fakes/pve/roles.ts
/**
 * `/access/roles`: built-in roles of the simulated major are listed
 * with `special: 1` and cannot be changed; `PUT` replaces the set unless `append=1`; deleting a
 * role makes its ACL entries vanish for good.
 */


const roleid = { type: 'string', format: 'pve-roleid' };
const privs = { type: 'string', format: 'pve-priv-list', optional: true };
const permissions = { check: ['perm', '/access', ['Sys.Modify']] };
function listRoles(ctx) {
    const entry = (id, set, special) => ({
        roleid: id,
        privs: [...set].sort(byText).join(','),
        special,
    });
    return [
        ...[...ctx.state.builtinRoles].map(([id, set]) => entry(id, set, 1)),
        ...[...ctx.state.customRoles].map(([id, set]) => entry(id, set, 0)),
    ].sort((a, b) => byText(a.roleid, b.roleid));
}
function readRole(ctx, params) {
    const set = ctx.state.role(params.roleid);
    if (!set)
        throw die(`role '${params.roleid}' does not exist`);
    return Object.fromEntries([...set].sort(byText).map((priv) => [priv, 1]));
}
function createRole(ctx, params) {
    const id = params.roleid;
    if (ctx.features.reservedRolePrefix && /^PVE/i.test(id)) {
        throw paramError({ roleid: "cannot use role ID starting with the (case-insensitive) 'PVE' namespace" });
    }
    underLock('create role failed', () => {
        if (ctx.state.role(id))
            throw die(`role '${id}' already exists`);
        ctx.state.customRoles.set(id, new Set(splitList(params.privs)));
        ctx.state.committed();
    });
    return null;
}
function updateRole(ctx, params) {
    const id = params.roleid;
    if (ctx.state.isBuiltinRole(id))
        throw die(`auto-generated role '${id}' cannot be modified`);
    underLock('update role failed', () => {
        const current = ctx.state.customRoles.get(id);
        if (!current)
            throw die(`role '${id}' does not exist`);
        const next = new Set(params.append === '1' ? current : []);
        for (const priv of splitList(params.privs))
            next.add(priv);
        ctx.state.customRoles.set(id, next);
        ctx.state.committed();
    });
    return null;
}
function deleteRole(ctx, params) {
    const id = params.roleid;
    if (ctx.state.isBuiltinRole(id))
        throw die(`auto-generated role '${id}' cannot be deleted`);
    underLock('delete role failed', () => {
        if (!ctx.state.customRoles.has(id))
            throw die(`role '${id}' does not exist`);
        ctx.state.removeRole(id);
        ctx.state.committed();
    });
    return null;
}
/** The `/access/roles` methods. */
const roleRoutes = [
    { method: 'GET', path: '/access/roles', permissions: { user: 'all' }, schema: () => ({}), handler: listRoles },
    {
        method: 'POST',
        path: '/access/roles',
        permissions,
        lockLabel: 'create role failed',
        schema: () => ({ roleid, privs }),
        handler: createRole,
    },
    { method: 'GET', path: '/access/roles/{roleid}', permissions: { user: 'all' }, schema: () => ({ roleid }), handler: readRole },
    {
        method: 'PUT',
        path: '/access/roles/{roleid}',
        permissions,
        lockLabel: 'update role failed',
        schema: () => ({ roleid, privs, append: { type: 'boolean', optional: true, requires: 'privs' } }),
        handler: updateRole,
    },
    {
        method: 'DELETE',
        path: '/access/roles/{roleid}',
        permissions,
        lockLabel: 'delete role failed',
        schema: () => ({ roleid }),
        handler: deleteRole,
    },
];

;// CONCATENATED MODULE: ./test/fakes/pve/tokens.ts
/**
 * `/access/users/{userid}/token`. The secret is a random UUID shown
 * only by create and by `regenerate` (9.1+); create's `info` echoes what this call set (strings)
 * next to defaults (numbers); update answers the token after the change the same way.
 */




const tokens_permissions = { check: ['or', ['userid-param', 'self'], ['userid-group', ['User.Modify']]] };
const ids = {
    userid: { type: 'string', format: 'pve-userid', maxLength: 64 },
    tokenid: { type: 'string', pattern: TOKEN_SUBID_PATTERN },
};
const fields = {
    expire: { type: 'integer', minimum: 0, optional: true },
    privsep: { type: 'boolean', optional: true },
    comment: { type: 'string', optional: true },
};
/** `check_token_exist`: a missing user or token is a plain 500. */
function existingToken(ctx, userid, tokenid) {
    ctx.checks.userExists(userid, false);
    const token = ctx.state.token(userid, tokenid);
    if (!token)
        throw die(`no such token '${tokenid}' for user '${userid}'`);
    return token;
}
function listTokens(ctx, params) {
    const user = ctx.checks.userExists(params.userid, false);
    return [...user.tokens.keys()].sort(byText).map((tokenid) => ({ tokenid, ...tokenInfo(user.tokens.get(tokenid)) }));
}
function readToken(ctx, params) {
    return tokenInfo(existingToken(ctx, params.userid, params.tokenid));
}
function createToken(ctx, params) {
    const userid = params.userid;
    const tokenid = params.tokenid;
    const exists = ctx.state.token(userid, tokenid) !== undefined;
    ctx.checks.userExists(userid, false);
    if (exists)
        throw paramError({ tokenid: 'Token already exists.' });
    const fullTokenId = `${userid}!${tokenid}`;
    const value = ctx.newSecret();
    const info = { privsep: params.privsep ?? 1 };
    if (params.expire !== undefined)
        info.expire = params.expire;
    if (ids_truthy(params.comment))
        info.comment = params.comment;
    underLock('generating token failed', () => {
        const user = ctx.checks.userExists(userid, false);
        if (user.tokens.has(tokenid))
            throw die('Token already exists.');
        const token = {
            privsep: params.privsep === '0' ? 0 : 1,
            expire: params.expire !== undefined ? toInt(params.expire) : 0,
            ...(ids_truthy(params.comment) ? { comment: params.comment } : {}),
        };
        settleTokenFields(token);
        user.tokens.set(tokenid, token);
        ctx.state.tokenSecrets.set(fullTokenId, value);
        ctx.state.committed();
    });
    return { 'full-tokenid': fullTokenId, info, value };
}
function updateToken(ctx, params) {
    const userid = params.userid;
    const tokenid = params.tokenid;
    existingToken(ctx, userid, tokenid);
    return underLock('updating token info failed', () => {
        const stored = existingToken(ctx, userid, tokenid);
        const result = tokenInfo(stored);
        const next = { ...stored };
        if (params.privsep !== undefined) {
            result.privsep = params.privsep;
            next.privsep = params.privsep === '1' ? 1 : 0;
        }
        if (params.expire !== undefined) {
            result.expire = params.expire;
            next.expire = toInt(params.expire);
        }
        const comment = params.comment;
        if (comment !== undefined && ctx.features.tokenCommentRemoval) {
            if (comment === '') {
                delete result.comment;
                delete next.comment;
            }
            else {
                result.comment = next.comment = comment;
            }
        }
        else if (ids_truthy(comment)) {
            // Before 9.0.4 a comment could be changed but never cleared.
            result.comment = next.comment = comment;
        }
        // `delete` comes after the values, so `comment=X&delete=comment` ends without a comment.
        for (const key of splitList(params.delete)) {
            if (key !== 'comment')
                throw paramError({ delete: `unknown option '${key}'` });
            delete result.comment;
            delete next.comment;
        }
        settleTokenFields(next);
        ctx.state.users.get(userid).tokens.set(tokenid, next);
        ctx.state.committed();
        if (params.regenerate === '1') {
            const fullTokenId = `${userid}!${tokenid}`;
            const value = ctx.newSecret();
            ctx.state.tokenSecrets.set(fullTokenId, value);
            result.value = value;
            result['full-tokenid'] = fullTokenId;
        }
        return result;
    });
}
function deleteToken(ctx, params) {
    existingToken(ctx, params.userid, params.tokenid);
    underLock('deleting token failed', () => {
        existingToken(ctx, params.userid, params.tokenid);
        ctx.state.removeToken(params.userid, params.tokenid);
        ctx.state.committed();
    });
    return null;
}
/** The `/access/users/{userid}/token` methods. */
const tokenRoutes = [
    {
        method: 'GET',
        path: '/access/users/{userid}/token',
        permissions: tokens_permissions,
        schema: () => ({ userid: ids.userid }),
        handler: listTokens,
    },
    {
        method: 'GET',
        path: '/access/users/{userid}/token/{tokenid}',
        permissions: tokens_permissions,
        schema: () => ids,
        handler: readToken,
    },
    {
        method: 'POST',
        path: '/access/users/{userid}/token/{tokenid}',
        permissions: tokens_permissions,
        lockLabel: 'generating token failed',
        schema: () => ({ ...ids, ...fields }),
        handler: createToken,
    },
    {
        method: 'PUT',
        path: '/access/users/{userid}/token/{tokenid}',
        permissions: tokens_permissions,
        lockLabel: 'updating token info failed',
        schema: (features) => ({
            ...ids,
            ...fields,
            ...(features.tokenCommentRemoval ? { delete: { type: 'string', format: 'pve-configid-list', optional: true } } : {}),
            ...(features.tokenRegenerate ? { regenerate: { type: 'boolean', optional: true } } : {}),
        }),
        handler: updateToken,
    },
    {
        method: 'DELETE',
        path: '/access/users/{userid}/token/{tokenid}',
        permissions: tokens_permissions,
        lockLabel: 'deleting token failed',
        schema: () => ids,
        handler: deleteToken,
    },
];

;// CONCATENATED MODULE: ./test/fakes/pve/version.ts
/**
 * The simulated release: `/version`, and what differs between PVE 7, 8 and 9. Privilege sets
 * and built-in roles are the final ones of each major series, read from the project's copy of
 * pve-privileges.json.
 */


const data = pve_privileges_namespaceObject;
/** `9.1.1`, `8.4`, `7.4-3` → numbers; throws on anything that is not a 7, 8 or 9 release. */
function resolveFeatures(version) {
    const match = /^(\d+)\.(\d+)(?:[.-](\d+))?$/.exec(version);
    if (!match)
        throw new Error(`unsupported PVE version '${version}': expected e.g. 9.1.1, 8.4.1 or 7.4-3`);
    const major = Number(match[1]);
    const minor = Number(match[2]);
    const patch = Number(match[3] ?? 0);
    const privileges = data.versions[String(major)];
    const builtinRoles = data.builtin_roles[String(major)];
    if (!privileges || !builtinRoles)
        throw new Error(`unsupported PVE version '${version}': only 7.x, 8.x and 9.x are simulated`);
    const atLeast = (maj, min) => major > maj || (major === maj && minor >= min);
    return {
        version,
        major,
        minor,
        patch,
        privileges: [...privileges].sort(),
        privilegeSet: new Set(privileges),
        builtinRoles,
        reservedRolePrefix: major >= 8,
        aclDelegationRule: major >= 8,
        tokenCommentRemoval: major >= 9,
        tokenRegenerate: atLeast(9, 1),
        permissionsSelfQuery: atLeast(8, 2),
        userFieldLimits: atLeast(8, 1),
        passwordMinLength: atLeast(8, 2) ? 8 : 5,
        confirmationPassword: atLeast(8, 2),
        errorMessageInBody: atLeast(8, 3),
        maxBodyBytes: atLeast(8, 4) ? 512 * 1024 : 64 * 1024,
        authFailureReason: major < 9,
        groupIdWrapperChars: atLeast(8, 3) && !atLeast(9, 1),
        aclPathVersion: aclPathVersionOf(major, minor, patch),
    };
}
/**
 * pve-manager and libpve-access-control number their releases independently; these are the
 * access-control versions the releases of each series shipped with, as far as the ACL path
 * whitelist is concerned (fabrics from 9.0, prefix-lists from 9.1, nested pools from 8.1).
 */
function aclPathVersionOf(major, minor, patch) {
    if (major === 9 && minor === 0)
        return { major: 9, minor: 0, patch: 3 };
    if (major === 8 && minor === 0)
        return { major: 8, minor: 0, patch: 5 };
    return { major, minor, patch };
}
/** A repoid that looks like the real one: 8 hex digits on 7.x, 16 later. */
function repoidOf(features) {
    const hex = (0,external_node_crypto_.createHash)('sha256').update(`pve-manager ${features.version}`).digest('hex');
    return hex.slice(0, features.major >= 8 ? 16 : 8);
}
/** `GET /version`. */
const versionRoutes = [
    {
        method: 'GET',
        path: '/version',
        permissions: { user: 'all' },
        schema: () => ({}),
        handler: (ctx) => ({
            version: ctx.features.version,
            release: `${ctx.features.major}.${ctx.features.minor}`,
            repoid: repoidOf(ctx.features),
        }),
    },
];

;// CONCATENATED MODULE: ./test/fakes/pve/router.ts
/**
 * The request pipeline of pve-manager's `rest_handler`:
 * handler lookup (501), duplicate URI parameters (400), the API-token allow check (403), the
 * permission check (403, or a plain 500 from user lookups), schema validation (400), then the
 * handler. Both the HTTPS server and `exec` go through `dispatch`.
 */

















const ROUTES = [
    ...versionRoutes,
    ...accessRoutes,
    ...userRoutes,
    ...tokenRoutes,
    ...groupRoutes,
    ...roleRoutes,
    ...aclRoutes,
    ...permissionRoutes,
    ...authRoutes,
    ...passwordRoutes,
    ...realmRoutes,
    ...poolRoutes,
];
const compiled = ROUTES.map((route) => ({
    route,
    segments: route.path
        .split('/')
        .filter(Boolean)
        .map((s) => (/^\{(.+)\}$/.test(s) ? { param: s.slice(1, -1) } : s)),
}));
/**
 * A path parameter is PVE's default `\S+`, anchored with Perl's `$`: a component with whitespace
 * matches no route (501), except for one final newline, which `$` lets through and the capture
 * leaves out.
 */
const URI_PARAM = /^([^\t\n\v\f\r ]+)\n?$/;
/** Finds the route for a method and path; empty components (`//`, a trailing `/`) are ignored. */
function findRoute(method, relUri) {
    const parts = relUri.split('/').filter(Boolean);
    for (const { route, segments } of compiled) {
        if (route.method !== method || segments.length !== parts.length)
            continue;
        const uriParams = {};
        const matches = segments.every((segment, i) => {
            if (typeof segment === 'string')
                return segment === parts[i];
            const value = URI_PARAM.exec(parts[i])?.[1];
            if (value === undefined)
                return false;
            uriParams[segment.param] = value;
            return true;
        });
        if (matches)
            return { route, uriParams };
    }
    return undefined;
}
function mergeUriParams(uriParams, params) {
    const merged = { ...uriParams };
    for (const [key, value] of Object.entries(params)) {
        const fromUri = uriParams[key];
        if (fromUri !== undefined && value !== fromUri) {
            throw paramError({ [key]: 'duplicate parameter (already defined in URI) with conflicting values!' });
        }
        merged[key] = value;
    }
    return merged;
}
/** Runs one request through the pipeline; never throws. */
function router_dispatch(env, call) {
    try {
        const found = findRoute(call.method, call.relUri);
        if (!found)
            throw notImplemented(call.method, call.relUri);
        const { route } = found;
        const params = mergeUriParams(found.uriParams, call.params);
        if (call.apiToken && route.allowtoken === false) {
            throw permissionError(`URI '${call.relUri}' not available with API token, need proper ticket.\n`);
        }
        const engine = new PermissionEngine(env.state);
        const checks = new PermissionChecks(env.state, engine, call.authid ?? '');
        const perms = route.permissions;
        if (!('user' in perms && perms.user === 'world')) {
            if (call.authid === undefined)
                throw permissionError('user != null');
            if (call.authid !== ROOT && 'check' in perms)
                checks.run(perms.check, params);
        }
        const validated = validateParams(route.schema(env.features), params, {
            privileges: env.features.privilegeSet,
            groupIdWrapperChars: env.features.groupIdWrapperChars,
        });
        const ctx = { ...env, authid: call.authid, engine, checks };
        return { status: 200, data: route.handler(ctx, validated) ?? null };
    }
    catch (err) {
        if (err instanceof PveError)
            return { status: err.status, error: err };
        return { status: 500, error: new PveError(`internal simulator error: ${err.message}\n`) };
    }
}

;// CONCATENATED MODULE: ./test/fakes/pve/tickets.ts
/**
 * Tickets and CSRF tokens in PVE's formats: `PVE:<userid>:<8 hex>::<sig>`
 * valid for 2 h, and `<8 hex>:<base64 HMAC>` bound to the user. PVE signs tickets with RSA; an
 * HMAC under a per-simulator key is indistinguishable to a client.
 */

const TICKET_LIFETIME_S = 2 * 60 * 60;
const CLOCK_SKEW_S = 5 * 60;
const hex8 = (seconds) => seconds.toString(16).toUpperCase().padStart(8, '0');
/** Issues and checks tickets and CSRF tokens under a key of its own. */
class TicketAuthority {
    now;
    #key = (0,external_node_crypto_.randomBytes)(32);
    constructor(now) {
        this.now = now;
    }
    #sign(text) {
        return (0,external_node_crypto_.createHmac)('sha256', this.#key).update(text).digest('base64');
    }
    issue(userid) {
        const stamp = hex8(this.now());
        const plain = `PVE:${userid}:${stamp}`;
        return { ticket: `${plain}::${this.#sign(plain)}`, csrf: this.csrfFor(userid, stamp) };
    }
    csrfFor(userid, stamp = hex8(this.now())) {
        return `${stamp}:${this.#sign(`${stamp}:${userid}`)}`;
    }
    /** The userid of a valid, unexpired ticket. */
    verify(ticket) {
        const match = /^PVE:(.+):([0-9A-F]{8})::(.+)$/s.exec(ticket);
        if (!match)
            return undefined;
        const userid = match[1];
        const stamp = match[2];
        if (!sameText(match[3], this.#sign(`PVE:${userid}:${stamp}`)))
            return undefined;
        return fresh(Number.parseInt(stamp, 16), this.now()) ? userid : undefined;
    }
    verifyCsrf(token, userid) {
        const match = /^([0-9A-F]{8}):(.+)$/s.exec(token ?? '');
        if (!match)
            return false;
        return sameText(match[2], this.#sign(`${match[1]}:${userid}`)) && fresh(Number.parseInt(match[1], 16), this.now());
    }
}
const fresh = (issued, now) => issued - CLOCK_SKEW_S <= now && now <= issued + TICKET_LIFETIME_S;
function sameText(a, b) {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && (0,external_node_crypto_.timingSafeEqual)(x, y);
}

;// CONCATENATED MODULE: ./test/fakes/pve/core.ts
/**
 * The simulator without its network: state, version, tickets, and the two ways in — `call`
 * for requests the HTTPS server has authenticated, `exec` for in-process callers acting as an
 * identity. Answers are turned into PVE's JSON envelope here, once for both.
 */







const STANDARD_REASONS = {
    200: 'OK',
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    500: 'Internal Server Error',
    501: 'Not Implemented',
};
/** The standard HTTP reason phrase, for answers without a message. */
const standardReason = (status) => STANDARD_REASONS[status] ?? 'Error';
/** The reason phrase is the first line of the message. */
const firstLine = (message) => message.split('\n')[0] ?? '';
/** State, version and tickets of one simulator, and its two entry points. */
class PveCore {
    features;
    state;
    tickets;
    now = () => Math.floor(Date.now() / 1000);
    /** Every token secret generated, in order, including those whose answer was lost. */
    issuedSecrets = [];
    newSecret = () => {
        const secret = (0,external_node_crypto_.randomUUID)();
        this.issuedSecrets.push(secret);
        return secret;
    };
    constructor(version, rootPassword) {
        this.features = resolveFeatures(version);
        this.state = new PveState(this.features.builtinRoles, this.features.privileges, rootPassword);
        this.tickets = new TicketAuthority(this.now);
    }
    call(call) {
        return this.respond(router_dispatch(this, call));
    }
    /** PVE's envelope: `{data}`, plus `message` (8.3+) and `errors` on failures. */
    respond(answer) {
        if (!('error' in answer))
            return { status: 200, reason: 'OK', body: { data: answer.data } };
        return this.errorResponse(answer.error);
    }
    errorResponse(error) {
        const body = { data: null };
        if (this.features.errorMessageInBody)
            body.message = error.message;
        if (error.errors && Object.keys(error.errors).length > 0)
            body.errors = { ...error.errors };
        return { status: error.status, reason: firstLine(error.message) || standardReason(error.status), body };
    }
    /** Runs a request in-process as `as` (default root@pam), with PVE's account checks but no secret. */
    exec(method, path, params = {}, as = ROOT) {
        if (!this.#accountUsable(as))
            return { status: 401, body: null };
        const [rawPath = '', query] = path.split('?', 2);
        const relUri = core_decodePath(rawPath.replace(/^\/api2\/json(?=\/|$)/, ''));
        const merged = { ...toRawParams(params) };
        for (const [key, value] of new URLSearchParams(query ?? ''))
            merged[key] = value;
        const response = this.call({
            method: method.toUpperCase(),
            relUri,
            params: merged,
            authid: as,
            apiToken: parseTokenId(as) !== undefined,
        });
        return { status: response.status, body: response.body };
    }
    #accountUsable(identity) {
        const now = this.now();
        const token = parseTokenId(identity);
        if (!token)
            return userEnabled(this.state, identity, now);
        const info = this.state.token(token.userid, token.tokenid);
        return userEnabled(this.state, token.userid, now) && info !== undefined && !(info.expire && info.expire < now);
    }
}
/** URL-decodes an API path; a malformed escape is left as it is. */
function core_decodePath(path) {
    try {
        return decodeURIComponent(path);
    }
    catch {
        return path;
    }
}
/** In-process parameters: booleans become 1/0, numbers strings, arrays repeated keys; null/undefined are left out. */
function toRawParams(params) {
    const out = {};
    const scalar = (value) => (typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
    for (const [key, value] of Object.entries(params)) {
        if (value === undefined || value === null)
            continue;
        out[key] = Array.isArray(value) ? value.filter((v) => v !== undefined && v !== null).map(scalar) : scalar(value);
    }
    return out;
}

// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
;// CONCATENATED MODULE: ./test/fakes/pve/form.ts
/** Percent-decoding on bytes, then UTF-8, so raw non-ASCII and escapes can mix. */
function decodeComponent(text) {
    const bytes = Buffer.from(text.replace(/\+/g, ' '), 'utf8');
    const out = [];
    for (let i = 0; i < bytes.length; i++) {
        const hex = bytes[i] === 0x25 ? bytes.subarray(i + 1, i + 3).toString('latin1') : '';
        if (/^[0-9a-fA-F]{2}$/.test(hex)) {
            out.push(Number.parseInt(hex, 16));
            i += 2;
        }
        else {
            out.push(bytes[i]);
        }
    }
    return Buffer.from(out).toString('utf8');
}
function add(target, key, value) {
    const old = target[key];
    target[key] = old === undefined ? value : [...(typeof old === 'string' ? [old] : old), value];
}
/** A query string or form body; repeated keys become lists. */
function decodeUrlencoded(text) {
    const out = {};
    for (const pair of text.split(/[&;]/)) {
        if (pair === '')
            continue;
        const [key = '', value] = pair.split('=');
        if (value === undefined)
            continue;
        add(out, decodeComponent(key), decodeComponent(value));
    }
    return out;
}
/** A JSON object body; throws on anything else. A top-level `true`/`false` stays a JSON boolean. */
function decodeJsonBody(text) {
    const parsed = text.trim() === '' ? {} : JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('JSON body must be an object');
    const scalar = (value) => typeof value === 'boolean' ? (value ? '1' : '0') : typeof value === 'string' ? value : JSON.stringify(value);
    const out = {};
    for (const [key, value] of Object.entries(parsed)) {
        if (value === null || value === undefined)
            continue;
        out[key] = Array.isArray(value) ? value.map(scalar) : typeof value === 'boolean' ? { jsonBoolean: value } : scalar(value);
    }
    return out;
}

;// CONCATENATED MODULE: ./test/fakes/pve/server.ts
/**
 * The simulator's HTTPS front: `/api2/json` routing, body limits and content types, credentials
 * and CSRF, injected latency and faults, and a log of every request. Authentication failures
 * are 401s with only a reason phrase and no body, as pveproxy sends them (without its 3 s delay).
 */






const API_PREFIX = '/api2/json';
const normalizeRelUri = (relUri) => relUri.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
/** Node refuses reason phrases with characters outside Latin-1 or control characters. */
const safeReason = (reason) => reason.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
/** The HTTPS server in front of a PveCore. */
class PveHttpServer {
    core;
    requests = [];
    latencyMs;
    #faults = [];
    #connections = new WeakMap();
    #connectionCount = 0;
    #server;
    url = '';
    constructor(core, latencyMs) {
        this.core = core;
        this.latencyMs = latencyMs;
    }
    static async start(core, certificate, latencyMs) {
        const instance = new PveHttpServer(core, latencyMs);
        const server = external_node_https_default().createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
            instance.#handle(req, res).catch(() => req.socket.destroy());
        });
        // Clients that refuse the certificate end the handshake; that is their business.
        server.on('tlsClientError', () => { });
        await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
        instance.#server = server;
        instance.url = `https://127.0.0.1:${server.address().port}`;
        return instance;
    }
    inject(fault) {
        this.#faults.push({ fault, remaining: fault.times ?? 1, skip: fault.skip ?? 0 });
    }
    clearFaults() {
        this.#faults.length = 0;
    }
    async stop() {
        const server = this.#server;
        if (!server)
            return;
        this.#server = undefined;
        server.closeAllConnections();
        await new Promise((resolve) => server.close(() => resolve()));
    }
    #connectionOf(socket) {
        let id = this.#connections.get(socket);
        if (id === undefined)
            this.#connections.set(socket, (id = ++this.#connectionCount));
        return id;
    }
    #takeFault(method, relUri) {
        const path = normalizeRelUri(relUri);
        const index = this.#faults.findIndex(({ fault }) => (fault.method === undefined || fault.method.toUpperCase() === method) &&
            (typeof fault.path === 'string' ? normalizeRelUri(fault.path) === path : fault.path.test(path)));
        if (index < 0)
            return undefined;
        const entry = this.#faults[index];
        if (entry.skip > 0) {
            entry.skip -= 1;
            return undefined;
        }
        if (--entry.remaining <= 0)
            this.#faults.splice(index, 1);
        return entry.fault;
    }
    async #handle(req, res) {
        const chunks = [];
        for await (const chunk of req)
            chunks.push(chunk);
        const raw = Buffer.concat(chunks);
        const method = (req.method ?? 'GET').toUpperCase();
        const url = new URL(req.url ?? '/', 'https://simulator.invalid');
        const relUri = url.pathname.startsWith(`${API_PREFIX}/`) ? core_decodePath(url.pathname.slice(API_PREFIX.length)) : undefined;
        const record = {
            method,
            path: `${relUri ?? core_decodePath(url.pathname)}${url.search}`,
            body: raw.toString('utf8'),
            status: 0,
            connection: this.#connectionOf(req.socket),
        };
        this.requests.push(record);
        if (this.latencyMs > 0)
            await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
        const fault = relUri === undefined ? undefined : this.#takeFault(method, relUri);
        if (fault?.kind === 'meanwhile')
            fault.meanwhile?.((...args) => this.core.exec(...args));
        if (fault?.kind === 'reset-before') {
            req.socket.destroy();
            return;
        }
        let response = this.#answer(req, method, url, relUri, raw, fault);
        if (fault?.kind === 'reset-after') {
            req.socket.destroy();
            return;
        }
        if (fault?.kind === 'status-after')
            response = this.#faultAnswer(fault);
        record.status = response.status;
        const text = response.body === null ? '' : JSON.stringify(response.body);
        res.writeHead(response.status, safeReason(response.reason), {
            'content-type': 'application/json;charset=UTF-8',
            'content-length': String(Buffer.byteLength(text)),
        });
        res.end(text);
    }
    #faultAnswer(fault) {
        const status = fault.status ?? 500;
        return this.core.errorResponse(new PveError(`${fault.message ?? standardReason(status)}\n`, status));
    }
    #answer(req, method, url, relUri, raw, fault) {
        const bare = (status, reason) => ({ status, reason, body: null });
        if (relUri === undefined)
            return bare(404, 'Not Found');
        if (raw.length > this.core.features.maxBodyBytes)
            return bare(501, 'for data too large');
        let params;
        if (method === 'GET' || method === 'DELETE') {
            if (raw.length > 0)
                return bare(501, `Unexpected content for method '${method}'`);
            params = decodeUrlencoded(url.search.slice(1));
        }
        else {
            const contentType = (req.headers['content-type'] ?? 'application/x-www-form-urlencoded').split(';')[0].trim().toLowerCase();
            let body;
            if (contentType === 'application/x-www-form-urlencoded') {
                body = decodeUrlencoded(raw.toString('utf8'));
            }
            else if (contentType === 'application/json') {
                try {
                    body = decodeJsonBody(raw.toString('utf8'));
                }
                catch {
                    return bare(400, 'malformed JSON body');
                }
            }
            else {
                return bare(506, `upload 'Content-Type '${contentType}' not implemented`);
            }
            // Query parameters win over body keys of the same name.
            params = { ...body, ...decodeUrlencoded(url.search.slice(1)) };
        }
        const csrfHeader = req.headers.csrfpreventiontoken;
        const auth = authenticate(this.core.state, this.core.tickets, this.core.now(), {
            method,
            relUri,
            credentials: readCredentials(req.headers.cookie, req.headers.authorization),
            csrfToken: Array.isArray(csrfHeader) ? csrfHeader[0] : csrfHeader,
            revealReason: this.core.features.authFailureReason,
        });
        if (!auth.ok)
            return bare(401, auth.reason);
        if (fault?.kind === 'lock-timeout') {
            return this.core.errorResponse(lockTimeout(findRoute(method, relUri)?.route.lockLabel));
        }
        if (fault?.kind === 'status')
            return this.#faultAnswer(fault);
        return this.core.call({ method, relUri, params, authid: auth.authid, apiToken: auth.apiToken });
    }
}

;// CONCATENATED MODULE: ./test/fakes/pve/index.ts
/**
 * A Proxmox VE access-control API simulator for tests and benchmarks: an HTTPS server with a
 * fresh self-signed certificate that answers like pve-access-control, for
 * a selectable PVE version. `exec` runs the same handlers in-process, for fast seeding.
 */





/** Starts a simulator of a freshly installed node: root@pam (e-mail root@example.com), realms pam and pve, nothing else. */
async function startPveSimulator(options = {}) {
    const rootPassword = options.rootPassword ?? `root-${(0,external_node_crypto_.randomUUID)()}`;
    const core = new PveCore(options.version ?? '9.1.1', rootPassword);
    const certificate = await makeCertificate();
    const server = await PveHttpServer.start(core, certificate, options.latencyMs ?? 0);
    const requests = server.requests;
    const simulator = {
        url: server.url,
        fingerprint: certificate.fingerprint,
        certificatePem: certificate.cert,
        get rootPassword() {
            return core.state.passwords.get(ROOT) ?? rootPassword;
        },
        createToken(userid, tokenid, tokenOptions = {}) {
            const params = {
                privsep: tokenOptions.privsep,
                comment: tokenOptions.comment,
                expire: tokenOptions.expire,
            };
            const path = `/access/users/${encodeURIComponent(userid)}/token/${encodeURIComponent(tokenid)}`;
            const { status, body } = core.exec('POST', path, params, ROOT);
            const answer = body;
            if (status !== 200 || !answer?.data?.value) {
                throw new Error(`cannot create token ${userid}!${tokenid}: ${status} ${answer?.message?.trim() ?? ''}`);
            }
            return { fullTokenId: answer.data['full-tokenid'] ?? `${userid}!${tokenid}`, value: answer.data.value };
        },
        exec: (method, path, params, as) => core.exec(method, path, params, as),
        tokenSecret: (fullTokenId) => core.state.tokenSecrets.get(fullTokenId),
        issuedSecrets: core.issuedSecrets,
        setLatency(ms) {
            server.latencyMs = ms;
        },
        inject: (fault) => server.inject(fault),
        clearFaults: () => server.clearFaults(),
        get requestCount() {
            return requests.length;
        },
        get requests() {
            return requests;
        },
        resetRequests() {
            requests.length = 0;
        },
        stop: () => server.stop(),
        [Symbol.asyncDispose]: () => server.stop(),
    };
    return simulator;
}

;// CONCATENATED MODULE: ./src/cli/simulated-pve.ts
/**
 * The simulated cluster behind `proxmox-access simulate`: the same PVE access-API simulator the
 * test suite and `npm run demo` use (bundled into the CLI at build time), seeded like the demo.
 */


const simulated_pve_VERSION = '9.1.1';
/** The simulator keeps every request for tests to inspect; a long session must not grow without end. */
const FORGET_REQUESTS_MS = 60_000;
const startSimulatedPve = async ({ empty }) => {
    const sim = await startPveSimulator({ version: simulated_pve_VERSION });
    if (!empty)
        seedDemoCluster(sim);
    const token = sim.createToken('root@pam', 'simulate', { privsep: false, comment: 'proxmox-access simulate' });
    const forget = setInterval(() => sim.resetRequests(), FORGET_REQUESTS_MS);
    forget.unref();
    return {
        url: sim.url,
        fingerprint: sim.fingerprint,
        version: simulated_pve_VERSION,
        token: { id: token.fullTokenId, secret: token.value },
        stop: async () => {
            clearInterval(forget);
            await sim.stop();
        },
    };
};

;// CONCATENATED MODULE: ./src/cli/main.ts
/** The CLI on a real terminal: process streams, stdin for confirmations, signals, the file system. */





async function main() {
    return runCli(process.argv.slice(2), {
        env: process.env,
        isTTY: Boolean(process.stdout.isTTY),
        // The CLI also runs in workflow steps, where the runner reads both streams for commands.
        out: (text, options) => void process.stdout.write(`${options?.exact === true ? text : safeLines(text)}\n`),
        err: (text) => void process.stderr.write(`${safeLines(text)}\n`),
        confirm: async (question) => {
            const rl = (0,external_node_readline_promises_.createInterface)({ input: process.stdin, output: process.stderr });
            // At the end of input (CI, `< /dev/null`) readline never answers the question: that is a no.
            const ended = new Promise((resolve) => rl.once('close', () => resolve('')));
            try {
                return (await Promise.race([rl.question(question), ended])).trim() === 'yes';
            }
            finally {
                rl.close();
                // Only a terminal echoes the answer with its newline; otherwise the next message would join the question's line.
                if (!process.stdin.isTTY)
                    process.stderr.write('\n');
            }
        },
        writeFile: (path, text, mode) => (0,promises_.writeFile)(path, text, { encoding: 'utf8', flag: mode === 'create' ? 'wx' : 'w' }),
        untilStopped: () => new Promise((resolve) => {
            for (const signal of ['SIGINT', 'SIGTERM'])
                process.once(signal, () => resolve(signal));
        }),
    }, { ...defaultCliDeps, simulate: startSimulatedPve });
}


/***/ })

};

//# sourceMappingURL=178.index.js.map