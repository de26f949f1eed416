import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { fleetOf, manifestYaml } from '../bench/generate-manifest';
import { addShareStacks, buildShareApp } from '../lib/share-app';
import { withoutStackTraces } from '../lib/synth/without-stack-traces';
import { fixtureText, manifestFrom, tempDir } from './support/synth';

/** Every file under a folder, relative path -> content. */
function filesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else {
        files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
      }
    }
  };
  walk(dir);
  return files;
}

/**
 * The straightforward synth: one cdktf App holding every stack, default
 * settings, and cdktf's own preparing pass (which ShareStack skips).
 */
function straightforward(text: string, project: string): Record<string, string> {
  const outdir = path.join(project, 'cdktf.out');
  fs.mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir });
  for (const stack of addShareStacks(app, manifestFrom(text), { stateDir: path.join(project, 'state') })) {
    stack.prepareStack = TerraformStack.prototype.prepareStack;
  }
  app.synth();
  return filesUnder(outdir);
}

/** The optimized synth main.ts runs: batched ShareApp with cheap stack traces. */
function optimized(text: string, project: string, stacksPerBatch?: number): Record<string, string> {
  const outdir = path.join(project, 'cdktf.out');
  fs.mkdirSync(outdir, { recursive: true });
  buildShareApp(manifestFrom(text), { outdir, stateDir: path.join(project, 'state'), stacksPerBatch }).synth();
  return filesUnder(outdir);
}

describe('the optimized synth writes byte-identical output to the straightforward one', () => {
  const fleet = manifestYaml(fleetOf({ images: 4, targets: 11, regionSlots: 22 }));

  test.each([
    ['the example', fixtureText('shares.yaml'), undefined],
    ['the larger fixture', fixtureText('larger.yaml'), undefined],
    ['a generated fleet, 11 targets in batches of 3', fleet, 3],
    ['a generated fleet, one batch', fleet, 100],
  ])('%s', (_name, text, batch) => {
    const root = tempDir();
    const expected = straightforward(text, path.join(root, 'a', 'project'));
    const actual = optimized(text, path.join(root, 'b', 'project'), batch);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    expect(Object.keys(actual)).toContain('manifest.json');
    for (const file of Object.keys(expected)) {
      expect({ file, content: actual[file] }).toEqual({ file, content: expected[file] });
    }
  });

  test('ShareApp names its stacks without building them', () => {
    const app = buildShareApp(manifestFrom(fixtureText('shares.yaml')), { outdir: tempDir() });
    expect(app.stackNames).toEqual(['share-analytics-c', 'share-workload-b', 'share-organizations']);
    expect(app.node.children).toEqual([]);
  });
});

describe('withoutStackTraces', () => {
  test('formats traces to their first line inside, and restores the formatter after', () => {
    const inside = withoutStackTraces(() => new Error('inside').stack);
    expect(inside).toBe('Error: inside');
    expect(new Error('outside').stack?.split('\n').length).toBeGreaterThan(1);
  });

  test('an error thrown inside keeps its message and propagates', () => {
    expect(() =>
      withoutStackTraces(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
  });
});
