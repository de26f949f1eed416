import { SynthInput } from './modes/phases';

/** What a fresh child process is asked to do. */
export type ChildSpec =
  | ({ readonly mode: 'project' | 'naive' } & SynthInput)
  | { readonly mode: 'floor'; readonly fromDir: string; readonly outdir: string }
  | { readonly mode: 'startup'; readonly projectDir: string };

/** What a child reports. */
export interface ChildReport {
  /** The mode run. */
  readonly mode: ChildSpec['mode'];
  /** Time to load the mode's modules (cdktf, provider, project code) before the timed work. */
  readonly loadMs: number;
  /** Timed work; see the mode. */
  readonly totalMs: number;
  /** CPU time (user + system, all threads) over the timed work, in milliseconds: less sensitive than wall time to other load on the machine. */
  readonly cpuMs: number;
  /** Phases of the timed work, by name, in milliseconds. */
  readonly phases: Readonly<Record<string, number>>;
  /** `process.resourceUsage().maxRSS` at the end, in kilobytes: the child's peak RSS. */
  readonly maxRssKb: number;
  /** The timed work on the monotonic clock, in microseconds (to cut a CPU profile to it). */
  readonly windowUs: readonly [number, number];
}

/** Prefix of the one stdout line that carries a {@link ChildReport}. */
export const REPORT_PREFIX = 'BENCH_REPORT ';
