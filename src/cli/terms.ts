/**
 * The engine is shared with the action, so some of its messages name the action's inputs
 * (`proxmox-fingerprint`, `secrets-token`, …). A terminal user has flags and environment variables
 * instead; this rewrites those names at the CLI's edge, before anything is printed.
 */
import type { Plan } from '../plan/model.js';
import type { Finding } from '../model/finding.js';

/** An input name standing alone (optionally in backticks), not a part of some longer name. */
const input = (name: string): RegExp => new RegExp(`(?<![\\w-])\`?${name}\`?(?![\\w-])`, 'g');

/** Longest phrases first: a bare name is rewritten only when no phrase around it was. */
const TERMS: readonly (readonly [RegExp, string])[] = [
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
export const ACTION_INPUT_NAME =
  /(?<![\w-])(proxmox-(url|token-id|token-secret|username|password|fingerprint|ca-cert|insecure)|secrets-token|allow-deletions|github-token|require-approved-plan)(?![\w-])/;

/** The message in the CLI's own words. */
export function inCliTerms(message: string): string {
  return TERMS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
}

/** The plan with its findings in the CLI's words; the changes (the user's own names) are untouched. */
export function planInCliTerms(plan: Plan): Plan {
  const findings: Finding[] = plan.findings.map((f) => ({ ...f, message: inCliTerms(f.message) }));
  return { ...plan, findings };
}
