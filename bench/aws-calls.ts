import * as fs from 'fs';
import * as path from 'path';
import { CallRecord, startEmulator } from '../emulator';
import { emulatorEnv } from '../local/emulator-env';
import { ProjectRun } from '../local/project-run';
import { loadManifest } from '../lib/manifest/load';

/** AWS calls of one action, during a deploy and during a plan of every stack after it. */
export interface ActionCount {
  /** `service:Action`. */
  readonly action: string;
  /** Calls made by `cdktf deploy '*'` from nothing. */
  readonly deploy: number;
  /** Calls made by `terraform plan` of every stack, in sync. */
  readonly plan: number;
}

/** A lookup the same stack's plan made more than once. */
export interface RepeatedLookup {
  /** The stack. */
  readonly stack: string;
  /** `service:Action`. */
  readonly action: string;
  /** The AMI or snapshot id looked up. */
  readonly subject: string;
  /** How often. */
  readonly times: number;
}

/** What `countAwsCalls` measured. */
export interface AwsCallReport {
  /** Shares to target accounts in the example (image x target), the unit of "per share". */
  readonly targetShares: number;
  /** Calls per action. */
  readonly actions: readonly ActionCount[];
  /** Repeated lookups within a stack's plan (the floor is none). */
  readonly repeats: readonly RepeatedLookup[];
}

/**
 * Deploys the example shares.yaml against the local emulator with the real
 * cdktf and terraform, and counts the AWS calls of the deploy and of a plan
 * of every stack afterwards, from the emulator's call log.
 */
export async function countAwsCalls(projectDir: string, workDir: string): Promise<AwsCallReport> {
  const manifestFile = path.join(projectDir, 'shares.yaml');
  const manifest = loadManifest(manifestFile);
  fs.rmSync(workDir, { recursive: true, force: true });
  const emulator = await startEmulator({ seed: path.join(projectDir, 'emulator', 'seeds', 'example.yaml'), copyDelayMs: 0 });
  try {
    const run = new ProjectRun({
      projectDir,
      manifest: manifestFile,
      outdir: path.join(workDir, 'cdktf.out'),
      stateDir: path.join(workDir, 'state'),
      env: emulatorEnv(emulator),
    });
    must(await run.synth(), 'cdktf synth');
    (await run.initStacks()).forEach((result) => must(result, 'terraform init'));
    emulator.resetCalls();
    must(await run.deploy(), 'cdktf deploy');
    const deployCalls = emulator.calls();

    const planCalls: CallRecord[] = [];
    const repeats: RepeatedLookup[] = [];
    for (const stack of run.stacks()) {
      emulator.resetCalls();
      must(await run.terraform(stack, ['plan', '-input=false', '-lock=false']), `terraform plan ${stack}`);
      const calls = emulator.calls();
      planCalls.push(...calls);
      repeats.push(...repeatedLookups(stack, calls));
    }
    const actions = [...new Set([...deployCalls, ...planCalls].map(key))].sort().map((action) => ({
      action,
      deploy: deployCalls.filter((c) => key(c) === action).length,
      plan: planCalls.filter((c) => key(c) === action).length,
    }));
    const targetShares = manifest.shares.reduce((sum, share) => sum + (share.access === 'granted' ? share.to.length : 0), 0);
    return { targetShares, actions, repeats };
  } finally {
    await emulator.close();
  }
}

/** Lookups (Describe*) of the same AMI or snapshot made more than once in one stack's plan. */
export function repeatedLookups(stack: string, calls: readonly CallRecord[]): RepeatedLookup[] {
  const counts = new Map<string, number>();
  for (const call of calls) {
    if (!call.action.startsWith('Describe')) {
      continue;
    }
    for (const subject of call.subjects ?? []) {
      const id = `${key(call)} ${subject}`;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([, times]) => times > 1)
    .map(([id, times]) => {
      const [action, subject] = id.split(' ');
      return { stack, action, subject, times };
    });
}

function key(call: CallRecord): string {
  return `${call.service}:${call.action}`;
}

function must(result: { code: number | null; stdout: string; stderr: string }, step: string): void {
  if (result.code !== 0) {
    throw new Error(`${step} failed against the emulator:\n${result.stdout}\n${result.stderr}`);
  }
}
