import { CliSynthResult } from './cli-synth';
import { memory, seconds } from './format';
import { modeOf, SizeResult } from './measure';
import { StartupResult } from './measure-startup';

/** One target of issue 6 and how the run did. */
export interface TargetCheck {
  /** What is measured. */
  readonly name: string;
  /** The figure, formatted; `-` when not measured. */
  readonly value: string;
  /** The target, as the issue states it. */
  readonly goal: string;
  /** PASS, MISS, or n/a when the run lacks the size. */
  readonly verdict: 'PASS' | 'MISS' | 'n/a';
}

/** Copies of the large size the ratios use. */
export const LARGE = 10000;
/** Copies of the small size the per-copy ratio compares with. */
export const SMALL = 1000;

/** Issue 6's targets, judged on this run; `n/a` when the run lacks the size. */
export function checkTargets(sizes: readonly SizeResult[], startup: StartupResult, cli: CliSynthResult | undefined): TargetCheck[] {
  const at = (copies: number) => sizes.find((s) => s.copies === copies);
  const large = at(LARGE);
  const small = at(SMALL);
  const checks: TargetCheck[] = [];
  const judge = (name: string, goal: string, value: number | undefined, show: (v: number) => string, pass: (v: number) => boolean): void => {
    checks.push(
      value === undefined
        ? { name, value: '-', goal, verdict: 'n/a' }
        : { name, value: show(value), goal, verdict: pass(value) ? 'PASS' : 'MISS' },
    );
  };
  const perCopy = (size: SizeResult) => modeOf(size, 'project').run.totalMs / size.copies;

  judge(
    'naive time / project time, 10k copies',
    '>= 10x',
    large && modeOf(large, 'naive').run.totalMs / modeOf(large, 'project').run.totalMs,
    (v) => `${v.toFixed(2)}x`,
    (v) => v >= 10,
  );
  judge('project peak RSS, 10k copies', '< 600 MB', large && modeOf(large, 'project').run.maxRssKb, memory, (v) => v < 600 * 1024);
  judge(
    'project time per copy, 10k / 1k',
    '<= 1.3',
    large && small && perCopy(large) / perCopy(small),
    (v) => v.toFixed(2),
    (v) => v <= 1.3,
  );
  judge('start-up (require app modules)', '< 0.5 s', startup.requireMs, seconds, (v) => v < 500);
  judge('example synth (npx cdktf synth)', '< 3 s', cli?.medianMs, seconds, (v) => v < 3000);
  return checks;
}
