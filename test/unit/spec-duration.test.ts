import { describe, expect, it } from 'vitest';
import { formatDuration, formatEpoch, parseDate, parseDuration, parseExpire } from '../../src/spec/duration.js';

describe('parseDuration', () => {
  it.each([
    ['90d', 90 * 86400],
    ['12h', 12 * 3600],
    ['30m', 1800],
    ['2w', 14 * 86400],
    ['45s', 45],
    ['1w3d', 10 * 86400],
    ['3600', 3600],
    [3600, 3600],
  ])('%s is %i seconds', (input, seconds) => {
    expect(parseDuration(input)).toBe(seconds);
  });

  it.each(['90 d', '1y', 'd', '-5m', '1.5h', '', 'abc'])('rejects %j', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });

  it('rejects negative and fractional numbers', () => {
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration(1.5)).toBeUndefined();
  });
});

describe('parseDate and parseExpire', () => {
  it('reads a bare date as midnight UTC', () => {
    expect(parseDate('2027-12-31')).toBe(Date.UTC(2027, 11, 31) / 1000);
  });

  it('reads date-times with and without offsets', () => {
    expect(parseDate('2027-12-31T18:30:00Z')).toBe(Date.UTC(2027, 11, 31, 18, 30) / 1000);
    expect(parseDate('2027-12-31T18:30')).toBe(Date.UTC(2027, 11, 31, 18, 30) / 1000);
    expect(parseDate('2027-12-31T18:30:00-0500')).toBe(Date.UTC(2027, 11, 31, 23, 30) / 1000);
  });

  it('rejects days and times that do not exist', () => {
    expect(parseDate('2027-02-30')).toBeUndefined();
    expect(parseDate('2027-13-01')).toBeUndefined();
    expect(parseDate('2027-01-01T25:00Z')).toBeUndefined();
    expect(parseDate('31.12.2027')).toBeUndefined();
  });

  it('treats 0 and never as never, and numbers as epoch seconds', () => {
    expect(parseExpire(0)).toBe(0);
    expect(parseExpire('never')).toBe(0);
    expect(parseExpire('0')).toBe(0);
    expect(parseExpire(1830297600)).toBe(1830297600);
    expect(parseExpire('2027-12-31')).toBe(Date.UTC(2027, 11, 31) / 1000);
    expect(parseExpire('soon')).toBeUndefined();
  });
});

describe('formatting', () => {
  it('writes durations in the largest exact unit, and they parse back', () => {
    for (const seconds of [90 * 86400, 14 * 86400, 36 * 3600, 1800, 3601]) {
      expect(parseDuration(formatDuration(seconds))).toBe(seconds);
    }
    expect(formatDuration(90 * 86400)).toBe('90d');
    expect(formatDuration(14 * 86400)).toBe('2w');
  });

  it('writes epochs as dates when they are midnight UTC, else as date-times, and they parse back', () => {
    expect(formatEpoch(Date.UTC(2027, 11, 31) / 1000)).toBe('2027-12-31');
    expect(formatEpoch(Date.UTC(2027, 11, 31, 8, 15) / 1000)).toBe('2027-12-31T08:15:00Z');
    for (const epoch of [Date.UTC(2027, 11, 31) / 1000, 1830211300]) expect(parseExpire(formatEpoch(epoch))).toBe(epoch);
  });
});
