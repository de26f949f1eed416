import { AwsError } from '../../protocol/errors';
import type { BlockDeviceMapping, ImageRecord, KmsKeyRecord, SnapshotRecord } from '../../model/state';
import { newImageId, newSnapshotId, newVolumeId } from '../../model/ids';
import type { Ec2Context, Ec2Handler } from './context';
import { imageNotFound, requireImageIdFormat } from './ids';
import { checkTagLimit, parseTagSpecifications } from './tagSpecifications';

/** The message AWS gives (code InvalidRequest) when the caller may not read an AMI's snapshots. */
export const STORAGE_PERMISSION_MESSAGE = 'You do not have permission to access the storage of this ami';

const AMI_NAME = /^[A-Za-z0-9()[\] ./'@_-]{3,128}$/;

function storageDenied(): AwsError {
  return new AwsError('InvalidRequest', STORAGE_PERMISSION_MESSAGE);
}

function checkName(ctx: Ec2Context, name: string): void {
  if (!AMI_NAME.test(name)) {
    throw new AwsError('InvalidAMIName.Malformed', "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/', '_', '[', ']', ' ', \"'\" and '@'");
  }
  const clash = ctx.world.state.images.find((i) => i.ownerId === ctx.caller.accountId && i.region === ctx.region && i.name === name);
  if (clash) {
    throw new AwsError('InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI ${clash.imageId}`);
  }
}

function sourceImage(ctx: Ec2Context, sourceImageId: string, sourceRegion: string): ImageRecord {
  requireImageIdFormat(sourceImageId);
  if (!ctx.world.directory.regions.includes(sourceRegion)) {
    throw new AwsError('InvalidParameterValue', `Invalid value '${sourceRegion}' for SourceRegion`);
  }
  const image = ctx.world.image(sourceImageId, sourceRegion);
  if (!image || !ctx.world.canSeeImage(image, ctx.caller.accountId) || image.state === 'disabled') {
    throw imageNotFound([sourceImageId]);
  }
  if (image.state !== 'available') {
    throw new AwsError('IncorrectState', `Image ${sourceImageId} is not in a valid state for copying: ${image.state}`);
  }
  return image;
}

/**
 * Every EBS snapshot of the source, checked for the caller's right to read it:
 * first a create volume permission on every snapshot, then the use of every
 * KMS key that encrypts one.
 */
function readableSnapshots(ctx: Ec2Context, image: ImageRecord): Map<string, SnapshotRecord> {
  const out = new Map<string, SnapshotRecord>();
  const caller = ctx.caller.accountId;
  for (const mapping of image.blockDeviceMappings) {
    if (!mapping.ebs) {
      continue;
    }
    const snapshot = ctx.world.snapshot(mapping.ebs.snapshotId, image.region);
    if (!snapshot || !ctx.world.canUseSnapshot(snapshot, caller)) {
      throw storageDenied();
    }
    out.set(snapshot.snapshotId, snapshot);
  }
  for (const snapshot of out.values()) {
    if (!snapshot.encrypted || snapshot.kmsKeyId === undefined) {
      continue;
    }
    const key = ctx.world.keyByArn(snapshot.kmsKeyId);
    if (!key || (key.keyManager === 'AWS' && key.accountId !== caller)) {
      // The AWS managed key never leaves its account.
      throw storageDenied();
    }
    if (!ctx.world.canUseKey(key, caller)) {
      throw new AwsError('InvalidRequest', `${STORAGE_PERMISSION_MESSAGE}: snapshot ${snapshot.snapshotId} is encrypted with KMS key ${key.arn}, which account ${caller} may not use (add the account to the key policy or create a KMS grant for it)`);
    }
  }
  return out;
}

function destinationKey(ctx: Ec2Context): KmsKeyRecord | undefined {
  const encrypted = ctx.params.bool('Encrypted');
  const keyRef = ctx.params.get('KmsKeyId');
  if (keyRef === undefined) {
    return undefined;
  }
  if (encrypted !== true) {
    throw new AwsError('InvalidParameterDependency', 'The parameter KmsKeyId requires the parameter Encrypted to be set.');
  }
  const key = ctx.world.resolveKey(keyRef, ctx.caller.accountId, ctx.region);
  if (!key || key.accountId !== ctx.caller.accountId || key.region !== ctx.region) {
    throw new AwsError('InvalidParameterValue', `The KMS key ${keyRef} does not exist as a key of account ${ctx.caller.accountId} in ${ctx.region}`);
  }
  if (!key.enabled) {
    throw new AwsError('InvalidParameterValue', `The KMS key ${key.arn} is not enabled`);
  }
  return key;
}

/**
 * CopyImage: copies a visible AMI from SourceRegion into the request's region
 * for the caller, with new snapshots owned by the caller. Enforces what AWS
 * enforces (snapshot create volume permissions, KMS key access, unique
 * names) and re-encrypts per Encrypted/KmsKeyId. The copy is `pending` until
 * the configured copy delay has passed.
 */
export const copyImage: Ec2Handler = (ctx) => {
  const { world, caller, region, params } = ctx;
  const name = params.require('Name');
  const sourceImageId = params.require('SourceImageId');
  const sourceRegion = params.require('SourceRegion');
  if (params.get('DestinationOutpostArn') !== undefined) {
    throw new AwsError('UnsupportedOperation', 'DestinationOutpostArn is not implemented by the ami-share emulator');
  }
  const clientToken = params.get('ClientToken');
  if (clientToken !== undefined) {
    const earlier = world.state.images.find((i) => i.clientToken === clientToken && i.ownerId === caller.accountId && i.region === region);
    if (earlier) {
      return { imageId: earlier.imageId };
    }
  }
  const source = sourceImage(ctx, sourceImageId, sourceRegion);
  checkName(ctx, name);
  const snapshots = readableSnapshots(ctx, source);
  const explicitKey = destinationKey(ctx);
  const encryptAll = params.bool('Encrypted') === true;
  const tagSpecs = parseTagSpecifications(params, ['image', 'snapshot']);

  const now = world.now();
  const availableAt = now + world.options.copyDelayMs;
  const startTime = new Date(now).toISOString();
  const imageId = newImageId();
  const imageTags: Record<string, string> = {
    ...(params.bool('CopyImageTags') === true && source.ownerId === caller.accountId ? source.tags : {}),
    ...(tagSpecs.get('image') ?? {}),
  };
  checkTagLimit(imageTags);

  const mappings: BlockDeviceMapping[] = source.blockDeviceMappings.map((mapping) => {
    if (!mapping.ebs) {
      return { ...mapping };
    }
    const from = snapshots.get(mapping.ebs.snapshotId) as SnapshotRecord;
    const encrypted = from.encrypted || encryptAll;
    const key = encrypted ? explicitKey ?? world.awsManagedEbsKey(caller.accountId, region) : undefined;
    const copy: SnapshotRecord = {
      snapshotId: newSnapshotId(),
      ownerId: caller.accountId,
      region,
      volumeId: newVolumeId(),
      volumeSize: from.volumeSize,
      description: `Copied for DestinationAmi ${imageId} from SourceAmi ${source.imageId} for SourceSnapshot ${from.snapshotId}. Task created on ${now}.`,
      state: 'pending',
      availableAt,
      startTime,
      encrypted,
      kmsKeyId: key?.arn,
      createVolumePermissions: [],
      tags: { ...(tagSpecs.get('snapshot') ?? {}) },
    };
    world.state.snapshots.push(copy);
    return { deviceName: mapping.deviceName, ebs: { ...mapping.ebs, snapshotId: copy.snapshotId, encrypted } };
  });

  world.state.images.push({
    imageId,
    ownerId: caller.accountId,
    region,
    name,
    description: params.get('Description') ?? source.description,
    state: 'pending',
    availableAt,
    creationDate: startTime,
    architecture: source.architecture,
    rootDeviceName: source.rootDeviceName,
    virtualizationType: source.virtualizationType,
    enaSupport: source.enaSupport,
    bootMode: source.bootMode,
    imdsSupport: source.imdsSupport,
    blockDeviceMappings: mappings,
    launchPermissions: [],
    tags: imageTags,
    sourceImageId: source.imageId,
    sourceRegion: source.region,
    clientToken,
  });
  world.commit();
  return { imageId };
};
