import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { jsonFilesUnder } from './json-tree';

/** What a synthesized output folder holds. */
export interface OutputCounts {
  /** Stack names, sorted. */
  readonly stacks: readonly string[];
  /** `resource` plus `data` blocks over all stacks (a `for_each` block counts once). */
  readonly resources: number;
  /** `aws_ami_copy` blocks over all stacks. */
  readonly copies: number;
  /** Bytes of every `.json` file written. */
  readonly bytes: number;
}

type Blocks = Record<string, Record<string, unknown> | undefined>;

/** Counts the blocks of every `stacks/<stack>/cdk.tf.json` under `outdir`. */
export function countOutput(outdir: string): OutputCounts {
  const stacksDir = path.join(outdir, 'stacks');
  const stacks = existsSync(stacksDir) ? readdirSync(stacksDir).sort() : [];
  let resources = 0;
  let copies = 0;
  for (const stack of stacks) {
    const json = JSON.parse(readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8')) as {
      resource?: Blocks;
      data?: Blocks;
    };
    resources += blockCount(json.resource) + blockCount(json.data);
    copies += Object.keys(json.resource?.aws_ami_copy ?? {}).length;
  }
  const bytes = jsonFilesUnder(outdir).reduce((sum, rel) => sum + statSync(path.join(outdir, rel)).size, 0);
  return { stacks, resources, copies, bytes };
}

function blockCount(blocks: Blocks | undefined): number {
  return Object.values(blocks ?? {}).reduce((sum, named) => sum + Object.keys(named ?? {}).length, 0);
}
