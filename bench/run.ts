/**
 * `npm run bench`: synth cost of this project against the naive baseline and
 * the serialization floor, at about 1,000, 5,000 and 10,000 copies, plus the
 * app's start-up and `npx cdktf synth` of the example; prints a table and
 * issue 6's targets with PASS/MISS. Figures only: nothing here asserts timings.
 *
 *   node --require tsx/cjs bench/run.ts [--quick] [--sizes 1k,5k,10k] [--keep] [--skip-cli]
 */
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from './args';
import { timeCliSynth } from './cli-synth';
import { measureSize, SizeResult } from './measure';
import { measureStartup } from './measure-startup';
import { renderReport } from './report';
import { PROJECT_DIR } from './spawn-case';
import { countAwsCalls } from './aws-calls';
import { renderAwsCalls } from './aws-calls-report';
import { checkTargets } from './targets';

/** Scratch folder of the benchmark (git-ignored). */
export const SCRATCH_DIR = path.join(PROJECT_DIR, '.tmp', 'bench');

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const log = (line: string): void => {
    process.stderr.write(`bench: ${line}\n`);
  };
  const loadAtStart = os.loadavg()[0];
  const sizes: SizeResult[] = options.sizes.map((copies) =>
    measureSize(copies, { dir: path.join(SCRATCH_DIR, `size-${copies}`), keep: options.keep, log }),
  );
  log('start-up');
  const startup = measureStartup(5);
  let cli;
  if (!options.skipCli) {
    log('npx cdktf synth');
    cli = timeCliSynth(path.join(SCRATCH_DIR, 'cli-out'), 3);
  }
  const targets = checkTargets(sizes, startup, cli);
  process.stdout.write(`${renderReport({ sizes, startup, cli, targets, load: [loadAtStart, os.loadavg()[0]] })}\n`);
  if (!options.skipAws) {
    log('AWS calls of a deploy and a plan of the example, against the local emulator');
    const calls = await countAwsCalls(PROJECT_DIR, path.join(SCRATCH_DIR, 'aws-calls'));
    process.stdout.write(`\n${renderAwsCalls(calls)}\n`);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench: ${error.message}\n`);
  process.exit(1);
});
