import * as os from 'os';
import { CliSynthResult } from './cli-synth';
import { bytes, int, memory, millis, seconds, table } from './format';
import { SizeResult } from './measure';
import { StartupResult } from './measure-startup';
import { describeShape } from './shape';
import { TargetCheck } from './targets';

/** What {@link renderReport} prints. */
export interface BenchReport {
  /** Every size measured, in run order. */
  readonly sizes: readonly SizeResult[];
  /** The app's start-up. */
  readonly startup: StartupResult;
  /** `npx cdktf synth` of the example; absent with --skip-cli. */
  readonly cli?: CliSynthResult;
  /** Issue 6's targets. */
  readonly targets: readonly TargetCheck[];
  /** 1-minute load average when the run started and ended: other work on the machine skews wall times. */
  readonly load: readonly [number, number];
}

const MODE_LABELS = {
  project: '1 project',
  naive: '2 naive',
  floor: '3 floor',
} as const;

/** The benchmark's printed report: the synth table, start-up, example synth, targets. */
export function renderReport(report: BenchReport): string {
  const cpus = os.cpus().length;
  const out: string[] = [
    `ami-share synth benchmark: node ${process.version}, ${cpus} CPU${cpus === 1 ? '' : 's'}, each case in a fresh process, ` +
      `1-min load average ${report.load[0].toFixed(2)} at start, ${report.load[1].toFixed(2)} at end`,
    '',
    synthTable(report.sizes),
    '',
    'wall: the timed work in the child (1, 2: parseManifest + constructs + app.synth(); 3: JSON.stringify + writeFileSync),',
    'without node/tsx start and module loading; cpu: user + system time of that work (all threads); process: spawn to exit.',
    'fleet: images x targets (region slots); resources: resource + data blocks; JSON: bytes of the .json files written.',
    '1 project: parseManifest + buildShareApp({outdir}) + app.synth(): what main.ts, and so cdktf synth, runs (batched ShareApp).',
    '2 naive: one stack, launch + snapshot (for_each) permission per (image, target), a copy per region, stack traces on.',
    '3 floor: mode 1\'s JSON loaded from disk, then only serialized and written; ' + floorNote(report.sizes),
    '',
    startupLine(report.startup),
    report.cli === undefined
      ? 'example synth: skipped (--skip-cli)'
      : `example synth (npx cdktf synth of shares.yaml, CHECKPOINT_DISABLE=1, median of ${report.cli.runsMs.length}): ${seconds(report.cli.medianMs)}` +
        `  [runs: ${report.cli.runsMs.map(seconds).join(', ')}]`,
    '',
    'targets (issue 6)',
    table(
      ['target', 'value', 'goal', 'verdict'],
      report.targets.map((t) => [t.name, t.value, t.goal, t.verdict]),
      new Set(['value']),
    ),
  ];
  return out.join('\n');
}

function synthTable(sizes: readonly SizeResult[]): string {
  const headers = ['copies', 'fleet', 'mode', 'stacks', 'resources', 'JSON', 'wall', 'per copy', 'cpu', 'peak RSS', 'process', 'parse / build / synth'];
  const rows = sizes.flatMap((size) =>
    size.modes.map((m, i) => [
      i === 0 ? int(size.copies) : '',
      i === 0 ? describeShape(size.shape) : '',
      MODE_LABELS[m.mode],
      int(m.counts.stacks.length),
      int(m.counts.resources),
      bytes(m.counts.bytes),
      seconds(m.run.totalMs),
      millis(m.run.totalMs / size.copies),
      seconds(m.run.cpuMs),
      memory(m.run.maxRssKb),
      seconds(m.run.processMs),
      m.mode === 'floor' ? '' : ['parseMs', 'constructMs', 'synthMs'].map((p) => seconds(m.run.phases[p] ?? 0)).join(' / '),
    ]),
  );
  return table(headers, rows, new Set(['copies', 'stacks', 'resources', 'JSON', 'wall', 'per copy', 'cpu', 'peak RSS', 'process']));
}

function floorNote(sizes: readonly SizeResult[]): string {
  return sizes.every((s) => s.floorIdentical) ? 'output byte-identical to mode 1 at every size.' : 'OUTPUT DIFFERS from mode 1 at some size!';
}

function startupLine(startup: StartupResult): string {
  const steps = startup.stepsMs;
  const step = (name: string, key: string) => `${name} ${seconds(steps[key] ?? 0)}`;
  return (
    `start-up (require app modules in a fresh process under tsx, median of ${startup.runs}): ${seconds(startup.requireMs)}` +
    `  [${step('cdktf', 'cdktfMs')}, ${step(`${startup.providerModules} provider deep imports`, 'providersMs')}, ` +
    `${step('lib/manifest/load', 'manifestMs')}, ${step('lib/share-app', 'shareAppMs')}; process with node + tsx: ${seconds(startup.processMs)}]`
  );
}
