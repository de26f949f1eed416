import { mkdirSync, readFileSync } from 'fs';
import { parseManifest } from '../../lib/manifest/load';
import { buildShareApp } from '../../lib/share-app';
import { nowMs } from '../clock';
import { SynthInput, SynthPhases } from './phases';

/**
 * Mode 1, this project's synth, as `cdktf synth` runs it through main.ts:
 * `parseManifest`, `buildShareApp` (the batched ShareApp), `app.synth()`.
 */
export function synthProject(input: SynthInput): SynthPhases {
  mkdirSync(input.outdir, { recursive: true });
  const start = nowMs();
  const manifest = parseManifest(readFileSync(input.manifestFile, 'utf8'), input.manifestFile);
  const parsed = nowMs();
  const app = buildShareApp(manifest, { outdir: input.outdir, stateDir: input.stateDir });
  const built = nowMs();
  app.synth();
  const done = nowMs();
  return { parseMs: parsed - start, constructMs: built - parsed, synthMs: done - built, totalMs: done - start };
}
