/**
 * Entry point of one measured case, run in a fresh process by
 * bench/spawn-case.ts: `node --require tsx/cjs bench/child.ts '<ChildSpec JSON>'`.
 * Loads only what the mode needs, times the work, and prints one
 * {@link REPORT_PREFIX} line with the report, peak RSS included.
 */
import { nowMs } from './clock';
import { ChildReport, ChildSpec, REPORT_PREFIX } from './child-protocol';

/** What a mode returns: its own timing of the work, and phases. */
interface ModeOutcome {
  readonly totalMs: number;
  readonly phases: Record<string, number>;
}

/** Loads the mode's modules (timed apart) and returns the work to time. */
function prepare(spec: ChildSpec): () => ModeOutcome {
  switch (spec.mode) {
    case 'project': {
      const { synthProject } = require('./modes/project') as typeof import('./modes/project');
      return () => withPhases(synthProject(spec));
    }
    case 'naive': {
      const { synthNaive } = require('./modes/naive') as typeof import('./modes/naive');
      return () => withPhases(synthNaive(spec));
    }
    case 'floor': {
      const { rewriteJson } = require('./modes/floor') as typeof import('./modes/floor');
      return () => withPhases(rewriteJson(spec.fromDir, spec.outdir));
    }
    case 'startup': {
      const { requireAppModules } = require('./startup') as typeof import('./startup');
      return () => {
        const { providerModules, ...times } = requireAppModules(spec.projectDir);
        return withPhases({ ...times, providerModules: providerModules.length });
      };
    }
  }
}

function withPhases<T extends { totalMs: number }>(result: T): ModeOutcome {
  return { totalMs: result.totalMs, phases: { ...result } as unknown as Record<string, number> };
}

function measure(spec: ChildSpec): ChildReport {
  const loadStart = nowMs();
  const work = prepare(spec);
  const start = nowMs();
  const cpuStart = process.cpuUsage();
  const outcome = work();
  const cpu = process.cpuUsage(cpuStart);
  const end = nowMs();
  return {
    mode: spec.mode,
    loadMs: start - loadStart,
    totalMs: outcome.totalMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    phases: outcome.phases,
    maxRssKb: process.resourceUsage().maxRSS,
    windowUs: [start * 1000, end * 1000],
  };
}

const report = measure(JSON.parse(process.argv[2] ?? '{}') as ChildSpec);
process.stdout.write(`${REPORT_PREFIX}${JSON.stringify(report)}\n`);
