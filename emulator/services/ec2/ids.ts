import { AwsError } from '../../protocol/errors';

/** Validation of EC2 resource ids and the AWS errors for bad ones. */

const IMAGE_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;
const SNAPSHOT_ID = /^snap-([0-9a-f]{8}|[0-9a-f]{17})$/;
const ACCOUNT_ID = /^\d{12}$/;

/** Throws `InvalidAMIID.Malformed` unless `id` looks like an AMI id. */
export function requireImageIdFormat(id: string): void {
  if (!IMAGE_ID.test(id)) {
    throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${id}" (expecting "ami-...")`);
  }
}

/** Throws `InvalidSnapshotID.Malformed` unless `id` looks like a snapshot id. */
export function requireSnapshotIdFormat(id: string): void {
  if (!SNAPSHOT_ID.test(id)) {
    throw new AwsError('InvalidSnapshotID.Malformed', `Invalid id: "${id}" (expecting "snap-...")`);
  }
}

/** True when `value` is a 12-digit account id. */
export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

/** The `InvalidAMIID.NotFound` error for these ids. */
export function imageNotFound(ids: string[]): AwsError {
  return new AwsError('InvalidAMIID.NotFound', `The image id '[${ids.join(', ')}]' does not exist`);
}

/** The `InvalidSnapshot.NotFound` error for these ids. */
export function snapshotNotFound(ids: string[]): AwsError {
  return new AwsError('InvalidSnapshot.NotFound', `The snapshot${ids.length > 1 ? 's' : ''} '${ids.join(', ')}' ${ids.length > 1 ? 'do' : 'does'} not exist.`);
}

/** The AuthFailure AWS answers when a non-owner touches an owner-only attribute. */
export function notAuthorizedFor(kind: 'image' | 'snapshot', id: string): AwsError {
  return new AwsError('AuthFailure', `Not authorized for ${kind}:${id}`);
}
