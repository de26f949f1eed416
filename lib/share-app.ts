import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { OrganizationShareStack } from '../stacks/organization-share-stack';
import { TargetShareStack } from '../stacks/target-share-stack';
import { localStatePath } from './local-state';
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
}

/** The whole app of a manifest: what `main.ts` synthesizes, and what the drift check plans. */
export function buildShareApp(manifest: Manifest, options: ShareAppOptions = {}): App {
  const app = new App(options.outdir !== undefined ? { outdir: options.outdir } : {});
  addShareStacks(app, manifest, options);
  return app;
}

/**
 * Adds the stacks a manifest calls for to an app: `share-<target>` for every
 * target, in key order, and `share-organizations` when a share names an
 * organization or OU.
 */
export function addShareStacks(app: App, manifest: Manifest, options: ShareStacksOptions = {}): TerraformStack[] {
  const stateDir = path.resolve(options.stateDir ?? nonEmpty(process.env.AMI_SHARE_STATE_DIR) ?? 'state');
  const statePath = (stackName: string) => localStatePath({ outdir: app.outdir, stackName, stateDir });
  const stacks: TerraformStack[] = [];
  for (const target of manifest.targets.values()) {
    const name = targetStackName(target.key);
    stacks.push(
      new TargetShareStack(app, name, {
        source: manifest.source,
        target,
        grants: grantsForTarget(manifest, target.key),
        forgotten: forgottenCopies(manifest, target.key),
        statePath: statePath(name),
        state: manifest.state,
      }),
    );
  }
  const organizations = organizationGrants(manifest);
  if (organizations.length > 0) {
    stacks.push(
      new OrganizationShareStack(app, ORGANIZATIONS_STACK, {
        source: manifest.source,
        grants: organizations,
        statePath: statePath(ORGANIZATIONS_STACK),
        state: manifest.state,
      }),
    );
  }
  return stacks;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
