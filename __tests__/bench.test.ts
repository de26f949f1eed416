import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { countOutput } from '../bench/count';
import { fleetOf, manifestYaml, REGION_POOL, SOURCE_ACCOUNT } from '../bench/generate-manifest';
import { identicalJsonTrees } from '../bench/json-tree';
import { NAIVE_STACK } from '../bench/modes/naive';
import { copiesOf, FleetShape, shapeForCopies } from '../bench/shape';
import { CaseResult, spawnCase } from '../bench/spawn-case';
import { stringifyLikeCdktf } from '../bench/stable-json';
import { providerDeepImports } from '../bench/startup';
import { parseManifest } from '../lib/manifest/load';

/**
 * The benchmark's generator and its three synth modes on a tiny fleet, each
 * mode in its own child process as `npm run bench` runs them. Structure only:
 * no timing is asserted.
 */
const TINY: FleetShape = { images: 2, targets: 3, regionSlots: 6 };

describe('generated manifests', () => {
  test('the tiny one is valid, and every image goes to every target in 1 to 3 regions', () => {
    const manifest = parseManifest(manifestYaml(fleetOf(TINY)), 'tiny.yaml');
    expect(manifest.source.accountId).toBe(SOURCE_ACCOUNT);
    expect(manifest.images.size).toBe(2);
    expect([...manifest.targets.values()].map((t) => t.regions.length)).toEqual([1, 2, 3]);
    for (const target of manifest.targets.values()) {
      expect(target.accountId).toMatch(/^[0-9]{12}$/);
      expect(target.accountId).not.toBe(SOURCE_ACCOUNT);
      target.regions.forEach(({ region }) => expect(REGION_POOL).toContain(region));
    }
    for (const image of manifest.images.values()) {
      expect(image.amiId).toMatch(/^ami-[0-9a-f]{17}$/);
    }
    expect(manifest.shares.map((s) => s.to)).toEqual([
      ['acct-0001', 'acct-0002', 'acct-0003'],
      ['acct-0001', 'acct-0002', 'acct-0003'],
    ]);
  });

  test.each([1000, 5000, 10000])('%i copies: the shape makes exactly that many, and the manifest is valid', (copies) => {
    const shape = shapeForCopies(copies);
    expect(copiesOf(shape)).toBe(copies);
    const manifest = parseManifest(manifestYaml(fleetOf(shape)), 'generated.yaml');
    const slots = [...manifest.targets.values()].reduce((sum, t) => sum + t.regions.length, 0);
    expect(manifest.images.size * slots).toBe(copies);
  });
});

describe('the three synth modes on a tiny fleet', () => {
  let dir: string;
  const out = (mode: string) => path.join(dir, mode);
  const runs: Partial<Record<'project' | 'naive' | 'floor', CaseResult>> = {};

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ami-share-bench-'));
    const manifestFile = path.join(dir, 'shares.yaml');
    fs.writeFileSync(manifestFile, manifestYaml(fleetOf(TINY)));
    const stateDir = path.join(dir, 'state');
    runs.project = spawnCase({ mode: 'project', manifestFile, outdir: out('project'), stateDir });
    runs.naive = spawnCase({ mode: 'naive', manifestFile, outdir: out('naive'), stateDir });
    runs.floor = spawnCase({ mode: 'floor', fromDir: out('project'), outdir: out('floor') });
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('each child reports its peak RSS', () => {
    expect(runs.project?.maxRssKb).toBeGreaterThan(0);
    expect(runs.naive?.maxRssKb).toBeGreaterThan(0);
    expect(runs.floor?.maxRssKb).toBeGreaterThan(0);
  });

  test('1, the project: one stack per target, one copy per image and region', () => {
    const counts = countOutput(out('project'));
    expect(counts.stacks).toEqual(['share-acct-0001', 'share-acct-0002', 'share-acct-0003']);
    expect(counts.copies).toBe(copiesOf(TINY));
  });

  test('2, the naive baseline: one stack with as many aws_ami_copy', () => {
    const counts = countOutput(out('naive'));
    expect(counts.stacks).toEqual([NAIVE_STACK]);
    expect(counts.copies).toBe(copiesOf(TINY));
    // per (image, target): launch + snapshot permission; per image: one data.aws_ami
    expect(counts.resources).toBe(copiesOf(TINY) + 2 * TINY.images * TINY.targets + TINY.images);
  });

  test('3, the floor: byte-identical to what mode 1 wrote', () => {
    expect(runs.floor?.phases.files).toBe(countOutput(out('project')).stacks.length + 1);
    expect(identicalJsonTrees(out('project'), out('floor'))).toBe(true);
  });
});

describe('helpers', () => {
  test('stringifyLikeCdktf writes empty containers as json-stable-stringify does', () => {
    expect(stringifyLikeCdktf({ a: {}, b: [], c: [{}, 'x{}'], d: { e: '[]' } })).toBe(
      '{\n  "a": {\n  },\n  "b": [\n  ],\n  "c": [\n    {\n    },\n    "x{}"\n  ],\n  "d": {\n    "e": "[]"\n  }\n}',
    );
  });

  test('start-up requires the provider deep imports the app uses', () => {
    const modules = providerDeepImports(path.join(__dirname, '..'));
    expect(modules).toContain('@cdktf/provider-aws/lib/ami-copy');
    expect(modules.every((m) => m.startsWith('@cdktf/provider-aws/lib/'))).toBe(true);
  });
});
