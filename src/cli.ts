#!/usr/bin/env node
/**
 * Entry point of the bundled CLI (`proxmox-access`, or `node dist/cli/index.js`). It checks the
 * Node version before loading anything else, so an old Node gets a clear message, not a crash.
 */
import { unsupportedNode } from './cli/node-version.js';

const problem = unsupportedNode(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exitCode = 1;
} else {
  const { main } = await import('./cli/main.js');
  process.exitCode = await main();
}
