import { AmiCopy } from '@cdktf/provider-aws/lib/ami-copy';
import { AmiLaunchPermission } from '@cdktf/provider-aws/lib/ami-launch-permission';
import { DataAwsAmi } from '@cdktf/provider-aws/lib/data-aws-ami';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnapshotCreateVolumePermission } from '@cdktf/provider-aws/lib/snapshot-create-volume-permission';
import { Fn, TerraformIterator, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Manifest } from '../../lib/manifest/types';

/**
 * The naive design that /work/shared/notes/toolchain.md measured, kept as a
 * baseline: ONE stack for the whole fleet, with cdktf's default construct
 * ids, and for every (image, target) pair an `aws_ami_launch_permission`, an
 * `aws_snapshot_create_volume_permission` with `for_each` over the block
 * device mappings of a `data.aws_ami` (one lookup per image), and an
 * `aws_ami_copy` per region of the target, waiting for both permissions.
 * Providers: `source`, and one per (target, region).
 */
export class NaiveShareStack extends TerraformStack {
  constructor(scope: Construct, id: string, manifest: Manifest) {
    super(scope, id);
    const { source } = manifest;
    const sourceProvider = new AwsProvider(this, 'source', {
      alias: 'source',
      region: source.region,
      allowedAccountIds: [source.accountId],
    });
    const targetProviders = new Map<string, AwsProvider>();
    for (const target of manifest.targets.values()) {
      for (const { region } of target.regions) {
        const alias = `${target.key}-${region}`;
        targetProviders.set(
          alias,
          new AwsProvider(this, alias, { alias, region, allowedAccountIds: [target.accountId] }),
        );
      }
    }

    for (const image of manifest.images.values()) {
      const ami = new DataAwsAmi(this, `image-${image.key}`, {
        provider: sourceProvider,
        owners: [source.accountId],
        filter: [{ name: 'image-id', values: [image.amiId] }],
      });
      for (const target of manifest.targets.values()) {
        const pair = `${image.key}-${target.key}`;
        const launch = new AmiLaunchPermission(this, `launch-${pair}`, {
          provider: sourceProvider,
          imageId: ami.id,
          accountId: target.accountId,
        });
        const devices = TerraformIterator.fromComplexList(ami.blockDeviceMappings, 'device_name');
        const snapshots = new SnapshotCreateVolumePermission(this, `snapshots-${pair}`, {
          provider: sourceProvider,
          forEach: devices,
          snapshotId: Token.asString(Fn.lookup(devices.getAnyMap('ebs'), 'snapshot_id', '')),
          accountId: target.accountId,
        });
        for (const { region } of target.regions) {
          new AmiCopy(this, `copy-${pair}-${region}`, {
            provider: targetProviders.get(`${target.key}-${region}`),
            name: `${image.key}-${image.amiId}`,
            sourceAmiId: ami.id,
            sourceAmiRegion: source.region,
            tags: { image: image.key, 'source-ami': image.amiId },
            dependsOn: [launch, snapshots],
          });
        }
      }
    }
  }
}
