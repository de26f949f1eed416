import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { parseManifest } from '../../lib/manifest/load';
import { Manifest } from '../../lib/manifest/types';
import { addShareStacks } from '../../lib/share-app';

/** A synthesized stack: its folder and its parsed cdk.tf.json. */
export interface SynthesizedStack {
  readonly dir: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any;
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'ami-share-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Parses manifest text (throws ManifestError on bad input). */
export function manifestFrom(yaml: string, file = 'shares.yaml'): Manifest {
  return parseManifest(yaml, file);
}

/** The text of a fixture under __tests__/fixtures, or of the project's shares.yaml. */
export function fixtureText(name: string): string {
  const file = name === 'shares.yaml' ? path.join(__dirname, '..', '..', 'shares.yaml') : path.join(__dirname, '..', 'fixtures', name);
  return fs.readFileSync(file, 'utf8');
}

/**
 * Synthesizes every stack of a manifest as a project in `projectDir` would:
 * output in `<projectDir>/cdktf.out`, state folder `<projectDir>/state`.
 */
export function synthManifest(manifest: Manifest, projectDir = tempDir()): Record<string, SynthesizedStack> {
  const outdir = path.join(projectDir, 'cdktf.out');
  fs.mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir, stackTraces: false });
  addShareStacks(app, manifest, { stateDir: path.join(projectDir, 'state') });
  app.synth();
  const stacks: Record<string, SynthesizedStack> = {};
  for (const name of fs.readdirSync(path.join(outdir, 'stacks'))) {
    const dir = path.join(outdir, 'stacks', name);
    stacks[name] = { dir, json: JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')) };
  }
  return stacks;
}
