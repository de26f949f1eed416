import {
  DeleteSnapshotCommand, DescribeSnapshotAttributeCommand, DescribeSnapshotsCommand, ModifySnapshotAttributeCommand,
  ResetSnapshotAttributeCommand,
} from '@aws-sdk/client-ec2';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { AWS_EBS_SNAPSHOT, awsError, clientsFor, CMK_KEY_ARN, CMK_SNAPSHOTS, GOLDEN_SNAPSHOT, SEED_PATH, SOURCE, TARGET_B } from './support';

describe('emulator EC2 snapshots', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ seed: SEED_PATH });
  });
  afterEach(async () => {
    await emulator.close();
  });
  const ec2Of = (who: string) => clientsFor(emulator, who).ec2;
  const grant = (snapshotId: string, perm: { UserId?: string; Group?: 'all' }, op: 'Add' | 'Remove' = 'Add') => ec2Of('image-factory').send(
    new ModifySnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: 'createVolumePermission', CreateVolumePermission: { [op]: [perm] } }),
  );

  it('describes own snapshots with size, encryption and key', async () => {
    const out = await ec2Of('image-factory').send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }));
    expect(out.Snapshots?.map((s) => s.SnapshotId).sort()).toEqual([GOLDEN_SNAPSHOT, ...CMK_SNAPSHOTS, AWS_EBS_SNAPSHOT].sort());
    const golden = out.Snapshots?.find((s) => s.SnapshotId === GOLDEN_SNAPSHOT);
    expect(golden).toMatchObject({ OwnerId: SOURCE, VolumeSize: 8, Encrypted: false, State: 'completed', Progress: '100%' });
    const cmk = out.Snapshots?.find((s) => s.SnapshotId === CMK_SNAPSHOTS[1]);
    expect(cmk).toMatchObject({ Encrypted: true, KmsKeyId: CMK_KEY_ARN, VolumeSize: 20 });
    const filtered = await ec2Of('image-factory').send(new DescribeSnapshotsCommand({ Filters: [{ Name: 'encrypted', Values: ['false'] }] }));
    expect(filtered.Snapshots?.map((s) => s.SnapshotId)).toEqual([GOLDEN_SNAPSHOT]);
  });

  it('shows a snapshot to another account once it has a create volume permission', async () => {
    const workload = ec2Of('workload-b');
    expect((await workload.send(new DescribeSnapshotsCommand({}))).Snapshots).toEqual([]);
    expect((await awsError(workload.send(new DescribeSnapshotsCommand({ SnapshotIds: [GOLDEN_SNAPSHOT] })))).name).toBe('InvalidSnapshot.NotFound');
    await grant(GOLDEN_SNAPSHOT, { UserId: TARGET_B });
    const restorable = await workload.send(new DescribeSnapshotsCommand({ RestorableByUserIds: ['self'] }));
    expect(restorable.Snapshots?.map((s) => s.SnapshotId)).toEqual([GOLDEN_SNAPSHOT]);
    const attr = await ec2Of('image-factory').send(new DescribeSnapshotAttributeCommand({ SnapshotId: GOLDEN_SNAPSHOT, Attribute: 'createVolumePermission' }));
    expect(attr.CreateVolumePermissions).toEqual([{ UserId: TARGET_B }]);
    await grant(GOLDEN_SNAPSHOT, { UserId: TARGET_B }, 'Remove');
    expect((await workload.send(new DescribeSnapshotsCommand({}))).Snapshots).toEqual([]);
  });

  it('lets only the owner read, change or reset create volume permissions', async () => {
    await grant(GOLDEN_SNAPSHOT, { UserId: TARGET_B });
    const workload = ec2Of('workload-b');
    expect((await awsError(workload.send(new DescribeSnapshotAttributeCommand({ SnapshotId: GOLDEN_SNAPSHOT, Attribute: 'createVolumePermission' })))).name).toBe('AuthFailure');
    expect((await awsError(workload.send(new ModifySnapshotAttributeCommand({ SnapshotId: GOLDEN_SNAPSHOT, OperationType: 'add', UserIds: [TARGET_B] })))).name).toBe('AuthFailure');
    await ec2Of('image-factory').send(new ResetSnapshotAttributeCommand({ SnapshotId: GOLDEN_SNAPSHOT, Attribute: 'createVolumePermission' }));
    const attr = await ec2Of('image-factory').send(new DescribeSnapshotAttributeCommand({ SnapshotId: GOLDEN_SNAPSHOT, Attribute: 'createVolumePermission' }));
    expect(attr.CreateVolumePermissions).toEqual([]);
  });

  it('accepts the flat UserIds/GroupNames form with OperationType', async () => {
    await ec2Of('image-factory').send(new ModifySnapshotAttributeCommand({ SnapshotId: GOLDEN_SNAPSHOT, OperationType: 'add', UserIds: [TARGET_B], GroupNames: ['all'] }));
    const attr = await ec2Of('image-factory').send(new DescribeSnapshotAttributeCommand({ SnapshotId: GOLDEN_SNAPSHOT, Attribute: 'createVolumePermission' }));
    expect(attr.CreateVolumePermissions).toEqual([{ UserId: TARGET_B }, { Group: 'all' }]);
  });

  it('refuses to share snapshots under the AWS managed key and to make encrypted ones public', async () => {
    const awsManaged = await awsError(grant(AWS_EBS_SNAPSHOT, { UserId: TARGET_B }));
    expect(awsManaged.name).toBe('OperationNotPermitted');
    expect(awsManaged.message).toBe('Encrypted snapshots with EBS default key cannot be shared');
    expect((await awsError(grant(CMK_SNAPSHOTS[0], { Group: 'all' }))).name).toBe('OperationNotPermitted');
    await grant(CMK_SNAPSHOTS[0], { UserId: TARGET_B });
  });

  it('validates ids and account ids', async () => {
    expect((await awsError(ec2Of('image-factory').send(new DescribeSnapshotsCommand({ SnapshotIds: ['snap-zz'] })))).name).toBe('InvalidSnapshotID.Malformed');
    const missing = await awsError(ec2Of('image-factory').send(new DescribeSnapshotsCommand({ SnapshotIds: ['snap-0123456789abcdef0'] })));
    expect(missing.name).toBe('InvalidSnapshot.NotFound');
    expect(missing.message).toBe("The snapshot 'snap-0123456789abcdef0' does not exist.");
    expect((await awsError(grant(GOLDEN_SNAPSHOT, { UserId: 'abc' }))).name).toBe('InvalidParameterValue');
  });

  it('refuses to delete a snapshot that a registered AMI uses', async () => {
    const err = await awsError(ec2Of('image-factory').send(new DeleteSnapshotCommand({ SnapshotId: GOLDEN_SNAPSHOT })));
    expect(err.name).toBe('InvalidSnapshot.InUse');
    expect(err.message).toContain('ami-0abc1234def567890');
  });
});
