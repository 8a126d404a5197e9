/**
 * Whether the demo may colour its output. FORCE_COLOR wins when set (0 or false turn colour off,
 * any other value on), as Node itself reads it; otherwise a non-empty NO_COLOR turns it off; and
 * without either, only a terminal gets escape codes, never a pipe or a file.
 */
export function wantsColor(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return isTTY === true;
}

/** `text` in bold when colour is on, as it is otherwise. */
export const bold = (text: string, color: boolean): string => (color ? `\x1b[1m${text}\x1b[0m` : text);
