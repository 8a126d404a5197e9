/**
 * Writes the run's outputs, once, at its end. Every output of action.yml is set in every mode
 * (empty where it does not apply), so `steps.x.outputs.y` never silently reads as missing in a
 * workflow.
 */
import { ACTION_OUTPUT_NAMES, type ActionOutputName } from './model/action-outputs.js';

const DEFAULTS: Record<ActionOutputName, string> = {
  mode: '',
  'has-changes': 'false',
  summary: '',
  plan: '',
  'plan-digest': '',
  drift: 'false',
  applied: '0',
  'comment-url': '',
  tokens: '{}',
  audit: '',
};

/** Sets every value the run produced, in the order it produced them, then the defaults of the rest. */
export function writeOutputs(values: ReadonlyMap<string, string>, setOutput: (name: string, value: string) => void): void {
  for (const [name, value] of values) setOutput(name, value);
  for (const name of ACTION_OUTPUT_NAMES) if (!values.has(name)) setOutput(name, DEFAULTS[name]);
}
