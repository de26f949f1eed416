import { spawnSync } from 'child_process';
import * as path from 'path';
import { nowMs } from './clock';
import { ChildReport, ChildSpec, REPORT_PREFIX } from './child-protocol';

/** The project folder (bench/..). */
export const PROJECT_DIR = path.resolve(__dirname, '..');

/** A child's report with the parent's view of the process. */
export interface CaseResult extends ChildReport {
  /** Spawn to exit, as the parent saw it: node start, tsx, loading and the work. */
  readonly processMs: number;
}

/** Options of {@link spawnCase}. */
export interface SpawnOptions {
  /** Extra node flags, such as `--cpu-prof`. @default [] */
  readonly nodeFlags?: readonly string[];
}

/** Environment of a child: the parent's, with CHECKPOINT_DISABLE=1 and without what would redirect a cdktf app or ami-share. */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1' };
  const redirecting = ['CDKTF_OUTDIR', 'CDKTF_CONTEXT_JSON', 'CDKTF_TARGET_STACK_ID', 'SYNTH_HCL_OUTPUT', 'NODE_OPTIONS', 'AMI_SHARE_MANIFEST', 'AMI_SHARE_STATE_DIR'];
  for (const name of redirecting) {
    delete env[name];
  }
  return env;
}

/**
 * Runs one case in a fresh node process (bench/child.ts under tsx, as
 * cdktf.json runs the app) and returns its report. Throws with the child's
 * stderr when it fails.
 */
export function spawnCase(spec: ChildSpec, options: SpawnOptions = {}): CaseResult {
  const args = [...(options.nodeFlags ?? []), '--require', 'tsx/cjs', path.join(__dirname, 'child.ts'), JSON.stringify(spec)];
  const start = nowMs();
  const child = spawnSync(process.execPath, args, {
    cwd: PROJECT_DIR,
    env: childEnv(),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const processMs = nowMs() - start;
  const line = (child.stdout ?? '').split('\n').find((l) => l.startsWith(REPORT_PREFIX));
  if (child.status !== 0 || line === undefined) {
    const why = child.error?.message ?? `exit ${child.status ?? child.signal ?? 'unknown'}`;
    throw new Error(`bench case ${spec.mode} failed (${why}):\n${(child.stderr ?? '').slice(-4000)}`);
  }
  return { ...(JSON.parse(line.slice(REPORT_PREFIX.length)) as ChildReport), processMs };
}
