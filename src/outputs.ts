/**
 * The action's outputs. Every output of action.yml is set in every mode (empty where it does
 * not apply), so `steps.x.outputs.y` never silently reads as missing in a workflow.
 */
export const OUTPUT_NAMES = [
  'mode',
  'has-changes',
  'summary',
  'plan',
  'plan-digest',
  'drift',
  'applied',
  'comment-url',
  'tokens',
] as const;

export type OutputName = (typeof OUTPUT_NAMES)[number];

const DEFAULTS: Record<OutputName, string> = {
  mode: '',
  'has-changes': 'false',
  summary: '',
  plan: '',
  'plan-digest': '',
  drift: 'false',
  applied: '0',
  'comment-url': '',
  tokens: '{}',
};

export class Outputs {
  readonly #set = new Map<string, string>();

  constructor(private readonly setOutput: (name: string, value: string) => void) {}

  set(name: OutputName | string, value: string): void {
    this.#set.set(name, value);
    this.setOutput(name, value);
  }

  get(name: string): string | undefined {
    return this.#set.get(name);
  }

  /** Sets whatever the run did not, once, at the end. */
  fillDefaults(): void {
    for (const name of OUTPUT_NAMES) if (!this.#set.has(name)) this.set(name, DEFAULTS[name]);
  }
}
