/**
 * The action's own outputs, as action.yml declares them: listed here once. The action sets each
 * of them in every run, and a spec's `deliver: output:` target may not take one of these names.
 */
export const ACTION_OUTPUT_NAMES = [
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
] as const;

export type ActionOutputName = (typeof ACTION_OUTPUT_NAMES)[number];

export const isActionOutputName = (name: string): name is ActionOutputName => (ACTION_OUTPUT_NAMES as readonly string[]).includes(name);

/** Step output ids: a letter or `_`, then letters, digits, `-` or `_`. */
export const OUTPUT_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;
