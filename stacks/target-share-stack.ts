import { Construct } from 'constructs';
import { ShareStack } from './share-stack';
import { AccountPermissions } from '../lib/constructs/account-permissions';
import { newAccountProvider } from '../lib/constructs/account-provider';
import { addStateBackend } from '../lib/constructs/state-backend';
import { ForgottenCopy } from '../lib/constructs/forgotten-copy';
import { RegionCopy } from '../lib/constructs/region-copy';
import { SourceImage } from '../lib/constructs/source-image';
import { SourceAccount, Target, StateConfig } from '../lib/manifest/types';
import { ForgottenCopyAddress, TargetGrant } from '../lib/share-plan';

/** Props of {@link TargetShareStack}. */
export interface TargetShareStackProps {
  /** The account that owns the images. */
  readonly source: SourceAccount;
  /** The account that receives them. */
  readonly target: Target;
  /** What the target receives, one entry per image. */
  readonly grants: readonly TargetGrant[];
  /** Copies no longer configured, to forget rather than destroy. @default [] */
  readonly forgotten?: readonly ForgottenCopyAddress[];
  /** Path of the local state file, relative to the stack's working folder (local backend). */
  readonly statePath: string;
  /** Where state lives. @default local, at statePath */
  readonly state?: StateConfig;
}

/** Alias of the provider that acts in the target account in `region`. */
export function targetProviderAlias(region: string): string {
  return `target-${region}`;
}

/**
 * Everything one target account gets, in one Terraform state: in the source
 * account, launch permission on each shared AMI and createVolumePermission on
 * its EBS snapshots (provider alias `source`); in the target account, a copy
 * of each AMI in each of the target's regions (alias `target-<region>`),
 * which waits for those permissions.
 *
 * Every provider is declared even when no resource uses it yet, so that
 * revoking the last share still finds the provider it needs to undo it; so
 * is the provider of every region where a copy is forgotten (a `removed`
 * block still needs the provider the copy was made with).
 */
export class TargetShareStack extends ShareStack {
  constructor(scope: Construct, id: string, props: TargetShareStackProps) {
    super(scope, id);
    addStateBackend(this, { state: props.state ?? { backend: 'local' }, stackName: id, localPath: props.statePath });

    const { source, target } = props;
    const sourceProvider = newAccountProvider(this, {
      alias: 'source',
      accountId: source.accountId,
      region: source.region,
      credentials: source,
    });
    const forgotten = props.forgotten ?? [];
    const regions = [...new Set([...target.regions.map((r) => r.region), ...forgotten.map((f) => f.region)])].sort();
    const targetProviders = new Map(
      regions.map((region) => [
        region,
        newAccountProvider(this, {
          alias: targetProviderAlias(region),
          accountId: target.accountId,
          region,
          credentials: target,
        }),
      ]),
    );

    for (const grant of props.grants) {
      const imageKey = grant.image.key;
      let permissions: AccountPermissions | undefined;
      if (grant.access === 'granted') {
        const image = new SourceImage(this, `image-${imageKey}`, {
          imageKey,
          amiId: grant.image.amiId,
          ownerAccountId: source.accountId,
          region: source.region,
          provider: sourceProvider,
        });
        permissions = new AccountPermissions(this, `permissions-${imageKey}`, {
          imageKey,
          image,
          amiId: grant.image.amiId,
          accountId: target.accountId,
          region: source.region,
          provider: sourceProvider,
          adopt: grant.adopt,
        });
      }
      if (!grant.copy) {
        continue;
      }
      for (const { region, kmsKeyArn } of target.regions) {
        new RegionCopy(this, `copy-${imageKey}-${region}`, {
          imageKey,
          sourceAmiId: grant.image.amiId,
          sourceAccountId: source.accountId,
          sourceRegion: source.region,
          region,
          provider: targetProviders.get(region)!,
          kmsKeyArn,
          tags: grant.tags,
          dependsOn: permissions?.all ?? [],
          protect: grant.protect,
        });
      }
    }
    for (const { imageKey, region } of forgotten) {
      new ForgottenCopy(this, `forget-${imageKey}-${region}`, { imageKey, region });
    }
  }
}
