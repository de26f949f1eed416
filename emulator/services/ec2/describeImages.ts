import { AwsError } from '../../protocol/errors';
import { itemSet } from '../../protocol/xml';
import type { ImageRecord } from '../../model/state';
import type { World } from '../../model/world';
import type { Ec2Context, Ec2Handler } from './context';
import { compileFilters, paginate, parseFilters, type FilterTable } from './filters';
import { imageNotFound, isAccountId, requireImageIdFormat } from './ids';
import { renderImage } from './render';

function imageFilters(world: World): FilterTable<ImageRecord> {
  const ebs = (image: ImageRecord) => image.blockDeviceMappings.flatMap((m) => (m.ebs ? [m.ebs] : []));
  return {
    'architecture': (i) => i.architecture,
    'block-device-mapping.delete-on-termination': (i) => ebs(i).map((e) => String(e.deleteOnTermination)),
    'block-device-mapping.device-name': (i) => i.blockDeviceMappings.map((m) => m.deviceName),
    'block-device-mapping.snapshot-id': (i) => ebs(i).map((e) => e.snapshotId),
    'block-device-mapping.volume-size': (i) => ebs(i).map((e) => String(e.volumeSize)),
    'block-device-mapping.volume-type': (i) => ebs(i).map((e) => e.volumeType),
    'block-device-mapping.encrypted': (i) => ebs(i).map((e) => String(e.encrypted)),
    'creation-date': (i) => i.creationDate,
    'description': (i) => i.description,
    'ena-support': (i) => String(i.enaSupport),
    'hypervisor': () => 'xen',
    'image-id': (i) => i.imageId,
    'image-type': () => 'machine',
    'imds-support': (i) => i.imdsSupport,
    'is-public': (i) => String(world.isPublic(i)),
    'kernel-id': () => undefined,
    'manifest-location': (i) => `${i.ownerId}/${i.name}`,
    'name': (i) => i.name,
    'owner-alias': () => undefined,
    'owner-id': (i) => i.ownerId,
    'platform': () => undefined,
    'platform-details': () => 'Linux/UNIX',
    'product-code': () => undefined,
    'product-code.type': () => undefined,
    'ramdisk-id': () => undefined,
    'root-device-name': (i) => i.rootDeviceName,
    'root-device-type': () => 'ebs',
    'source-image-id': (i) => i.sourceImageId,
    'source-image-region': (i) => i.sourceRegion,
    'source-instance-id': () => undefined,
    'state': (i) => i.state,
    'state-reason-code': () => undefined,
    'state-reason-message': () => undefined,
    'sriov-net-support': () => 'simple',
    'usage-operation': () => 'RunInstances',
    'virtualization-type': (i) => i.virtualizationType,
  };
}

const OWNER_ALIASES = ['amazon', 'aws-marketplace', 'aws-backup-vault'];

function ownerMatcher(ctx: Ec2Context, owners: string[]): (image: ImageRecord) => boolean {
  for (const owner of owners) {
    if (owner !== 'self' && !OWNER_ALIASES.includes(owner) && !isAccountId(owner)) {
      throw new AwsError('InvalidUserID.Malformed', `Invalid user id: "${owner}"`);
    }
  }
  const ids = owners.map((o) => (o === 'self' ? ctx.caller.accountId : o));
  return (image) => ids.includes(image.ownerId);
}

function executableMatcher(ctx: Ec2Context, users: string[]): (image: ImageRecord) => boolean {
  for (const user of users) {
    if (user !== 'self' && user !== 'all' && !isAccountId(user)) {
      throw new AwsError('InvalidUserID.Malformed', `Invalid user id: "${user}"`);
    }
  }
  const { world, caller } = ctx;
  return (image) => users.some((user) => {
    if (user === 'all') {
      return world.isPublic(image);
    }
    if (user === 'self' || user === caller.accountId) {
      // AMIs shared with the caller's account, organization or OU (explicit launch permissions only).
      return world.hasExplicitLaunchPermission(image, caller.accountId);
    }
    // Another account: only AMIs shared with that account id itself (not through its org or OU).
    return image.launchPermissions.some((p) => p.userId === user);
  });
}

function isDeprecated(image: ImageRecord, now: number): boolean {
  return image.deprecationTime !== undefined && Date.parse(image.deprecationTime) <= now;
}

/**
 * DescribeImages: the images of the request's region that the caller can see
 * (its own, public ones, and those with a launch permission for its account,
 * organization or OU), narrowed by ImageIds, Owners, ExecutableUsers, Filters.
 */
export const describeImages: Ec2Handler = (ctx) => {
  const { world, caller, region, params } = ctx;
  const ids = params.list('ImageId');
  ids.forEach(requireImageIdFormat);
  const owners = params.list('Owner');
  const executable = params.list('ExecutableBy');
  const includeDeprecated = params.bool('IncludeDeprecated') ?? false;
  const includeDisabled = params.bool('IncludeDisabled') ?? false;
  const matchesFilters = compileFilters(parseFilters(params), imageFilters(world));
  if (ids.length > 0 && params.get('MaxResults') !== undefined) {
    throw new AwsError('InvalidParameterCombination', 'The parameter imageIdsSet cannot be used with the parameter maxResults');
  }
  const now = world.now();

  let images = world.state.images.filter((i) => i.region === region && world.canSeeImage(i, caller.accountId));
  images = images.filter((i) => i.state !== 'disabled' || (includeDisabled && i.ownerId === caller.accountId));
  if (ids.length > 0) {
    const missing = ids.filter((id) => !images.some((i) => i.imageId === id));
    if (missing.length > 0) {
      throw imageNotFound(missing);
    }
    images = images.filter((i) => ids.includes(i.imageId));
  } else if (!includeDeprecated) {
    images = images.filter((i) => !isDeprecated(i, now) || i.ownerId === caller.accountId);
  }
  if (owners.length > 0) {
    images = images.filter(ownerMatcher(ctx, owners));
  }
  if (executable.length > 0) {
    images = images.filter(executableMatcher(ctx, executable));
  }
  images = images.filter(matchesFilters);
  const { page, nextToken } = paginate(images, params);
  return { imagesSet: itemSet(page.map((i) => renderImage(world, i))), nextToken };
};
