import type { Ec2Handler } from './context';
import { imageNotFound, notAuthorizedFor, requireImageIdFormat } from './ids';
import { itemSet } from '../../protocol/xml';

/**
 * DeregisterImage: the owner removes its image. Copies are separate images
 * with their own snapshots and are not affected. With
 * DeleteAssociatedSnapshots the image's snapshots go too.
 */
export const deregisterImage: Ec2Handler = ({ world, caller, region, params }) => {
  const imageId = params.require('ImageId');
  requireImageIdFormat(imageId);
  const image = world.image(imageId, region);
  if (!image || !world.canSeeImage(image, caller.accountId)) {
    throw imageNotFound([imageId]);
  }
  if (image.ownerId !== caller.accountId) {
    throw notAuthorizedFor('image', imageId);
  }
  world.state.images = world.state.images.filter((i) => i !== image);
  const deleted: string[] = [];
  if (params.bool('DeleteAssociatedSnapshots') === true) {
    const snapshotIds = image.blockDeviceMappings.flatMap((m) => (m.ebs ? [m.ebs.snapshotId] : []));
    for (const snapshotId of snapshotIds) {
      const snapshot = world.snapshot(snapshotId, region);
      if (snapshot && snapshot.ownerId === caller.accountId && world.imagesUsingSnapshot(snapshot).length === 0) {
        world.state.snapshots = world.state.snapshots.filter((s) => s !== snapshot);
        deleted.push(snapshotId);
      }
    }
  }
  world.commit();
  return {
    return: true,
    deleteSnapshotResultSet: deleted.length > 0 ? itemSet(deleted.map((snapshotId) => ({ snapshotId, return: true }))) : undefined,
  };
};
