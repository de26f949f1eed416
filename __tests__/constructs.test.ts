import { Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AccountPermissions } from '../lib/constructs/account-permissions';
import { copyName, RegionCopy } from '../lib/constructs/region-copy';
import { SourceImage } from '../lib/constructs/source-image';
import { localStatePath } from '../lib/local-state';

describe('copyName', () => {
  test('is a valid AMI name (3 to 128 of the allowed characters) for the longest keys', () => {
    const name = copyName('k'.repeat(40), 'ami-0123456789abcdef0');
    expect(name.length).toBeLessThanOrEqual(128);
    expect(name).toMatch(/^[A-Za-z0-9()[\]./\-'@_ ]{3,128}$/);
    expect(copyName('a', 'ami-12345678')).toBe('ami-share/a/ami-12345678');
  });

  test('differs when the source AMI changes (a new AMI is a new copy, never an overwrite)', () => {
    expect(copyName('web', 'ami-11112222')).not.toBe(copyName('web', 'ami-33334444'));
  });
});

describe('constructs, with explicit providers', () => {
  test('SourceImage, AccountPermissions and RegionCopy use the providers they are given', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const source = new AwsProvider(scope, 'src', { alias: 'src', region: 'eu-west-1' });
        const target = new AwsProvider(scope, 'dst', { alias: 'dst', region: 'eu-west-2' });
        const image = new SourceImage(scope, 'image', { imageKey: 'base', amiId: 'ami-12345678', ownerAccountId: '111111111111', region: 'eu-west-1', provider: source });
        const permissions = new AccountPermissions(scope, 'permissions', {
          imageKey: 'base',
          image,
          amiId: 'ami-12345678',
          accountId: '222222222222',
          region: 'eu-west-1',
          provider: source,
        });
        new RegionCopy(scope, 'copy', {
          imageKey: 'base',
          sourceAmiId: 'ami-12345678',
          sourceAccountId: '111111111111',
          sourceRegion: 'eu-west-1',
          region: 'eu-west-2',
          provider: target,
          dependsOn: [permissions.launch, permissions.snapshots],
        });
      }),
    );
    expect(json.data.aws_ami.image_base.provider).toBe('aws.src');
    expect(json.resource.aws_ami_launch_permission.launch_base.provider).toBe('aws.src');
    expect(json.resource.aws_snapshot_create_volume_permission.snapshots_base.for_each).toContain('data.aws_ami.image_base.block_device_mappings');
    expect(json.resource.aws_ami_copy['copy_base_eu-west-2']).toMatchObject({ provider: 'aws.dst', source_ami_region: 'eu-west-1' });
  });
});

describe('localStatePath', () => {
  test('is relative to the stack working folder and leads to <stateDir>/<stack>.tfstate', () => {
    expect(localStatePath({ outdir: '/p/cdktf.out', stackName: 'share-b', stateDir: '/p/state' })).toBe('../../../state/share-b.tfstate');
  });

  test('follows another --output folder', () => {
    expect(localStatePath({ outdir: '/p/build/out', stackName: 'share-b', stateDir: '/p/state' })).toBe('../../../../state/share-b.tfstate');
    expect(localStatePath({ outdir: 'cdktf.out', stackName: 's', stateDir: 'state' })).toBe('../../../state/s.tfstate');
  });
});
