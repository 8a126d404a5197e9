import { describe, expect, it } from 'vitest';
import {
  DRIFT_LABEL,
  driftFingerprintMarker,
  driftMarker,
  parseDriftFingerprint,
  parseDriftMarker,
  parsePlanMarker,
  planMarker,
} from '../../src/model/markers.js';

const DIGEST = '3f'.repeat(32);

describe('plan marker', () => {
  it('has the exact contract format', () => {
    expect(planMarker('proxmox-access.yml', DIGEST)).toBe(`<!-- proxmox-access:plan spec=proxmox-access.yml digest=${DIGEST} -->`);
  });

  it.each(['proxmox-access.yml', 'infra/pve/access.yaml', 'with space/a b.yml', '100%/x>y.yml', 'ünïcode/spec.json'])(
    'round-trips the path %j inside a larger body',
    (spec) => {
      const body = `intro\n${planMarker(spec, DIGEST)}\n## Plan\n`;
      expect(parsePlanMarker(body)).toEqual({ spec, digest: DIGEST });
    },
  );

  it('finds nothing in a body without a well-formed marker', () => {
    expect(parsePlanMarker('just a review comment')).toBeUndefined();
    expect(parsePlanMarker('<!-- proxmox-access:plan spec=a.yml digest=xyz -->')).toBeUndefined();
    expect(parsePlanMarker(driftMarker('a.yml'))).toBeUndefined();
  });

  it('refuses to write a digest that is not sha256 hex', () => {
    expect(() => planMarker('a.yml', 'ABC')).toThrow(/64/);
  });
});

describe('drift markers', () => {
  it('has the exact contract format and label', () => {
    expect(driftMarker('proxmox-access.yml')).toBe('<!-- proxmox-access:drift spec=proxmox-access.yml -->');
    expect(DRIFT_LABEL).toBe('proxmox-drift');
  });

  it('round-trips the spec path and the fingerprint', () => {
    const body = `${driftMarker('lab/a b.yml')}\n${driftFingerprintMarker('sha256:abc')}\nText`;
    expect(parseDriftMarker(body)).toBe('lab/a b.yml');
    expect(parseDriftFingerprint(body)).toBe('sha256:abc');
    expect(parseDriftMarker(planMarker('a.yml', DIGEST))).toBeUndefined();
    expect(parseDriftFingerprint('no marker')).toBeUndefined();
  });

  it('refuses a fingerprint that would break the marker', () => {
    expect(() => driftFingerprintMarker('a -->b')).toThrow();
  });
});
