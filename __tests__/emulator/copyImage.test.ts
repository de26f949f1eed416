import {
  CopyImageCommand, DeregisterImageCommand, DescribeImagesCommand, DescribeSnapshotsCommand, ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand, type EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateGrantCommand, CreateKeyCommand } from '@aws-sdk/client-kms';
import { startEmulator, type RunningEmulator } from '../../emulator';
import {
  assumeRole, AWS_EBS_AMI, AWS_EBS_SNAPSHOT, awsError, clientsFor, CMK_AMI, CMK_KEY_ARN, CMK_SNAPSHOTS, GOLDEN_AMI, GOLDEN_SNAPSHOT, REGION,
  SEED_PATH, sleep, SOURCE, TARGET_B,
} from './support';

const STORAGE_MESSAGE = 'You do not have permission to access the storage of this ami';

describe('emulator CopyImage', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ seed: SEED_PATH, copyDelayMs: 300 });
  });
  afterEach(async () => {
    await emulator.close();
  });
  const source = () => clientsFor(emulator, 'image-factory').ec2;
  const target = (region = REGION) => clientsFor(emulator, 'workload-b', region).ec2;
  const shareImage = (imageId: string) => source().send(new ModifyImageAttributeCommand({ ImageId: imageId, LaunchPermission: { Add: [{ UserId: TARGET_B }] } }));
  const shareSnapshot = (snapshotId: string) => source().send(new ModifySnapshotAttributeCommand({ SnapshotId: snapshotId, CreateVolumePermission: { Add: [{ UserId: TARGET_B }] } }));
  const copy = (ec2: EC2Client, imageId: string, name: string, extra: Partial<ConstructorParameters<typeof CopyImageCommand>[0]> = {}) => ec2.send(
    new CopyImageCommand({ SourceImageId: imageId, SourceRegion: REGION, Name: name, ...extra }),
  );
  const describe1 = async (ec2: EC2Client, imageId: string) => (await ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0];

  it('teaches the lesson: the copy fails on storage permission until every snapshot is shared, then works', async () => {
    // Not even visible before the launch permission.
    expect((await awsError(copy(target(), GOLDEN_AMI, 'golden-copy'))).name).toBe('InvalidAMIID.NotFound');
    await shareImage(GOLDEN_AMI);
    const denied = await awsError(copy(target(), GOLDEN_AMI, 'golden-copy'));
    expect(denied.name).toBe('InvalidRequest');
    expect(denied.message).toBe(STORAGE_MESSAGE);
    await shareSnapshot(GOLDEN_SNAPSHOT);

    const { ImageId: copyId } = await copy(target(), GOLDEN_AMI, 'golden-copy', { Description: 'copied', TagSpecifications: [{ ResourceType: 'image', Tags: [{ Key: 'Name', Value: 'golden-copy' }] }] });
    expect(copyId).toMatch(/^ami-[0-9a-f]{17}$/);
    const pending = await describe1(target(), copyId ?? '');
    expect(pending).toMatchObject({ State: 'pending', OwnerId: TARGET_B, Name: 'golden-copy', Description: 'copied', Tags: [{ Key: 'Name', Value: 'golden-copy' }] });
    await sleep(350);
    const available = await describe1(target(), copyId ?? '');
    expect(available?.State).toBe('available');
    const newSnapshot = available?.BlockDeviceMappings?.find((m) => m.DeviceName === '/dev/xvda')?.Ebs?.SnapshotId;
    expect(newSnapshot).toMatch(/^snap-/);
    expect(newSnapshot).not.toBe(GOLDEN_SNAPSHOT);
    expect(available?.BlockDeviceMappings?.find((m) => m.DeviceName === '/dev/sdb')?.VirtualName).toBe('ephemeral0');
    const snapshots = await target().send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }));
    expect(snapshots.Snapshots?.map((s) => [s.SnapshotId, s.OwnerId, s.State, s.Encrypted])).toEqual([[newSnapshot, TARGET_B, 'completed', false]]);
    // The source owner does not see the target's copy.
    expect((await awsError(source().send(new DescribeImagesCommand({ ImageIds: [copyId ?? ''] })))).name).toBe('InvalidAMIID.NotFound');
  });

  it('works with assumed-role credentials, and refuses a duplicate name', async () => {
    await shareImage(GOLDEN_AMI);
    await shareSnapshot(GOLDEN_SNAPSHOT);
    const creds = await assumeRole(clientsFor(emulator, 'image-factory'), `arn:aws:iam::${TARGET_B}:role/ami-share-target`);
    const ec2 = clientsFor(emulator, creds).ec2;
    const { ImageId } = await copy(ec2, GOLDEN_AMI, 'golden-copy');
    expect((await describe1(target(), ImageId ?? ''))?.OwnerId).toBe(TARGET_B);
    const duplicate = await awsError(copy(ec2, GOLDEN_AMI, 'golden-copy'));
    expect(duplicate.name).toBe('InvalidAMIName.Duplicate');
    expect((await awsError(copy(ec2, GOLDEN_AMI, 'x'))).name).toBe('InvalidAMIName.Malformed');
  });

  it('is idempotent on ClientToken', async () => {
    const first = await copy(source(), GOLDEN_AMI, 'same-account-copy', { ClientToken: 'token-1' });
    const second = await copy(source(), GOLDEN_AMI, 'same-account-copy', { ClientToken: 'token-1' });
    expect(second.ImageId).toBe(first.ImageId);
  });

  it('copies across regions: the source comes from SourceRegion, the copy lands in the request region', async () => {
    await shareImage(GOLDEN_AMI);
    await shareSnapshot(GOLDEN_SNAPSHOT);
    const west = target('us-west-2');
    const { ImageId } = await copy(west, GOLDEN_AMI, 'golden-west');
    expect((await describe1(west, ImageId ?? ''))?.OwnerId).toBe(TARGET_B);
    expect((await awsError(target().send(new DescribeImagesCommand({ ImageIds: [ImageId ?? ''] })))).name).toBe('InvalidAMIID.NotFound');
    const wrongRegion = await awsError(west.send(new CopyImageCommand({ SourceImageId: GOLDEN_AMI, SourceRegion: 'us-east-1', Name: 'nope-copy' })));
    expect(wrongRegion.name).toBe('InvalidAMIID.NotFound');
  });

  it('keeps the copy when the source is deregistered', async () => {
    await shareImage(GOLDEN_AMI);
    await shareSnapshot(GOLDEN_SNAPSHOT);
    const { ImageId } = await copy(target(), GOLDEN_AMI, 'golden-copy');
    await sleep(350);
    expect((await awsError(target().send(new DeregisterImageCommand({ ImageId: GOLDEN_AMI })))).name).toBe('AuthFailure');
    await source().send(new DeregisterImageCommand({ ImageId: GOLDEN_AMI }));
    expect((await awsError(source().send(new DescribeImagesCommand({ ImageIds: [GOLDEN_AMI] })))).name).toBe('InvalidAMIID.NotFound');
    expect((await describe1(target(), ImageId ?? ''))?.State).toBe('available');
  });

  it('re-encrypts with Encrypted/KmsKeyId, defaulting to the caller\'s aws/ebs key', async () => {
    await shareImage(GOLDEN_AMI);
    await shareSnapshot(GOLDEN_SNAPSHOT);
    const kms = clientsFor(emulator, 'workload-b').kms;
    const key = await kms.send(new CreateKeyCommand({ Description: 'workload-b copies' }));
    const { ImageId } = await copy(target(), GOLDEN_AMI, 'golden-cmk', { Encrypted: true, KmsKeyId: key.KeyMetadata?.KeyId });
    const snapshotId = (await describe1(target(), ImageId ?? ''))?.BlockDeviceMappings?.[0].Ebs?.SnapshotId ?? '';
    const snap = (await target().send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] }))).Snapshots?.[0];
    expect(snap).toMatchObject({ Encrypted: true, KmsKeyId: key.KeyMetadata?.Arn });

    const defaulted = await copy(target(), GOLDEN_AMI, 'golden-default-key', { Encrypted: true });
    const defaultSnapshotId = (await describe1(target(), defaulted.ImageId ?? ''))?.BlockDeviceMappings?.[0].Ebs?.SnapshotId ?? '';
    const defaultSnap = (await target().send(new DescribeSnapshotsCommand({ SnapshotIds: [defaultSnapshotId] }))).Snapshots?.[0];
    expect(defaultSnap?.Encrypted).toBe(true);
    expect(defaultSnap?.KmsKeyId).toMatch(new RegExp(`^arn:aws:kms:${REGION}:${TARGET_B}:key/`));
    expect(defaultSnap?.KmsKeyId).not.toBe(key.KeyMetadata?.Arn);

    expect((await awsError(copy(target(), GOLDEN_AMI, 'golden-bad-key', { Encrypted: true, KmsKeyId: CMK_KEY_ARN }))).name).toBe('InvalidParameterValue');
    expect((await awsError(copy(target(), GOLDEN_AMI, 'golden-no-flag', { KmsKeyId: key.KeyMetadata?.KeyId }))).name).toBe('InvalidParameterDependency');
  });

  it('refuses cross-account copies of AMIs under the AWS managed key', async () => {
    expect((await awsError(shareImage(AWS_EBS_AMI))).name).toBe('InvalidParameter');
    // The owner itself can copy (and the copy stays encrypted).
    const own = await copy(source(), AWS_EBS_AMI, 'own-aws-ebs-copy');
    expect((await describe1(source(), own.ImageId ?? ''))?.BlockDeviceMappings?.[0].Ebs?.Encrypted).toBe(true);
    // Its snapshot cannot be shared either, so another account can neither see nor copy it.
    const snapshotShare = await awsError(shareSnapshot(AWS_EBS_SNAPSHOT));
    expect(snapshotShare.name).toBe('OperationNotPermitted');
    const err = await awsError(copy(target(), AWS_EBS_AMI, 'aws-ebs-copy'));
    expect(err.name).toBe('InvalidAMIID.NotFound');
  });

  it('needs a KMS grant (or key policy) on a customer managed key, for every snapshot', async () => {
    await shareImage(CMK_AMI);
    await shareSnapshot(CMK_SNAPSHOTS[0]);
    const oneMissing = await awsError(copy(target(), CMK_AMI, 'cmk-copy'));
    expect(oneMissing.name).toBe('InvalidRequest');
    expect(oneMissing.message).toBe(STORAGE_MESSAGE);
    await shareSnapshot(CMK_SNAPSHOTS[1]);
    const noGrant = await awsError(copy(target(), CMK_AMI, 'cmk-copy'));
    expect(noGrant.name).toBe('InvalidRequest');
    expect(noGrant.message).toContain(CMK_KEY_ARN);

    await clientsFor(emulator, 'image-factory').kms.send(new CreateGrantCommand({
      KeyId: CMK_KEY_ARN, GranteePrincipal: `arn:aws:iam::${TARGET_B}:root`, Operations: ['Decrypt', 'DescribeKey', 'CreateGrant', 'ReEncryptFrom'],
    }));
    const { ImageId } = await copy(target(), CMK_AMI, 'cmk-copy');
    const copied = await describe1(target(), ImageId ?? '');
    expect(copied?.BlockDeviceMappings?.map((m) => m.Ebs?.Encrypted)).toEqual([true, true]);
    const ids = copied?.BlockDeviceMappings?.map((m) => m.Ebs?.SnapshotId ?? '') ?? [];
    const snaps = await target().send(new DescribeSnapshotsCommand({ SnapshotIds: ids }));
    for (const s of snaps.Snapshots ?? []) {
      expect(s.OwnerId).toBe(TARGET_B);
      expect(s.KmsKeyId).toMatch(new RegExp(`^arn:aws:kms:${REGION}:${TARGET_B}:key/`));
    }
    expect(ids.some((id) => CMK_SNAPSHOTS.includes(id))).toBe(false);
  });

  it('records every call per account and action', async () => {
    emulator.resetCalls();
    await source().send(new DescribeImagesCommand({ Owners: ['self'] }));
    await source().send(new DescribeImagesCommand({ Owners: ['self'] }));
    await awsError(copy(target(), GOLDEN_AMI, 'golden-copy'));
    expect(emulator.callCounts()).toEqual({ [`${SOURCE} ec2:DescribeImages`]: 2, [`${TARGET_B} ec2:CopyImage`]: 1 });
    expect(emulator.calls().map((c) => c.errorCode)).toEqual([undefined, undefined, 'InvalidAMIID.NotFound']);
  });
});
