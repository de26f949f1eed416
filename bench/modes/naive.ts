import { mkdirSync, readFileSync } from 'fs';
import { App } from 'cdktf';
import { parseManifest } from '../../lib/manifest/load';
import { nowMs } from '../clock';
import { NaiveShareStack } from './naive-stack';
import { SynthInput, SynthPhases } from './phases';

/** Name of the naive baseline's one stack. */
export const NAIVE_STACK = 'naive';

/**
 * Mode 2, the naive baseline: the same manifest through `parseManifest`,
 * then `new App({ outdir })` with cdktf's default settings (stack traces
 * on), ONE {@link NaiveShareStack}, `app.synth()`.
 */
export function synthNaive(input: SynthInput): SynthPhases {
  mkdirSync(input.outdir, { recursive: true });
  const start = nowMs();
  const manifest = parseManifest(readFileSync(input.manifestFile, 'utf8'), input.manifestFile);
  const parsed = nowMs();
  const app = new App({ outdir: input.outdir });
  new NaiveShareStack(app, NAIVE_STACK, manifest);
  const built = nowMs();
  app.synth();
  const done = nowMs();
  return { parseMs: parsed - start, constructMs: built - parsed, synthMs: done - built, totalMs: done - start };
}
