/** The action's modes, by name: each runs with the orchestrator's state and returns its result. */
import type { RunMode } from '../github/context.js';
import { runApply } from './apply.js';
import { runDrift } from './drift.js';
import { runPlan } from './plan.js';
import { runRotate } from './rotate.js';
import type { ModeResult } from './result.js';
import type { RunState } from './state.js';
import { runValidate } from './validate.js';

export const MODES: Readonly<Record<RunMode, (state: RunState) => Promise<ModeResult>>> = {
  validate: runValidate,
  plan: runPlan,
  apply: runApply,
  drift: runDrift,
  rotate: runRotate,
};
