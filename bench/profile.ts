/**
 * CPU profile of one synth mode at one size (default: this project's synth
 * at 10,000 copies), in a fresh process under `node --cpu-prof`, cut to the
 * timed work; prints the top functions by self and total time and the time
 * by package.
 *
 *   node --require tsx/cjs bench/profile.ts [--copies 10k] [--mode project|naive] [--top 10]
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import { parseSizes } from './args';
import { ProfileEntry, summarizeProfile } from './cpu-profile';
import { millis, seconds, table } from './format';
import { fleetOf, manifestYaml } from './generate-manifest';
import { copiesOf, describeShape, shapeForCopies } from './shape';
import { PROJECT_DIR, spawnCase } from './spawn-case';

interface ProfileOptions {
  readonly copies: number;
  readonly mode: 'project' | 'naive';
  readonly top: number;
}

function parseProfileArgs(argv: readonly string[]): ProfileOptions {
  let copies = 10000;
  let mode: ProfileOptions['mode'] = 'project';
  let top = 10;
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1] ?? '';
    if (argv[i] === '--copies') {
      copies = parseSizes(value)[0];
    } else if (argv[i] === '--mode' && (value === 'project' || value === 'naive')) {
      mode = value;
    } else if (argv[i] === '--top' && /^\d+$/.test(value)) {
      top = Number(value);
    } else {
      throw new Error(`bad argument "${argv[i]}"; usage: bench/profile.ts [--copies 10k] [--mode project|naive] [--top 10]`);
    }
    i++;
  }
  return { copies, mode, top };
}

function entriesTable(entries: readonly ProfileEntry[], top: number, what: string): string {
  return table(
    ['%', 'ms', what],
    entries.slice(0, top).map((e) => [e.percent.toFixed(1), millis(e.ms), e.label]),
    new Set(['%', 'ms']),
  );
}

function main(): void {
  const options = parseProfileArgs(process.argv.slice(2));
  const dir = path.join(PROJECT_DIR, '.tmp', 'bench', `profile-${options.mode}-${options.copies}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const shape = shapeForCopies(options.copies);
  const manifestFile = path.join(dir, 'shares.yaml');
  writeFileSync(manifestFile, manifestYaml(fleetOf(shape)));
  process.stderr.write(`bench: profiling ${options.mode} at ${copiesOf(shape)} copies\n`);
  const run = spawnCase(
    { mode: options.mode, manifestFile, outdir: path.join(dir, 'out'), stateDir: path.join(dir, 'state') },
    { nodeFlags: ['--cpu-prof', '--cpu-prof-dir', dir] },
  );
  rmSync(path.join(dir, 'out'), { recursive: true, force: true });
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) {
    throw new Error(`no .cpuprofile written in ${dir}`);
  }
  const summary = summarizeProfile(path.join(dir, file), run.windowUs);
  const phases = ['parseMs', 'constructMs', 'synthMs'].map((p) => `${p.replace('Ms', '')} ${seconds(run.phases[p] ?? 0)}`).join(', ');
  process.stdout.write(
    [
      `CPU profile: ${options.mode} synth, ${copiesOf(shape)} copies (${describeShape(shape)}), under --cpu-prof`,
      `wall ${seconds(run.totalMs)} (${phases}), peak RSS ${Math.round(run.maxRssKb / 1024)} MB; ` +
        `${summary.samples} samples over ${seconds(summary.windowMs)} ${summary.windowed ? '(the timed work only)' : '(whole process: window not matched)'}`,
      `profile: ${path.relative(PROJECT_DIR, path.join(dir, file))} (open in Chrome DevTools > Performance)`,
      '',
      'self time',
      entriesTable(summary.self, options.top, 'function'),
      '',
      'total time (inclusive)',
      entriesTable(summary.total, options.top + 10, 'function'),
      '',
      'self time by package',
      entriesTable(summary.packages, options.top, 'package'),
    ].join('\n') + '\n',
  );
}

try {
  main();
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exit(1);
}
