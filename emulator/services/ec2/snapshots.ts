import { AwsError } from '../../protocol/errors';
import { itemSet } from '../../protocol/xml';
import type { SnapshotRecord } from '../../model/state';
import type { Ec2Context, Ec2Handler } from './context';
import { RETURN_TRUE } from './context';
import { compileFilters, paginate, parseFilters, type FilterTable } from './filters';
import { isAccountId, notAuthorizedFor, requireSnapshotIdFormat, snapshotNotFound } from './ids';
import { applyChanges, renderPermissions, volumePermissionChanges } from './permissions';
import { renderSnapshot } from './render';

const SNAPSHOT_FILTERS: FilterTable<SnapshotRecord> = {
  'description': (s) => s.description,
  'encrypted': (s) => String(s.encrypted),
  'owner-alias': () => undefined,
  'owner-id': (s) => s.ownerId,
  'progress': (s) => (s.state === 'completed' ? '100%' : '0%'),
  'snapshot-id': (s) => s.snapshotId,
  'start-time': (s) => s.startTime,
  'status': (s) => s.state,
  'storage-tier': () => 'standard',
  'transfer-type': () => 'standard',
  'volume-id': (s) => s.volumeId,
  'volume-size': (s) => String(s.volumeSize),
};

function visibleSnapshot(ctx: Ec2Context): SnapshotRecord {
  const snapshotId = ctx.params.require('SnapshotId');
  requireSnapshotIdFormat(snapshotId);
  const snapshot = ctx.world.snapshot(snapshotId, ctx.region);
  if (!snapshot || !ctx.world.canUseSnapshot(snapshot, ctx.caller.accountId)) {
    throw snapshotNotFound([snapshotId]);
  }
  return snapshot;
}

function ownedSnapshot(ctx: Ec2Context): SnapshotRecord {
  const snapshot = visibleSnapshot(ctx);
  if (snapshot.ownerId !== ctx.caller.accountId) {
    throw notAuthorizedFor('snapshot', snapshot.snapshotId);
  }
  return snapshot;
}

function restorableMatcher(ctx: Ec2Context, users: string[]): (s: SnapshotRecord) => boolean {
  for (const user of users) {
    if (user !== 'self' && user !== 'all' && !isAccountId(user)) {
      throw new AwsError('InvalidUserID.Malformed', `Invalid user id: "${user}"`);
    }
  }
  return (s) => users.some((user) => {
    if (user === 'all') {
      return s.createVolumePermissions.some((p) => p.group === 'all');
    }
    const account = user === 'self' ? ctx.caller.accountId : user;
    return s.ownerId === account || s.createVolumePermissions.some((p) => p.userId === account);
  });
}

/**
 * DescribeSnapshots: the snapshots of the region the caller may use (own,
 * public, or with a create volume permission for its account), narrowed by
 * SnapshotIds, OwnerIds, RestorableByUserIds and Filters.
 */
export const describeSnapshots: Ec2Handler = (ctx) => {
  const { world, caller, region, params } = ctx;
  const ids = params.list('SnapshotId');
  ids.forEach(requireSnapshotIdFormat);
  const owners = params.list('Owner');
  for (const owner of owners) {
    if (owner !== 'self' && owner !== 'amazon' && !isAccountId(owner)) {
      throw new AwsError('InvalidUserID.Malformed', `Invalid user id: "${owner}"`);
    }
  }
  const restorable = params.list('RestorableBy');
  const matchesFilters = compileFilters(parseFilters(params), SNAPSHOT_FILTERS);
  let snapshots = world.state.snapshots.filter((s) => s.region === region && world.canUseSnapshot(s, caller.accountId));
  if (ids.length > 0) {
    const missing = ids.filter((id) => !snapshots.some((s) => s.snapshotId === id));
    if (missing.length > 0) {
      throw snapshotNotFound(missing);
    }
    snapshots = snapshots.filter((s) => ids.includes(s.snapshotId));
  }
  if (owners.length > 0) {
    const ownerIds = owners.map((o) => (o === 'self' ? caller.accountId : o));
    snapshots = snapshots.filter((s) => ownerIds.includes(s.ownerId));
  }
  if (restorable.length > 0) {
    snapshots = snapshots.filter(restorableMatcher(ctx, restorable));
  }
  snapshots = snapshots.filter(matchesFilters);
  const { page, nextToken } = paginate(snapshots, params);
  return { snapshotSet: itemSet(page.map(renderSnapshot)), nextToken };
};

/** DescribeSnapshotAttribute: createVolumePermission or productCodes, owner only. */
export const describeSnapshotAttribute: Ec2Handler = (ctx) => {
  const attribute = ctx.params.require('Attribute');
  if (attribute !== 'createVolumePermission' && attribute !== 'productCodes') {
    throw new AwsError('InvalidParameterValue', `Value (${attribute}) for parameter attribute is invalid. Valid values are createVolumePermission, productCodes.`);
  }
  const snapshot = ownedSnapshot(ctx);
  if (attribute === 'productCodes') {
    return { snapshotId: snapshot.snapshotId, productCodes: '' };
  }
  return { snapshotId: snapshot.snapshotId, createVolumePermission: itemSet(renderPermissions(snapshot.createVolumePermissions)) };
};

/**
 * ModifySnapshotAttribute: add/remove create volume permissions (owner only).
 * As on AWS, snapshots under the AWS managed key cannot be shared and
 * encrypted snapshots cannot be made public.
 */
export const modifySnapshotAttribute: Ec2Handler = (ctx) => {
  const attribute = ctx.params.get('Attribute') ?? 'createVolumePermission';
  if (attribute !== 'createVolumePermission') {
    throw new AwsError('InvalidParameterValue', `Value (${attribute}) for parameter attribute is invalid. Only createVolumePermission can be modified.`);
  }
  const snapshot = ownedSnapshot(ctx);
  const changes = volumePermissionChanges(ctx.params);
  const key = snapshot.kmsKeyId === undefined ? undefined : ctx.world.keyByArn(snapshot.kmsKeyId);
  if (changes.add.some((p) => p.group === 'all') && snapshot.encrypted) {
    throw new AwsError('OperationNotPermitted', 'Encrypted snapshots cannot be shared publicly');
  }
  if (key?.keyManager === 'AWS' && changes.add.some((p) => p.userId !== undefined && p.userId !== snapshot.ownerId)) {
    throw new AwsError('OperationNotPermitted', 'Encrypted snapshots with EBS default key cannot be shared');
  }
  snapshot.createVolumePermissions = applyChanges(snapshot.createVolumePermissions, changes);
  ctx.world.commit();
  return RETURN_TRUE;
};

/** ResetSnapshotAttribute: removes every create volume permission. */
export const resetSnapshotAttribute: Ec2Handler = (ctx) => {
  const attribute = ctx.params.require('Attribute');
  if (attribute !== 'createVolumePermission') {
    throw new AwsError('InvalidParameterValue', `Value (${attribute}) for parameter attribute is invalid. Only createVolumePermission can be reset.`);
  }
  const snapshot = ownedSnapshot(ctx);
  snapshot.createVolumePermissions = [];
  ctx.world.commit();
  return RETURN_TRUE;
};

/** DeleteSnapshot: owner only, refused while a registered AMI uses the snapshot. */
export const deleteSnapshot: Ec2Handler = (ctx) => {
  const snapshot = ownedSnapshot(ctx);
  const users = ctx.world.imagesUsingSnapshot(snapshot);
  if (users.length > 0) {
    throw new AwsError('InvalidSnapshot.InUse', `The snapshot ${snapshot.snapshotId} is currently in use by ${users[0].imageId}`);
  }
  ctx.world.state.snapshots = ctx.world.state.snapshots.filter((s) => s !== snapshot);
  ctx.world.commit();
  return RETURN_TRUE;
};
