/** Builds findings without writing `undefined` into optional properties (exactOptionalPropertyTypes). */
import type { SourcePosition } from '../spec/model.js';
import type { Finding, Severity } from './model.js';

export function finding(
  severity: Severity,
  code: string,
  message: string,
  at: { readonly address?: string | undefined; readonly position?: SourcePosition | undefined } = {},
): Finding {
  return {
    severity,
    code,
    message,
    ...(at.address !== undefined ? { address: at.address } : {}),
    ...(at.position !== undefined ? { position: at.position } : {}),
  };
}
