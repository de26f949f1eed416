import * as fs from 'fs';
import * as path from 'path';
import { Manifest } from '../manifest/types';
import { mapWithLimit } from '../process/run-command';
import { buildShareApp } from '../share-app';
import { progressLine } from './report';
import { checkStack, StackCheck } from './stack-check';

/** Options of {@link planAllStacks}. */
export interface PlanAllOptions {
  /** Output folder of the synthesized stacks. */
  readonly outdir: string;
  /** How many stacks are planned at once. */
  readonly parallelism: number;
  /** Keep each plan as `<planDir>/<stack>.tfplan`, to apply later. @default plans are not kept */
  readonly planDir?: string;
  /** Receives a progress line per finished stack. */
  readonly progress: (line: string) => void;
}

/**
 * Synthesizes the manifest's stacks and plans each of them (at most
 * `parallelism` at a time), reporting a line per stack as it finishes.
 * Results come in stack-name order.
 */
export async function planAllStacks(manifest: Manifest, options: PlanAllOptions): Promise<StackCheck[]> {
  const outdir = path.resolve(options.outdir);
  fs.mkdirSync(outdir, { recursive: true });
  const app = buildShareApp(manifest, { outdir });
  const stacks = [...app.stackNames].sort();
  app.synth();
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  options.progress(`Checking ${stacks.length} stacks of ${manifest.file} (at most ${options.parallelism} at a time)`);
  let done = 0;
  return mapWithLimit(stacks, options.parallelism, async (stack) => {
    const check = await checkStack({
      stackDir: path.join(outdir, 'stacks', stack),
      stack,
      manifest,
      env,
      planFile: options.planDir ? path.join(options.planDir, `${stack}.tfplan`) : undefined,
    });
    options.progress(progressLine(check, ++done, stacks.length));
    return check;
  });
}
