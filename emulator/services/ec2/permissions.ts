import { AwsError } from '../../protocol/errors';
import type { QueryParams } from '../../protocol/query';
import type { CreateVolumePermission, LaunchPermission } from '../../model/state';
import { isAccountId } from './ids';

/** Parsing of the launch / create-volume permission modifications of Modify*Attribute. */

const ORG_ARN = /^arn:aws:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/;
const OU_ARN = /^arn:aws:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/;

/** The additions and removals a request asks for. */
export interface PermissionChanges<P> {
  add: P[];
  remove: P[];
}

function invalidItem(kind: string, value: string): AwsError {
  return new AwsError('InvalidAMIAttributeItemValue', `Invalid attribute item value "${value}" for ${kind} item type.`);
}

function checkLaunchPermission(p: LaunchPermission): LaunchPermission {
  const set = Object.values(p).filter((v) => v !== undefined).length;
  if (set !== 1) {
    throw new AwsError('InvalidParameterCombination', 'Each launch permission must name exactly one of UserId, Group, OrganizationArn, OrganizationalUnitArn');
  }
  if (p.userId !== undefined && !isAccountId(p.userId)) {
    throw invalidItem('userId', p.userId);
  }
  if (p.group !== undefined && p.group !== 'all') {
    throw invalidItem('group', p.group);
  }
  if (p.organizationArn !== undefined && !ORG_ARN.test(p.organizationArn)) {
    throw new AwsError('InvalidParameterValue', `The organization ARN ${p.organizationArn} is not valid`);
  }
  if (p.organizationalUnitArn !== undefined && !OU_ARN.test(p.organizationalUnitArn)) {
    throw new AwsError('InvalidParameterValue', `The organizational unit ARN ${p.organizationalUnitArn} is not valid`);
  }
  return p;
}

function launchPermissionFrom(s: QueryParams): LaunchPermission {
  const group = s.get('Group');
  return {
    userId: s.get('UserId'),
    group: group as 'all' | undefined,
    organizationArn: s.get('OrganizationArn'),
    organizationalUnitArn: s.get('OrganizationalUnitArn'),
  };
}

function clean<P extends object>(p: P): P {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as P;
}

function operationType(params: QueryParams): 'add' | 'remove' {
  const op = params.require('OperationType');
  if (op !== 'add' && op !== 'remove') {
    throw new AwsError('InvalidParameterValue', `Value (${op}) for parameter operationType is invalid. Valid values are add, remove.`);
  }
  return op;
}

/**
 * The launch permission changes of a ModifyImageAttribute request, from
 * `LaunchPermission.Add/Remove.N.*` and from the flat `UserId.N`,
 * `UserGroup.N`, `OrganizationArn.N`, `OrganizationalUnitArn.N` lists
 * (which use `OperationType`).
 */
export function launchPermissionChanges(params: QueryParams): PermissionChanges<LaunchPermission> | undefined {
  const add = params.structs('LaunchPermission.Add').map(launchPermissionFrom);
  const remove = params.structs('LaunchPermission.Remove').map(launchPermissionFrom);
  const flat: LaunchPermission[] = [
    ...params.list('UserId').map((userId) => ({ userId })),
    ...params.list('UserGroup').map((group) => ({ group: group as 'all' })),
    ...params.list('OrganizationArn').map((organizationArn) => ({ organizationArn })),
    ...params.list('OrganizationalUnitArn').map((organizationalUnitArn) => ({ organizationalUnitArn })),
  ];
  if (flat.length > 0) {
    (operationType(params) === 'add' ? add : remove).push(...flat);
  }
  if (add.length === 0 && remove.length === 0) {
    return undefined;
  }
  return { add: add.map(clean).map(checkLaunchPermission), remove: remove.map(clean).map(checkLaunchPermission) };
}

function checkVolumePermission(p: CreateVolumePermission): CreateVolumePermission {
  const set = Object.values(p).filter((v) => v !== undefined).length;
  if (set !== 1) {
    throw new AwsError('InvalidParameterCombination', 'Each create volume permission must name exactly one of UserId, Group');
  }
  if (p.userId !== undefined && !isAccountId(p.userId)) {
    throw new AwsError('InvalidParameterValue', `Value (${p.userId}) for parameter userId is invalid. It must be a 12-digit AWS account id.`);
  }
  if (p.group !== undefined && p.group !== 'all') {
    throw new AwsError('InvalidParameterValue', `Value (${p.group}) for parameter group is invalid. Valid value is all.`);
  }
  return p;
}

function volumePermissionFrom(s: QueryParams): CreateVolumePermission {
  return { userId: s.get('UserId'), group: s.get('Group') as 'all' | undefined };
}

/** The create volume permission changes of a ModifySnapshotAttribute request. */
export function volumePermissionChanges(params: QueryParams): PermissionChanges<CreateVolumePermission> {
  const add = params.structs('CreateVolumePermission.Add').map(volumePermissionFrom);
  const remove = params.structs('CreateVolumePermission.Remove').map(volumePermissionFrom);
  const flat: CreateVolumePermission[] = [
    ...params.list('UserId').map((userId) => ({ userId })),
    ...params.list('UserGroup').map((group) => ({ group: group as 'all' })),
  ];
  if (flat.length > 0) {
    (operationType(params) === 'add' ? add : remove).push(...flat);
  }
  if (add.length === 0 && remove.length === 0) {
    throw new AwsError('MissingParameter', 'No permission to add or remove was specified (CreateVolumePermission, UserId or UserGroup)');
  }
  return { add: add.map(clean).map(checkVolumePermission), remove: remove.map(clean).map(checkVolumePermission) };
}

/** True when two permissions name the same grantee. */
export function samePermission<P extends object>(a: P, b: P): boolean {
  return JSON.stringify(clean(a)) === JSON.stringify(clean(b));
}

/** Applies additions (deduplicated) and removals to a permission list. */
export function applyChanges<P extends object>(current: P[], changes: PermissionChanges<P>): P[] {
  const out = [...current];
  for (const p of changes.add) {
    if (!out.some((q) => samePermission(p, q))) {
      out.push(p);
    }
  }
  return out.filter((q) => !changes.remove.some((p) => samePermission(p, q)));
}

/** Renders permissions as `<item><userId>..</userId></item>`-style items. */
export function renderPermissions(perms: object[]): Record<string, string>[] {
  return perms.map((p) => clean(p) as Record<string, string>);
}
