/**
 * The Logger of the action: the runner's log commands, with collapsible groups. Every message
 * passes through the log formatter, as a message may carry a spec value or a cluster answer and
 * `core.info` writes it to the log as it is.
 */
import * as core from '@actions/core';
import type { Logger } from './log.js';
import { safeLine, safeLines } from './log-line.js';

export const coreLogger: Logger = {
  info: (message) => core.info(safeLines(message)),
  warning: (message) => core.warning(safeLines(message)),
  error: (message) => core.error(safeLines(message)),
  debug: (message) => core.debug(safeLines(message)),
  group: (title, fn) => core.group(safeLine(title), fn),
};
