/** The Logger of the action: the runner's log commands, with collapsible groups. */
import * as core from '@actions/core';
import type { Logger } from './log.js';

export const coreLogger: Logger = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  error: (message) => core.error(message),
  debug: (message) => core.debug(message),
  group: (title, fn) => core.group(title, fn),
};
