import { mkdirSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import { CaseResult, spawnCase } from './spawn-case';
import { countOutput, OutputCounts } from './count';
import { fleetOf, manifestYaml } from './generate-manifest';
import { identicalJsonTrees } from './json-tree';
import { copiesOf, FleetShape, shapeForCopies } from './shape';

/** The three synth modes. */
export type SynthMode = 'project' | 'naive' | 'floor';

/** One mode at one size. */
export interface ModeResult {
  /** Which mode. */
  readonly mode: SynthMode;
  /** The child's report (times, peak RSS) and its process time. */
  readonly run: CaseResult;
  /** What the mode wrote. */
  readonly counts: OutputCounts;
}

/** Every mode at one size. */
export interface SizeResult {
  /** Copies asked for. */
  readonly requested: number;
  /** The generated fleet. */
  readonly shape: FleetShape;
  /** Copies the generated manifest makes. */
  readonly copies: number;
  /** In run order: project, floor, naive. */
  readonly modes: readonly ModeResult[];
  /** Whether the floor wrote mode 1's bytes exactly. */
  readonly floorIdentical: boolean;
}

/** Options of {@link measureSize}. */
export interface MeasureOptions {
  /** Scratch folder of this size; created, and emptied first. */
  readonly dir: string;
  /** Keep the synthesized folders. @default false */
  readonly keep?: boolean;
  /** Progress lines. @default none */
  readonly log?: (line: string) => void;
}

/**
 * Generates the manifest of about `copies` copies and runs, each in a fresh
 * process and one after the other: this project's synth, the floor (from
 * the project's output), and the naive baseline.
 */
export function measureSize(copies: number, options: MeasureOptions): SizeResult {
  const log = options.log ?? ((): void => undefined);
  const shape = shapeForCopies(copies);
  rmSync(options.dir, { recursive: true, force: true });
  mkdirSync(options.dir, { recursive: true });
  const manifestFile = path.join(options.dir, 'shares.yaml');
  writeFileSync(manifestFile, manifestYaml(fleetOf(shape)));
  const stateDir = path.join(options.dir, 'state');
  const out = (mode: SynthMode) => path.join(options.dir, mode);

  const modes: ModeResult[] = [];
  const record = (mode: SynthMode, run: CaseResult, countedDir: string): void => {
    modes.push({ mode, run, counts: countOutput(countedDir) });
    log(`  ${mode}: ${(run.totalMs / 1000).toFixed(2)} s, peak RSS ${Math.round(run.maxRssKb / 1024)} MB`);
  };

  log(`${copiesOf(shape)} copies: project`);
  record('project', spawnCase({ mode: 'project', manifestFile, outdir: out('project'), stateDir }), out('project'));
  log(`${copiesOf(shape)} copies: floor`);
  record('floor', spawnCase({ mode: 'floor', fromDir: out('project'), outdir: out('floor') }), out('floor'));
  const floorIdentical = identicalJsonTrees(out('project'), out('floor'));
  if (!options.keep) {
    rmSync(out('floor'), { recursive: true, force: true });
  }
  log(`${copiesOf(shape)} copies: naive`);
  record('naive', spawnCase({ mode: 'naive', manifestFile, outdir: out('naive'), stateDir }), out('naive'));
  if (!options.keep) {
    rmSync(options.dir, { recursive: true, force: true });
  }
  return { requested: copies, shape, copies: copiesOf(shape), modes, floorIdentical };
}

/** The result of one mode at one size. */
export function modeOf(size: SizeResult, mode: SynthMode): ModeResult {
  const found = size.modes.find((m) => m.mode === mode);
  if (found === undefined) {
    throw new Error(`internal: no ${mode} result at ${size.copies} copies`);
  }
  return found;
}
