import 'cdktf/lib/testing/adapters/jest'; // types of cdktf's matchers, installed by setup.js
import { AmiCopy } from '@cdktf/provider-aws/lib/ami-copy';
import { AmiLaunchPermission } from '@cdktf/provider-aws/lib/ami-launch-permission';
import { DataAwsAmi } from '@cdktf/provider-aws/lib/data-aws-ami';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnapshotCreateVolumePermission } from '@cdktf/provider-aws/lib/snapshot-create-volume-permission';
import { Testing } from 'cdktf';
import { grantsForTarget } from '../lib/share-plan';
import { TargetShareStack } from '../stacks/target-share-stack';
import { fixtureText, manifestFrom } from './support/synth';

const manifest = manifestFrom(fixtureText('larger.yaml'), 'larger.yaml');

/** Synthesizes the stack of one target of the larger fixture. */
function synthTarget(targetKey: string, statePath = '../../../state/x.tfstate') {
  const stack = new TargetShareStack(Testing.app({ stackTraces: false }), `share-${targetKey}`, {
    source: manifest.source,
    target: manifest.targets.get(targetKey)!,
    grants: grantsForTarget(manifest, targetKey),
    statePath,
  });
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) };
}

describe('TargetShareStack', () => {
  test('declares the source provider and one provider per target region, each locked to its account', () => {
    const { text, json } = synthTarget('analytics-c');
    expect(text).toHaveProviderWithProperties(AwsProvider, {
      alias: 'source',
      region: 'ap-northeast-1',
      profile: 'image-factory',
      allowed_account_ids: ['651700000002'],
    });
    const aliases = json.provider.aws.map((p: { alias: string }) => p.alias);
    expect(aliases).toEqual(['source', 'target-ap-northeast-1', 'target-eu-central-1', 'target-us-west-2']);
    for (const provider of json.provider.aws.slice(1)) {
      expect(provider.allowed_account_ids).toEqual(['230600000024']);
      expect(provider.region).toBe(provider.alias.replace('target-', ''));
    }
  });

  test('assumes the target role with its external id', () => {
    const { json } = synthTarget('workload-b');
    expect(json.provider.aws[1].assume_role).toEqual([
      {
        role_arn: 'arn:aws:iam::120500000013:role/ami-share-target',
        external_id: 'ami-share-ci',
        session_name: 'ami-share',
      },
    ]);
  });

  test('looks each granted image up in the source account, through the source provider', () => {
    const { text, json } = synthTarget('analytics-c');
    expect(text).toHaveDataSourceWithProperties(DataAwsAmi, {
      owners: ['651700000002'],
      filter: [{ name: 'image-id', values: ['ami-0abc1234def567890'] }],
      provider: 'aws.source',
    });
    expect(Object.keys(json.data.aws_ami).sort()).toEqual(['image_demo-base', 'image_web']);
  });

  test('grants launch permission and one snapshot permission per EBS snapshot, through the source provider', () => {
    const { text, json } = synthTarget('analytics-c');
    expect(text).toHaveResourceWithProperties(AmiLaunchPermission, {
      image_id: 'ami-0abc1234def567890',
      account_id: '230600000024',
      provider: 'aws.source',
    });
    const snapshots = json.resource.aws_snapshot_create_volume_permission['snapshots_demo-base'];
    expect(text).toHaveResourceWithProperties(SnapshotCreateVolumePermission, { account_id: '230600000024' });
    expect(snapshots).toMatchObject({ provider: 'aws.source', account_id: '230600000024', snapshot_id: '${each.value}' });
    // One instance per EBS device, keyed by device name, computed at plan time;
    // instance-store devices (no snapshot_id) are filtered out.
    expect(snapshots.for_each).toBe(
      '${{ for bdm in data.aws_ami.image_demo-base.block_device_mappings : bdm.device_name => bdm.ebs.snapshot_id if lookup(bdm.ebs, "snapshot_id", "") != "" }}',
    );
  });

  test('copies each image into each region through that region\'s provider, after the permissions', () => {
    const { json } = synthTarget('analytics-c');
    const copies = json.resource.aws_ami_copy;
    expect(Object.keys(copies).sort()).toEqual([
      'copy_demo-base_ap-northeast-1',
      'copy_demo-base_eu-central-1',
      'copy_demo-base_us-west-2',
    ]);
    expect(copies['copy_demo-base_us-west-2']).toMatchObject({
      provider: 'aws.target-us-west-2',
      source_ami_id: 'ami-0abc1234def567890',
      source_ami_region: 'ap-northeast-1',
      name: 'ami-share/demo-base/ami-0abc1234def567890',
      depends_on: [
        'aws_ami_launch_permission.launch_demo-base',
        'aws_snapshot_create_volume_permission.snapshots_demo-base',
        'aws_kms_grant.keys_demo-base',
      ],
    });
    expect(copies['copy_demo-base_us-west-2'].encrypted).toBeUndefined();
  });

  test('encrypts a copy with the region\'s kmsKeyArn', () => {
    const { text } = synthTarget('analytics-c');
    expect(text).toHaveResourceWithProperties(AmiCopy, {
      provider: 'aws.target-eu-central-1',
      encrypted: true,
      kms_key_id: 'arn:aws:kms:eu-central-1:230600000024:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
  });

  test('tags copies with provenance merged with the share\'s tags', () => {
    const { json } = synthTarget('workload-b');
    expect(json.resource.aws_ami_copy['copy_demo-base_ap-northeast-1'].tags).toEqual({
      team: 'platform',
      'cost-center': '1234',
      'ami-share:source-account': '651700000002',
      'ami-share:source-ami': 'ami-0abc1234def567890',
      'ami-share:image': 'demo-base',
    });
  });

  test('copy: false grants the permissions and makes no copy', () => {
    const { json } = synthTarget('analytics-c');
    expect(json.resource.aws_ami_launch_permission).toHaveProperty('launch_web');
    expect(json.resource.aws_snapshot_create_volume_permission).toHaveProperty('snapshots_web');
    expect(Object.keys(json.resource.aws_ami_copy).filter((id) => id.includes('web'))).toEqual([]);
    expect(Object.keys(json.output).filter((id) => id.includes('web'))).toEqual([]);
  });

  test('access: revoked drops the permissions and keeps the copy, with an unchanged address and body', () => {
    const { json } = synthTarget('workload-b');
    expect(json.resource.aws_ami_launch_permission).not.toHaveProperty('launch_legacy');
    expect(json.resource.aws_snapshot_create_volume_permission).not.toHaveProperty('snapshots_legacy');
    expect(json.data.aws_ami).not.toHaveProperty('image_legacy');
    const revoked = json.resource.aws_ami_copy['copy_legacy_ap-northeast-1'];
    expect(revoked).toBeDefined();
    expect(revoked.depends_on).toBeUndefined();

    // The same share granted: the copy differs only by depends_on, which never replaces a resource.
    const granted = manifestFrom(fixtureText('larger.yaml').replace('    access: revoked\n  - image: batch', '  - image: batch'));
    const stack = new TargetShareStack(Testing.app({ stackTraces: false }), 'share-workload-b', {
      source: granted.source,
      target: granted.targets.get('workload-b')!,
      grants: grantsForTarget(granted, 'workload-b'),
      statePath: 'x',
    });
    const before = JSON.parse(Testing.synth(stack)).resource.aws_ami_copy['copy_legacy_ap-northeast-1'];
    const { depends_on: dependsOn, ...rest } = before;
    expect(dependsOn).toEqual([
      'aws_ami_launch_permission.launch_legacy',
      'aws_snapshot_create_volume_permission.snapshots_legacy',
      'aws_kms_grant.keys_legacy',
    ]);
    expect(rest).toEqual(revoked);
  });

  test('outputs every copy\'s AMI id under a stable name', () => {
    const { json } = synthTarget('analytics-c');
    expect(json.output).toEqual({
      'copy_demo-base_ap-northeast-1_ami_id': {
        description: 'AMI id of the copy of image demo-base in ap-northeast-1',
        value: '${aws_ami_copy.copy_demo-base_ap-northeast-1.id}',
      },
      'copy_demo-base_eu-central-1_ami_id': {
        description: 'AMI id of the copy of image demo-base in eu-central-1',
        value: '${aws_ami_copy.copy_demo-base_eu-central-1.id}',
      },
      'copy_demo-base_us-west-2_ami_id': {
        description: 'AMI id of the copy of image demo-base in us-west-2',
        value: '${aws_ami_copy.copy_demo-base_us-west-2.id}',
      },
    });
  });

  test('keeps state in a local backend at the given relative path', () => {
    const { json } = synthTarget('sandbox-d', '../../../state/share-sandbox-d.tfstate');
    expect(json.terraform.backend).toEqual({ local: { path: '../../../state/share-sandbox-d.tfstate' } });
    expect(json.terraform.required_providers.aws.version).toBe('5.100.0');
  });

  test('a target with no share still declares its providers, so revoking the last share can be applied', () => {
    const bare = manifestFrom(fixtureText('larger.yaml').replace('to: [workload-b, analytics-c, sandbox-d]', 'to: [workload-b, analytics-c]').replace('    to: [sandbox-d]\n', ''));
    const stack = new TargetShareStack(Testing.app(), 'share-sandbox-d', {
      source: bare.source,
      target: bare.targets.get('sandbox-d')!,
      grants: grantsForTarget(bare, 'sandbox-d'),
      statePath: 'x',
    });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.resource).toBeUndefined();
    expect(json.provider.aws.map((p: { alias: string }) => p.alias)).toEqual(['source', 'target-ap-northeast-1']);
  });
});
