/** The action's inputs as unit tests feed them to readInputs. */
import { InputError } from '../../src/errors.js';
import { readInputs } from '../../src/inputs.js';

/** `core.getInput` as the runner would serve `with:` values: unset inputs read as ''. */
export const reader =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? '';

/** The InputError readInputs throws for `values`; a test fails if it accepts them or throws anything else. */
export function inputError(values: Record<string, string>): InputError {
  try {
    readInputs(reader(values));
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}
