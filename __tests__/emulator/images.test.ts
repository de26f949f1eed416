import {
  DescribeImageAttributeCommand, DescribeImagesCommand, ModifyImageAttributeCommand, ResetImageAttributeCommand,
  CreateTagsCommand, DeleteTagsCommand, DescribeTagsCommand,
} from '@aws-sdk/client-ec2';
import { startEmulator, type RunningEmulator, type Seed } from '../../emulator';
import {
  AWS_EBS_AMI, awsError, clientsFor, CMK_AMI, GOLDEN_AMI, GOLDEN_SNAPSHOT, ORG_ARN, OU_ARN, REGION, SEED_PATH, SOURCE,
  TARGET_B, TARGET_C,
} from './support';

describe('emulator EC2 images', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ seed: SEED_PATH });
  });
  afterEach(async () => {
    await emulator.close();
  });
  const ec2Of = (who: string, region = REGION) => clientsFor(emulator, who, region).ec2;
  const share = (perm: Record<string, string>, op: 'Add' | 'Remove' = 'Add') => ec2Of('image-factory').send(
    new ModifyImageAttributeCommand({ ImageId: GOLDEN_AMI, Attribute: 'launchPermission', LaunchPermission: { [op]: [perm] } }),
  );
  const visibleTo = async (who: string): Promise<string[]> => {
    const out = await ec2Of(who).send(new DescribeImagesCommand({}));
    return (out.Images ?? []).map((i) => i.ImageId ?? '');
  };

  it('describes the owner\'s image with the shapes of the API reference', async () => {
    const out = await ec2Of('image-factory').send(new DescribeImagesCommand({ ImageIds: [GOLDEN_AMI] }));
    expect(out.Images).toHaveLength(1);
    const image = out.Images?.[0];
    expect(image).toMatchObject({
      ImageId: GOLDEN_AMI, Name: 'demo-share-ami', OwnerId: SOURCE, State: 'available', Public: false,
      RootDeviceName: '/dev/xvda', RootDeviceType: 'ebs', Architecture: 'x86_64', ImageLocation: `${SOURCE}/demo-share-ami`,
      CreationDate: '2025-01-15T09:30:00.000Z',
    });
    expect(image?.BlockDeviceMappings).toEqual([
      { DeviceName: '/dev/xvda', Ebs: { SnapshotId: GOLDEN_SNAPSHOT, VolumeSize: 8, VolumeType: 'gp3', DeleteOnTermination: true, Encrypted: false } },
      { DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' },
    ]);
    expect(image?.Tags).toEqual(expect.arrayContaining([{ Key: 'Name', Value: 'demo-share-ami' }]));
  });

  it('filters by Owners, ExecutableUsers and Filters', async () => {
    const ec2 = ec2Of('image-factory');
    const self = await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }));
    expect(self.Images?.map((i) => i.ImageId).sort()).toEqual([AWS_EBS_AMI, GOLDEN_AMI, CMK_AMI].sort());
    const byName = await ec2.send(new DescribeImagesCommand({ Owners: [SOURCE], Filters: [{ Name: 'name', Values: ['demo-share-ami-*'] }] }));
    expect(byName.Images?.map((i) => i.Name).sort()).toEqual(['demo-share-ami-aws-ebs', 'demo-share-ami-cmk']);
    const combined = await ec2.send(new DescribeImagesCommand({
      Filters: [{ Name: 'image-id', Values: [GOLDEN_AMI, CMK_AMI] }, { Name: 'state', Values: ['available'] },
        { Name: 'owner-id', Values: [SOURCE] }, { Name: 'is-public', Values: ['false'] }, { Name: 'tag:Name', Values: ['demo-share-ami'] }],
    }));
    expect(combined.Images?.map((i) => i.ImageId)).toEqual([GOLDEN_AMI]);
    const none = await ec2.send(new DescribeImagesCommand({ Owners: [TARGET_B] }));
    expect(none.Images).toEqual([]);
    const publicOnes = await ec2.send(new DescribeImagesCommand({ ExecutableUsers: ['all'] }));
    expect(publicOnes.Images).toEqual([]);
    // 'self' means AMIs shared with the caller (explicit launch permissions), not the caller's own AMIs.
    const sharedWithSelf = await ec2.send(new DescribeImagesCommand({ ExecutableUsers: ['self'] }));
    expect(sharedWithSelf.Images).toEqual([]);
  });

  it('refuses unknown filters, malformed ids and unknown ids with the AWS codes', async () => {
    const ec2 = ec2Of('image-factory');
    const filter = await awsError(ec2.send(new DescribeImagesCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })));
    expect(filter.name).toBe('InvalidParameterValue');
    expect(filter.message).toContain("'colour'");
    expect((await awsError(ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-xyz'] })))).name).toBe('InvalidAMIID.Malformed');
    const missing = await awsError(ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdef0'] })));
    expect(missing.name).toBe('InvalidAMIID.NotFound');
    expect(missing.message).toBe("The image id '[ami-0123456789abcdef0]' does not exist");
    expect((await awsError(ec2.send(new DescribeImagesCommand({ Owners: ['nobody'] })))).name).toBe('InvalidUserID.Malformed');
  });

  it('keeps images per region', async () => {
    const err = await awsError(ec2Of('image-factory', 'us-east-1').send(new DescribeImagesCommand({ ImageIds: [GOLDEN_AMI] })));
    expect(err.name).toBe('InvalidAMIID.NotFound');
  });

  it('shows an image to an account only once it has a launch permission, and hides it again on revoke', async () => {
    expect(await visibleTo('workload-b')).toEqual([]);
    expect((await awsError(ec2Of('workload-b').send(new DescribeImagesCommand({ ImageIds: [GOLDEN_AMI] })))).name).toBe('InvalidAMIID.NotFound');
    await share({ UserId: TARGET_B });
    expect(await visibleTo('workload-b')).toEqual([GOLDEN_AMI]);
    expect(await visibleTo('analytics-c')).toEqual([]);
    const shared = await ec2Of('workload-b').send(new DescribeImagesCommand({ ExecutableUsers: ['self'] }));
    expect(shared.Images?.map((i) => i.ImageId)).toEqual([GOLDEN_AMI]);
    const attr = await ec2Of('image-factory').send(new DescribeImageAttributeCommand({ ImageId: GOLDEN_AMI, Attribute: 'launchPermission' }));
    expect(attr.LaunchPermissions).toEqual([{ UserId: TARGET_B }]);
    await share({ UserId: TARGET_B }, 'Remove');
    expect(await visibleTo('workload-b')).toEqual([]);
  });

  it('shares through an organization or an OU using the seed\'s membership', async () => {
    await share({ OrganizationalUnitArn: OU_ARN });
    expect(await visibleTo('workload-b')).toEqual([GOLDEN_AMI]);
    expect(await visibleTo('analytics-c')).toEqual([GOLDEN_AMI]);
    // ExecutableUsers with another account id only counts shares with that account itself.
    const byOther = await ec2Of('image-factory').send(new DescribeImagesCommand({ ExecutableUsers: [TARGET_B] }));
    expect(byOther.Images).toEqual([]);
    await share({ OrganizationalUnitArn: OU_ARN }, 'Remove');
    expect(await visibleTo('analytics-c')).toEqual([]);
    await share({ OrganizationArn: ORG_ARN });
    expect(await visibleTo('analytics-c')).toEqual([GOLDEN_AMI]);
    await ec2Of('image-factory').send(new ResetImageAttributeCommand({ ImageId: GOLDEN_AMI, Attribute: 'launchPermission' }));
    expect(await visibleTo('analytics-c')).toEqual([]);
  });

  it('makes an image public with group all', async () => {
    await share({ Group: 'all' });
    const out = await ec2Of('analytics-c').send(new DescribeImagesCommand({ ExecutableUsers: ['all'] }));
    expect(out.Images?.map((i) => [i.ImageId, i.Public])).toEqual([[GOLDEN_AMI, true]]);
  });

  it('lets only the owner read or change launch permissions', async () => {
    await share({ UserId: TARGET_B });
    const read = await awsError(ec2Of('workload-b').send(new DescribeImageAttributeCommand({ ImageId: GOLDEN_AMI, Attribute: 'launchPermission' })));
    expect(read.name).toBe('AuthFailure');
    const write = await awsError(ec2Of('workload-b').send(new ModifyImageAttributeCommand({ ImageId: GOLDEN_AMI, LaunchPermission: { Add: [{ UserId: TARGET_C }] } })));
    expect(write.name).toBe('AuthFailure');
    const unseen = await awsError(ec2Of('analytics-c').send(new ModifyImageAttributeCommand({ ImageId: GOLDEN_AMI, LaunchPermission: { Add: [{ UserId: TARGET_C }] } })));
    expect(unseen.name).toBe('InvalidAMIID.NotFound');
    const description = await ec2Of('workload-b').send(new DescribeImageAttributeCommand({ ImageId: GOLDEN_AMI, Attribute: 'description' }));
    expect(description.Description?.Value).toBe('Golden AMI shared by the ami-share example');
  });

  it('honours DryRun without changing anything', async () => {
    const ec2 = ec2Of('image-factory');
    const dry = await awsError(ec2.send(new ModifyImageAttributeCommand({ ImageId: GOLDEN_AMI, LaunchPermission: { Add: [{ UserId: TARGET_B }] }, DryRun: true })));
    expect(dry.name).toBe('DryRunOperation');
    expect(await visibleTo('workload-b')).toEqual([]);
    const invalid = await awsError(ec2.send(new ModifyImageAttributeCommand({ ImageId: GOLDEN_AMI, LaunchPermission: { Add: [{ UserId: 'bad' }] }, DryRun: true })));
    expect(invalid.name).toBe('InvalidAMIAttributeItemValue');
  });

  it('validates launch permission values and attribute names', async () => {
    const ec2 = ec2Of('image-factory');
    expect((await awsError(share({ UserId: '12345' }))).name).toBe('InvalidAMIAttributeItemValue');
    expect((await awsError(share({ Group: 'everyone' }))).name).toBe('InvalidAMIAttributeItemValue');
    expect((await awsError(ec2.send(new DescribeImageAttributeCommand({ ImageId: GOLDEN_AMI, Attribute: 'colour' as 'description' })))).name).toBe('InvalidParameterValue');
    expect((await awsError(ec2.send(new ResetImageAttributeCommand({ ImageId: GOLDEN_AMI, Attribute: 'description' as 'launchPermission' })))).name).toBe('InvalidParameterValue');
    expect((await awsError(ec2.send(new ModifyImageAttributeCommand({ ImageId: 'ami-nothex', LaunchPermission: { Add: [{ UserId: TARGET_B }] } })))).name).toBe('InvalidAMIID.Malformed');
  });

  it('refuses to share an AMI whose snapshots use the AWS managed key', async () => {
    const err = await awsError(ec2Of('image-factory').send(new ModifyImageAttributeCommand({ ImageId: AWS_EBS_AMI, LaunchPermission: { Add: [{ UserId: TARGET_B }] } })));
    expect(err.name).toBe('InvalidParameter');
    expect(err.message).toBe("Snapshots encrypted with the AWS Managed CMK can't be shared. Specify another snapshot.");
  });

  it('changes the description and tags of own images', async () => {
    const ec2 = ec2Of('image-factory');
    await ec2.send(new ModifyImageAttributeCommand({ ImageId: GOLDEN_AMI, Description: { Value: 'new <text> & more' } }));
    const attr = await ec2.send(new DescribeImageAttributeCommand({ ImageId: GOLDEN_AMI, Attribute: 'description' }));
    expect(attr.Description?.Value).toBe('new <text> & more');
    await ec2.send(new CreateTagsCommand({ Resources: [GOLDEN_AMI, GOLDEN_SNAPSHOT], Tags: [{ Key: 'Stage', Value: 'prod' }] }));
    const tags = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['Stage'] }] }));
    expect(tags.Tags?.map((t) => [t.ResourceId, t.ResourceType, t.Value]).sort()).toEqual([[GOLDEN_AMI, 'image', 'prod'], [GOLDEN_SNAPSHOT, 'snapshot', 'prod']]);
    await ec2.send(new DeleteTagsCommand({ Resources: [GOLDEN_AMI], Tags: [{ Key: 'Stage' }] }));
    const after = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [GOLDEN_AMI] }] }));
    expect(after.Tags?.map((t) => t.Key).sort()).toEqual(['Name', 'Team']);
    const reserved = await awsError(ec2.send(new CreateTagsCommand({ Resources: [GOLDEN_AMI], Tags: [{ Key: 'aws:x', Value: 'y' }] })));
    expect(reserved.name).toBe('InvalidParameterValue');
    const foreign = await awsError(ec2Of('workload-b').send(new CreateTagsCommand({ Resources: [GOLDEN_AMI], Tags: [{ Key: 'k', Value: 'v' }] })));
    expect(foreign.name).toBe('InvalidAMIID.NotFound');
  });

  it('hides deprecated images of other owners unless IncludeDeprecated or the id is asked', async () => {
    const seed: Seed = {
      accounts: [{ id: SOURCE, name: 'src', users: [{ name: 'u', accessKeyId: 'AKIAEMULATORSRC00001', secretAccessKey: 'secret-secret' }] },
        { id: TARGET_B, name: 'dst', users: [{ name: 'v', accessKeyId: 'AKIAEMULATORDST00001', secretAccessKey: 'secret-secret' }] }],
      images: [{
        id: 'ami-0de9000000000001d', account: SOURCE, region: REGION, name: 'old-ami', deprecationTime: '2020-01-01T00:00:00.000Z',
        launchPermissions: [{ userId: TARGET_B }],
        blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { snapshotId: 'snap-0de9000000000001d', volumeSize: 8 } }],
      }],
    };
    const other = await startEmulator({ seed });
    try {
      const dst = clientsFor(other, 'dst').ec2;
      expect((await dst.send(new DescribeImagesCommand({}))).Images).toEqual([]);
      expect((await dst.send(new DescribeImagesCommand({ IncludeDeprecated: true }))).Images).toHaveLength(1);
      expect((await dst.send(new DescribeImagesCommand({ ImageIds: ['ami-0de9000000000001d'] }))).Images?.[0].DeprecationTime).toBe('2020-01-01T00:00:00.000Z');
      expect((await clientsFor(other, 'src').ec2.send(new DescribeImagesCommand({}))).Images).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
