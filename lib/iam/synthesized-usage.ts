import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { Manifest } from '../manifest/types';
import { addShareStacks } from '../share-app';

/** The account a provider alias acts in: the source, or a target in one region. */
export type ProviderSide = { readonly side: 'source' } | { readonly side: 'target'; readonly region: string };

/** One resource or data source of a synthesized stack, with the side its provider acts on. */
export interface TypeUse {
  /** Stack name, e.g. `share-workload-b`. */
  readonly stack: string;
  /** Terraform type: `aws_ami_copy`, or `data.aws_ami` for a data source. */
  readonly type: string;
  /** Name in the stack, e.g. `copy_demo-base_us-west-2`. */
  readonly name: string;
  /** Provider alias without `aws.`, e.g. `source` or `target-us-west-2`. */
  readonly alias: string;
  /** Where the provider acts. */
  readonly where: ProviderSide;
  /** The block's arguments as synthesized. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** A synthesized stack: its name and parsed `cdk.tf.json`. */
export interface SynthesizedStack {
  readonly name: string;
  readonly json: Readonly<Record<string, unknown>>;
}

/**
 * Synthesizes every stack of a manifest in-process, into a temporary folder
 * that is removed afterwards, and returns each stack's `cdk.tf.json`, sorted
 * by stack name. Nothing is written to the project folder.
 */
export function synthesizeStacks(manifest: Manifest): SynthesizedStack[] {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ami-share-iam-'));
  try {
    const outdir = path.join(workDir, 'cdktf.out');
    const app = new App({ outdir, stackTraces: false });
    addShareStacks(app, manifest, { stateDir: path.join(workDir, 'state') });
    app.synth();
    const stacksDir = path.join(outdir, 'stacks');
    return fs
      .readdirSync(stacksDir)
      .sort()
      .map((name) => ({
        name,
        json: JSON.parse(fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8')) as Record<string, unknown>,
      }));
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** Where a provider alias acts: `source`, or `target-<region>`. Throws for any other alias. */
export function sideOfAlias(alias: string, context: string): ProviderSide {
  if (alias === 'source') {
    return { side: 'source' };
  }
  const target = /^target-([a-z0-9-]+)$/.exec(alias);
  if (target) {
    return { side: 'target', region: target[1] };
  }
  throw new Error(`${context}: provider alias "${alias}"; expected "source" or "target-<region>"`);
}

/**
 * Every resource and data source block of the stacks, with the side its
 * provider acts on (from its `provider`, `aws.source` or `aws.target-<region>`).
 * A block without an aliased `aws` provider is an error: ami-share declares none.
 */
export function typeUses(stacks: readonly SynthesizedStack[]): TypeUse[] {
  const uses: TypeUse[] = [];
  for (const stack of stacks) {
    for (const [blockKind, prefix] of [
      ['resource', ''],
      ['data', 'data.'],
    ] as const) {
      const byType = (stack.json[blockKind] ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
      for (const type of Object.keys(byType).sort()) {
        for (const name of Object.keys(byType[type]).sort()) {
          const config = byType[type][name];
          const context = `stack ${stack.name}: ${prefix}${type}.${name}`;
          const provider = config.provider;
          if (typeof provider !== 'string' || !provider.startsWith('aws.')) {
            throw new Error(`${context}: provider ${JSON.stringify(provider)}; expected "aws.source" or "aws.target-<region>"`);
          }
          const alias = provider.slice('aws.'.length);
          uses.push({ stack: stack.name, type: `${prefix}${type}`, name, alias, where: sideOfAlias(alias, context), config });
        }
      }
    }
  }
  return uses;
}

/** Aliases of the `aws` providers each stack declares, by stack name. */
export function providerAliases(stacks: readonly SynthesizedStack[]): Record<string, string[]> {
  const aliases: Record<string, string[]> = {};
  for (const stack of stacks) {
    const providers = ((stack.json.provider ?? {}) as Record<string, { alias?: string }[]>).aws ?? [];
    aliases[stack.name] = providers.map((p) => p.alias ?? '(default)').sort();
  }
  return aliases;
}
