import { partitionOf } from '../manifest/patterns';
import { StateConfig } from '../manifest/types';
import { Permission } from './policy-document';

/**
 * What the identity that runs Terraform needs on an S3 state backend, for
 * the given stacks (Terraform S3 backend documentation, "Permissions
 * Required"): list the bucket, read and write each stack's state object,
 * and, with `use_lockfile`, read, write and delete its `.tflock` object.
 * Other backends need no AWS permission: none is returned.
 */
export function statePermissions(state: StateConfig, stackNames: readonly string[]): Permission[] {
  if (state.backend !== 's3') {
    return [];
  }
  const bucketArn = `arn:${partitionOf(state.region)}:s3:::${state.bucket}`;
  const keys = [...stackNames].sort().map((stack) => `${bucketArn}/${state.keyPrefix}${stack}.tfstate`);
  const permissions: Permission[] = [
    { sid: 'StateBucket', actions: ['s3:ListBucket'], resources: [bucketArn] },
    { sid: 'StateObjects', actions: ['s3:GetObject', 's3:PutObject'], resources: keys },
  ];
  if (state.useLockfile) {
    permissions.push({ sid: 'StateLockFiles', actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: keys.map((key) => `${key}.tflock`) });
  }
  return permissions;
}
