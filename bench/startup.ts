import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { nowMs } from './clock';

/** Time to `require` the app's modules, in load order, in milliseconds. */
export interface StartupTimes {
  /** `cdktf`. */
  readonly cdktfMs: number;
  /** Every `@cdktf/provider-aws/lib/...` module that lib/ and stacks/ import. */
  readonly providersMs: number;
  /** `lib/manifest/load` (with `yaml`, `ajv`, and tsx transpiling the TypeScript). */
  readonly manifestMs: number;
  /** `lib/share-app` (stacks and constructs). */
  readonly shareAppMs: number;
  /** Sum of the four. */
  readonly totalMs: number;
  /** The provider modules required. */
  readonly providerModules: readonly string[];
}

const PROVIDER_IMPORT = /from\s+'(@cdktf\/provider-aws\/lib\/[a-z0-9-]+)'/g;

/** The provider deep imports of the app's sources (lib/ and stacks/), sorted. */
export function providerDeepImports(projectDir: string): string[] {
  const found = new Set<string>();
  const scan = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        scan(full);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        for (const match of readFileSync(full, 'utf8').matchAll(PROVIDER_IMPORT)) {
          found.add(match[1]);
        }
      }
    }
  };
  ['lib', 'stacks'].forEach((dir) => scan(path.join(projectDir, dir)));
  return [...found].sort();
}

/**
 * Requires the app's modules in the order main.ts reaches them and times
 * each step. Meaningful only in a fresh process that has loaded none of them.
 */
export function requireAppModules(projectDir: string): StartupTimes {
  const providerModules = providerDeepImports(projectDir);
  const t0 = nowMs();
  require('cdktf');
  const t1 = nowMs();
  providerModules.forEach((name) => require(name));
  const t2 = nowMs();
  require(path.join(projectDir, 'lib', 'manifest', 'load'));
  const t3 = nowMs();
  require(path.join(projectDir, 'lib', 'share-app'));
  const t4 = nowMs();
  return {
    cdktfMs: t1 - t0,
    providersMs: t2 - t1,
    manifestMs: t3 - t2,
    shareAppMs: t4 - t3,
    totalMs: t4 - t0,
    providerModules,
  };
}
