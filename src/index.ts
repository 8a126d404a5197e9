/** Entry point of the bundled action: real dependencies in, run(), the one failure out. */
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { createOctokit } from './github/octokit.js';
import { sleep } from './github/retry.js';
import { writeJobSummary } from './github/summary.js';
import { coreLogger } from './core-logger.js';
import { errorMessage } from './errors.js';
import { annotationProperties } from './github/annotations.js';
import { safeLines } from './log-line.js';
import { run } from './main.js';
import { createProxmoxClient } from './proxmox/client.js';

const outcome: { readonly failure?: string } = await run({
  env: process.env,
  getInput: (name) => core.getInput(name),
  setOutput: (name, value) => core.setOutput(name, value),
  setSecret: (value) => core.setSecret(value),
  annotate: (kind, message, properties) => core[kind](safeLines(message), annotationProperties(properties)),
  logger: coreLogger,
  readFile: (path) => readFileSync(path, 'utf8'),
  writeSummary: (markdown) => writeJobSummary(markdown, process.env['GITHUB_STEP_SUMMARY']),
  now: () => Math.floor(Date.now() / 1000),
  connectProxmox: createProxmoxClient,
  octokit: createOctokit,
  sleep,
  getIDToken: (audience) => core.getIDToken(audience),
  // run() catches everything but a failure to write the outputs file in its last step.
}).catch((err: unknown) => ({ failure: `proxmox-access failed: ${errorMessage(err)}` }));
if (outcome.failure) core.setFailed(safeLines(outcome.failure));
