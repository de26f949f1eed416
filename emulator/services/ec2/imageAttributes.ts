import { AwsError } from '../../protocol/errors';
import { itemSet, type XmlNode } from '../../protocol/xml';
import type { ImageRecord } from '../../model/state';
import type { Ec2Context, Ec2Handler } from './context';
import { RETURN_TRUE } from './context';
import { imageNotFound, notAuthorizedFor, requireImageIdFormat } from './ids';
import { applyChanges, launchPermissionChanges, renderPermissions } from './permissions';
import { renderBlockDeviceMapping } from './render';

const IMAGE_ATTRIBUTES = [
  'description', 'kernel', 'ramdisk', 'launchPermission', 'productCodes', 'blockDeviceMapping', 'sriovNetSupport',
  'bootMode', 'tpmSupport', 'uefiData', 'lastLaunchedTime', 'imdsSupport', 'deregistrationProtection',
];

function visibleImage(ctx: Ec2Context): ImageRecord {
  const imageId = ctx.params.require('ImageId');
  requireImageIdFormat(imageId);
  const image = ctx.world.image(imageId, ctx.region);
  if (!image || !ctx.world.canSeeImage(image, ctx.caller.accountId)) {
    throw imageNotFound([imageId]);
  }
  return image;
}

function ownedImage(ctx: Ec2Context): ImageRecord {
  const image = visibleImage(ctx);
  if (image.ownerId !== ctx.caller.accountId) {
    throw notAuthorizedFor('image', image.imageId);
  }
  return image;
}

function value(v: string | undefined): XmlNode | string {
  return v === undefined ? '' : { value: v };
}

/**
 * DescribeImageAttribute: any attribute of the API reference. launchPermission
 * is for the owner only; others are readable by whoever can see the image.
 */
export const describeImageAttribute: Ec2Handler = (ctx) => {
  const attribute = ctx.params.require('Attribute');
  if (!IMAGE_ATTRIBUTES.includes(attribute)) {
    throw new AwsError('InvalidParameterValue', `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
  }
  const image = attribute === 'launchPermission' ? ownedImage(ctx) : visibleImage(ctx);
  const out: XmlNode = { imageId: image.imageId };
  switch (attribute) {
    case 'launchPermission':
      out.launchPermission = itemSet(renderPermissions(image.launchPermissions));
      break;
    case 'description':
      out.description = value(image.description);
      break;
    case 'blockDeviceMapping':
      out.blockDeviceMapping = itemSet(image.blockDeviceMappings.map(renderBlockDeviceMapping));
      break;
    case 'productCodes':
      out.productCodes = '';
      break;
    case 'sriovNetSupport':
      out.sriovNetSupport = value('simple');
      break;
    case 'bootMode':
      out.bootMode = value(image.bootMode);
      break;
    case 'imdsSupport':
      out.imdsSupport = value(image.imdsSupport);
      break;
    case 'deregistrationProtection':
      out.deregistrationProtection = value('disabled');
      break;
    default:
      out[attribute] = '';
  }
  return out;
};

function sharesOutsideOwner(image: ImageRecord, p: { userId?: string }): boolean {
  return p.userId === undefined || p.userId !== image.ownerId;
}

/**
 * ModifyImageAttribute: launch permissions (add/remove for accounts, `all`,
 * organizations, OUs), description and imdsSupport. Owner only. Sharing an
 * AMI whose snapshots use the AWS managed key fails as on AWS.
 */
export const modifyImageAttribute: Ec2Handler = (ctx) => {
  const image = ownedImage(ctx);
  const { world, params } = ctx;
  const attribute = params.get('Attribute');
  if (attribute !== undefined && !['launchPermission', 'description', 'imdsSupport', 'productCodes'].includes(attribute)) {
    throw new AwsError('InvalidParameterValue', `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
  }
  if (attribute === 'productCodes' || params.list('ProductCode').length > 0) {
    throw new AwsError('UnsupportedOperation', 'Modifying productCodes is not implemented by the ami-share emulator');
  }
  let changed = false;
  const changes = launchPermissionChanges(params);
  if (changes) {
    const snapshots = image.blockDeviceMappings.flatMap((m) => (m.ebs ? [world.snapshot(m.ebs.snapshotId, image.region)] : []));
    const sharing = changes.add.filter((p) => sharesOutsideOwner(image, p));
    const awsManaged = snapshots.some((s) => s?.kmsKeyId !== undefined && world.keyByArn(s.kmsKeyId)?.keyManager === 'AWS');
    if (sharing.length > 0 && awsManaged) {
      throw new AwsError('InvalidParameter', "Snapshots encrypted with the AWS Managed CMK can't be shared. Specify another snapshot.");
    }
    if (changes.add.some((p) => p.group === 'all') && snapshots.some((s) => s?.encrypted === true)) {
      throw new AwsError('InvalidParameter', 'Encrypted AMIs cannot be made public.');
    }
    image.launchPermissions = applyChanges(image.launchPermissions, changes);
    changed = true;
  }
  const description = params.get('Description.Value') ?? (attribute === 'description' ? params.get('Value') : undefined);
  if (description !== undefined) {
    image.description = description;
    changed = true;
  }
  const imds = params.get('ImdsSupport.Value');
  if (imds !== undefined) {
    if (imds !== 'v2.0') {
      throw new AwsError('InvalidParameterValue', `Value (${imds}) for parameter imdsSupport is invalid. Valid value is v2.0.`);
    }
    image.imdsSupport = imds;
    changed = true;
  }
  if (!changed) {
    throw new AwsError('MissingParameter', 'No attribute change was specified (LaunchPermission, UserId, UserGroup, OrganizationArn, OrganizationalUnitArn, Description or ImdsSupport)');
  }
  world.commit();
  return RETURN_TRUE;
};

/** ResetImageAttribute: only `launchPermission` can be reset (AWS's rule); removes every launch permission. */
export const resetImageAttribute: Ec2Handler = (ctx) => {
  const attribute = ctx.params.require('Attribute');
  if (attribute !== 'launchPermission') {
    throw new AwsError('InvalidParameterValue', `Value (${attribute}) for parameter attribute is invalid. Only launchPermission can be reset.`);
  }
  const image = ownedImage(ctx);
  image.launchPermissions = [];
  ctx.world.commit();
  return RETURN_TRUE;
};
