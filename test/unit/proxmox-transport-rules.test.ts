import { describe, expect, it } from 'vitest';
import { ProxmoxApiError, TransportError } from '../../src/errors.js';
import { encodeForm, pathOf } from '../../src/proxmox/encode.js';
import { toApiError } from '../../src/proxmox/response.js';
import { backoffDelay, DEFAULT_RETRY, shouldRetry } from '../../src/proxmox/retry.js';
import { formatFingerprint, normalizeFingerprint } from '../../src/proxmox/tls.js';

describe('encodeForm', () => {
  it('encodes PVE parameter types', () => {
    expect(encodeForm({ a: true, b: false, n: 4102444800, l: ['x', 'y'], e: [], skip: undefined, s: 'a b=c;d' })).toBe(
      'a=1&b=0&n=4102444800&l=x%2Cy&e=&s=a%20b%3Dc%3Bd',
    );
  });

  it('refuses non-integer numbers', () => {
    expect(() => encodeForm({ expire: 1.5 })).toThrow(/integer/);
  });
});

describe('pathOf', () => {
  it('URL-encodes each path parameter', () => {
    expect(pathOf('/access/users/{}/token/{}', 'a/b@pve', 'ci')).toBe('/access/users/a%2Fb%40pve/token/ci');
  });
  it('refuses a missing or surplus parameter', () => {
    expect(() => pathOf('/access/users/{}', '')).toThrow();
    expect(() => pathOf('/access/users/{}', 'a@pve', 'x')).toThrow();
  });
});

describe('toApiError', () => {
  const answer = (status: number, statusText: string, body: unknown) => ({
    status,
    statusText,
    text: body === undefined ? '' : JSON.stringify(body),
  });

  it('prefers the first line of message over the reason phrase', () => {
    const err = toApiError(
      'POST',
      '/access/roles',
      answer(500, 'x', { data: null, message: "create role failed: role 'R' already exists\n" }),
    );
    expect(err.reason).toBe("create role failed: role 'R' already exists");
    expect(err.alreadyExists).toBe(true);
  });

  it('falls back to the reason phrase, then to the status', () => {
    expect(toApiError('GET', '/x', answer(500, "role 'R' does not exist", { data: null })).reason).toBe("role 'R' does not exist");
    expect(toApiError('GET', '/x', answer(502, '', undefined)).reason).toBe('HTTP 502');
  });

  it('keeps a message with an embedded newline to its first line', () => {
    const message = "Permission check failed (URI '/access/ticket' not available with API token, need proper ticket.\n)\n";
    const err = toApiError('POST', '/access/ticket', answer(403, 'x', { data: null, message }));
    expect(err.reason).toBe("Permission check failed (URI '/access/ticket' not available with API token, need proper ticket.");
    expect(err.errors).toEqual({});
  });
});

describe('retry rules', () => {
  const api = (status: number, reason: string) => new ProxmoxApiError('X', '/p', status, reason);
  const lock = api(500, "generating token failed: cfs-lock 'file-user_cfg' error: got lock request timeout");
  const reset = new TransportError('X', '/p', 'reset', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
  const tls = new TransportError('X', '/p', 'tls', {
    cause: Object.assign(new Error('self-signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
  });

  it.each([
    ['idempotent', api(503, 'Service Unavailable'), true],
    ['idempotent', api(504, 'Gateway Timeout'), true],
    ['idempotent', lock, true],
    ['idempotent', reset, true],
    ['idempotent', tls, false],
    ['idempotent', api(500, "role 'R' does not exist"), false],
    ['idempotent', api(400, 'Parameter verification failed.'), false],
    ['lock-only', lock, true],
    ['lock-only', api(503, 'Service Unavailable'), false],
    ['lock-only', reset, false],
    ['never', lock, false],
    ['never', reset, false],
  ] as const)('%s: %s → %s', (policy, err, expected) => {
    expect(shouldRetry(policy, err)).toBe(expected);
  });

  it('backs off exponentially with bounded jitter and a cap', () => {
    const low = [0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, DEFAULT_RETRY, () => 0));
    const high = [0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, DEFAULT_RETRY, () => 0.999999));
    expect(low).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    expect(high).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });
});

describe('fingerprints', () => {
  const ui = '3A:0B:' + 'FF:'.repeat(29) + 'C1';
  it('accepts the UI form in any case, with or without colons', () => {
    const hex = normalizeFingerprint(ui);
    expect(normalizeFingerprint(ui.toLowerCase())).toBe(hex);
    expect(normalizeFingerprint(ui.replace(/:/g, ''))).toBe(hex);
    expect(formatFingerprint(hex)).toBe(ui);
  });
  it('refuses SHA-1 and junk', () => {
    expect(() => normalizeFingerprint('AB:'.repeat(19) + 'CD')).toThrow(/SHA-256/);
    expect(() => normalizeFingerprint('zz')).toThrow(/SHA-256/);
  });
});
