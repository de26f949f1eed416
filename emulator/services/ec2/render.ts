import type { World } from '../../model/world';
import type { BlockDeviceMapping, ImageRecord, SnapshotRecord } from '../../model/state';
import { itemSet, type XmlNode, type XmlValue } from '../../protocol/xml';

/** XML shapes of EC2 records, as in the EC2 API reference (DescribeImages, DescribeSnapshots). */

/** A tagSet, or undefined when there are no tags (AWS omits it). */
export function tagSet(tags: Record<string, string>): XmlValue {
  const entries = Object.entries(tags);
  return entries.length === 0 ? undefined : itemSet(entries.map(([key, value]) => ({ key, value })));
}

/** One `blockDeviceMapping` item. */
export function renderBlockDeviceMapping(mapping: BlockDeviceMapping): XmlNode {
  return {
    deviceName: mapping.deviceName,
    virtualName: mapping.virtualName,
    ebs: mapping.ebs
      ? {
        snapshotId: mapping.ebs.snapshotId,
        volumeSize: mapping.ebs.volumeSize,
        deleteOnTermination: mapping.ebs.deleteOnTermination,
        volumeType: mapping.ebs.volumeType,
        encrypted: mapping.ebs.encrypted,
      }
      : undefined,
  };
}

/** One `imagesSet` item. */
export function renderImage(world: World, image: ImageRecord): XmlNode {
  return {
    imageId: image.imageId,
    imageLocation: `${image.ownerId}/${image.name}`,
    imageState: image.state,
    imageOwnerId: image.ownerId,
    creationDate: image.creationDate,
    isPublic: world.isPublic(image),
    architecture: image.architecture,
    imageType: 'machine',
    sriovNetSupport: 'simple',
    name: image.name,
    description: image.description,
    rootDeviceType: 'ebs',
    rootDeviceName: image.rootDeviceName,
    blockDeviceMapping: itemSet(image.blockDeviceMappings.map(renderBlockDeviceMapping)),
    virtualizationType: image.virtualizationType,
    tagSet: tagSet(image.tags),
    hypervisor: 'xen',
    enaSupport: image.enaSupport,
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
    bootMode: image.bootMode,
    imdsSupport: image.imdsSupport,
    deprecationTime: image.deprecationTime,
    stateReason: image.state === 'failed' ? { code: 'Client.InternalError', message: 'The image failed' } : undefined,
    sourceImageId: image.sourceImageId,
    sourceImageRegion: image.sourceRegion,
  };
}

/** One `snapshotSet` item. */
export function renderSnapshot(snapshot: SnapshotRecord): XmlNode {
  return {
    snapshotId: snapshot.snapshotId,
    volumeId: snapshot.volumeId,
    status: snapshot.state,
    startTime: snapshot.startTime,
    progress: snapshot.state === 'completed' ? '100%' : '0%',
    ownerId: snapshot.ownerId,
    volumeSize: snapshot.volumeSize,
    description: snapshot.description,
    encrypted: snapshot.encrypted,
    kmsKeyId: snapshot.kmsKeyId,
    tagSet: tagSet(snapshot.tags),
    storageTier: 'standard',
  };
}
