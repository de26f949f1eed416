import * as fs from 'fs';
import * as path from 'path';
import { App, Manifest as CdktfManifest, TerraformStack } from 'cdktf';
import stringify = require('json-stable-stringify');
import { OrganizationShareStack } from '../stacks/organization-share-stack';
import { TargetShareStack } from '../stacks/target-share-stack';
import { localStatePath } from './local-state';
import { withoutStackTraces } from './synth/without-stack-traces';
import { Manifest } from './manifest/types';
import { forgottenCopies, grantsForTarget, ORGANIZATIONS_STACK, organizationGrants, targetStackName } from './share-plan';

/** Options of {@link addShareStacks}. */
export interface ShareStacksOptions {
  /** Folder of the local state files. @default $AMI_SHARE_STATE_DIR, else "state" under the current folder */
  readonly stateDir?: string;
}

/** Options of {@link buildShareApp}. */
export interface ShareAppOptions extends ShareStacksOptions {
  /** Output folder. @default $CDKTF_OUTDIR (set by the cdktf CLI), else "cdktf.out" */
  readonly outdir?: string;
  /** How many stacks are built and written at a time; bounds memory. @default 8 */
  readonly stacksPerBatch?: number;
}

/** One stack the manifest calls for, and how to build it into an app. */
export interface ShareStackSpec {
  /** Stack name. */
  readonly name: string;
  /** Builds the stack into `app`. */
  build(app: App): TerraformStack;
}

/**
 * The app of a manifest: what `main.ts` synthesizes, and what the drift
 * check and the guarded deploy plan. It writes exactly what one cdktf App
 * holding every stack writes (a test compares them byte for byte), but
 * builds and writes its stacks a few at a time, each batch in an App of its
 * own that is dropped once written, with cheap stack traces (see
 * withoutStackTraces): time and memory stay flat per copy at fleet scale.
 */
export class ShareApp extends App {
  private readonly specs: readonly ShareStackSpec[];
  private readonly stacksPerBatch: number;

  constructor(manifest: Manifest, options: ShareAppOptions = {}) {
    super(options.outdir !== undefined ? { outdir: options.outdir } : {});
    this.specs = shareStackSpecs(manifest, options);
    this.stacksPerBatch = options.stacksPerBatch ?? 8;
  }

  /** Names of the stacks, in the order they are written. */
  public get stackNames(): string[] {
    return this.specs.map((spec) => spec.name);
  }

  /** Writes every stack and one manifest.json listing them all. */
  public synth(): void {
    withoutStackTraces(() => {
      const stacks: Record<string, unknown> = {};
      let version: unknown;
      for (let i = 0; i < this.specs.length; i += this.stacksPerBatch) {
        const batch = new App({ outdir: this.outdir, skipValidation: this.skipValidation });
        this.specs.slice(i, i + this.stacksPerBatch).forEach((spec) => spec.build(batch));
        batch.synth();
        const written = JSON.parse(fs.readFileSync(path.join(this.outdir, CdktfManifest.fileName), 'utf8'));
        version = written.version;
        Object.assign(stacks, written.stacks);
      }
      const merged = { version: version ?? this.manifest.version, stacks };
      // Serialized as cdktf serializes it, so the file is the same byte for byte.
      fs.writeFileSync(path.join(this.outdir, CdktfManifest.fileName), stringify(merged, { space: 2 }) ?? '');
    });
  }
}

/** The whole app of a manifest. */
export function buildShareApp(manifest: Manifest, options: ShareAppOptions = {}): ShareApp {
  return new ShareApp(manifest, options);
}

/**
 * Adds the stacks a manifest calls for to an app, all at once:
 * `share-<target>` for every target, in key order, and
 * `share-organizations` when a share names an organization, an OU or the
 * public. The straightforward path, which ShareApp must match.
 */
export function addShareStacks(app: App, manifest: Manifest, options: ShareStacksOptions = {}): TerraformStack[] {
  return shareStackSpecs(manifest, options).map((spec) => spec.build(app));
}

/** The stacks of a manifest, not yet built. */
export function shareStackSpecs(manifest: Manifest, options: ShareStacksOptions = {}): ShareStackSpec[] {
  const stateDir = path.resolve(options.stateDir ?? nonEmpty(process.env.AMI_SHARE_STATE_DIR) ?? 'state');
  const statePath = (app: App, stackName: string) => localStatePath({ outdir: app.outdir, stackName, stateDir });
  const specs: ShareStackSpec[] = [];
  for (const target of manifest.targets.values()) {
    const name = targetStackName(target.key);
    specs.push({
      name,
      build: (app) =>
        new TargetShareStack(app, name, {
          source: manifest.source,
          target,
          grants: grantsForTarget(manifest, target.key),
          forgotten: forgottenCopies(manifest, target.key),
          statePath: statePath(app, name),
          state: manifest.state,
        }),
    });
  }
  const organizations = organizationGrants(manifest);
  if (organizations.length > 0) {
    specs.push({
      name: ORGANIZATIONS_STACK,
      build: (app) =>
        new OrganizationShareStack(app, ORGANIZATIONS_STACK, {
          source: manifest.source,
          grants: organizations,
          statePath: statePath(app, ORGANIZATIONS_STACK),
          state: manifest.state,
        }),
    });
  }
  return specs;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
