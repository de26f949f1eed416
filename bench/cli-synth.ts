import { spawnSync } from 'child_process';
import { rmSync } from 'fs';
import { median, nowMs } from './clock';
import { childEnv, PROJECT_DIR } from './spawn-case';

/** Wall times of `npx cdktf synth` of the project's shares.yaml. */
export interface CliSynthResult {
  /** Median wall time, in milliseconds. */
  readonly medianMs: number;
  /** Every run, in milliseconds. */
  readonly runsMs: readonly number[];
}

/**
 * Runs `npx cdktf synth --output <outdir>` in the project folder `runs`
 * times, end to end (CLI start, the app in its own process, the CLI's
 * checks), with CHECKPOINT_DISABLE=1. Throws when a run fails.
 */
export function timeCliSynth(outdir: string, runs = 3): CliSynthResult {
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    rmSync(outdir, { recursive: true, force: true });
    const start = nowMs();
    const result = spawnSync('npx', ['cdktf', 'synth', '--output', outdir], {
      cwd: PROJECT_DIR,
      env: childEnv(),
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    runsMs.push(nowMs() - start);
    if (result.status !== 0) {
      throw new Error(`npx cdktf synth failed (exit ${result.status ?? result.signal ?? 'unknown'}):\n${result.stdout}${result.stderr}`);
    }
  }
  return { medianMs: median(runsMs), runsMs };
}
