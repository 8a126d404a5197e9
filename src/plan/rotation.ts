/**
 * When a declared token gets a new secret: its expiry is within rotate-before,
 * the `rotate` input names it (or says `all`), or a delivery target lost the secret.
 */
import type { LiveToken, ServerVersion } from '../model/live-state.js';
import { defaultRotateBefore } from '../spec/build.js';
import type { TokenSpec } from '../spec/model.js';
import type { PlanOptions, RotationMethod } from './model.js';

/** `rotate-before`, defaulting to a sixth of the lifetime; undefined for tokens that never expire. */
export function rotateBeforeOf(token: TokenSpec): number | undefined {
  if (token.lifetime === undefined) return undefined;
  return token.rotateBefore ?? defaultRotateBefore(token.lifetime);
}

/** `regenerate` keeps the token and its ACLs, but only PVE 9.1 and later have it. */
export function rotationMethod(version: ServerVersion): RotationMethod {
  return version.major > 9 || (version.major === 9 && version.minor >= 1) ? 'regenerate' : 'recreate';
}

/** The declared `rotation`, with `regenerate` falling back to `recreate` where the server lacks it. */
export function rotationFor(token: TokenSpec, version: ServerVersion): RotationMethod {
  if (token.rotation === 'overlap' || token.rotation === 'recreate') return token.rotation;
  return rotationMethod(version);
}

/** An expiry (epoch, 0 = never) that has passed or falls within `window` seconds of now. */
export function expiresWithin(expire: number, window: number, now: number): boolean {
  return expire > 0 && expire - now <= window;
}

/** Epoch seconds as an ISO date-time: the same text whenever the plan is made. */
export const isoTime = (epoch: number): string => new Date(epoch * 1000).toISOString().replace(/\.000Z$/, 'Z');

export interface RotationReasons {
  /** Why this token must be rotated now, for humans; empty when it need not be. */
  readonly reasons: readonly string[];
  /**
   * True when only the run's inputs ask for it (a delivered secret went missing, the `rotate`
   * input names the token): two runs with different inputs would disagree, so it is repair the
   * apply does on its own, outside the reviewed digest. False when the spec and the live token
   * alone ask for it (the expiry), or when nothing does.
   */
  readonly repair: boolean;
}

export function rotationReasons(fullid: string, spec: TokenSpec, live: LiveToken, options: PlanOptions): RotationReasons {
  const fromInputs: string[] = [];
  if (options.secretMissing.includes(fullid)) fromInputs.push('a delivery target no longer holds the secret');
  if (options.rotate === 'all' || options.rotate.includes(fullid)) fromInputs.push('rotation requested');
  const window = rotateBeforeOf(spec);
  const declared =
    window !== undefined && expiresWithin(live.expire, window, options.now)
      ? [live.expire <= options.now ? `expired ${isoTime(live.expire)}` : `expires ${isoTime(live.expire)}, within rotate-before`]
      : [];
  return { reasons: [...fromInputs, ...declared], repair: fromInputs.length > 0 && declared.length === 0 };
}
