import { median } from './clock';
import { PROJECT_DIR, spawnCase } from './spawn-case';

/** Start-up of the app over several fresh processes: medians, in milliseconds. */
export interface StartupResult {
  /** Median time to require every app module (the figure the target applies to). */
  readonly requireMs: number;
  /** Median of each require step, by name (cdktfMs, providersMs, manifestMs, shareAppMs). */
  readonly stepsMs: Readonly<Record<string, number>>;
  /** Median spawn-to-exit of the process: node, tsx (as cdktf.json runs the app) and the requires. */
  readonly processMs: number;
  /** Number of provider deep imports required. */
  readonly providerModules: number;
  /** Fresh processes measured. */
  readonly runs: number;
}

const STEPS = ['cdktfMs', 'providersMs', 'manifestMs', 'shareAppMs'] as const;

/** Requires the app's modules in `runs` fresh processes. */
export function measureStartup(runs = 5): StartupResult {
  const results = Array.from({ length: runs }, () => spawnCase({ mode: 'startup', projectDir: PROJECT_DIR }));
  const stepsMs = Object.fromEntries(STEPS.map((step) => [step, median(results.map((r) => r.phases[step] ?? 0))]));
  return {
    requireMs: median(results.map((r) => r.totalMs)),
    stepsMs,
    processMs: median(results.map((r) => r.processMs)),
    providerModules: results[0].phases.providerModules ?? 0,
    runs,
  };
}
