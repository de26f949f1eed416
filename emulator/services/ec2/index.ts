import { AwsError } from '../../protocol/errors';
import type { QueryParams } from '../../protocol/query';
import { renderXml } from '../../protocol/xml';
import type { Caller } from '../../model/directory';
import type { World } from '../../model/world';
import type { Ec2Handler } from './context';
import { copyImage } from './copyImage';
import { deregisterImage } from './deregisterImage';
import { describeImages } from './describeImages';
import { describeImageAttribute, modifyImageAttribute, resetImageAttribute } from './imageAttributes';
import { describeAccountAttributes, describeAvailabilityZones, describeRegions, getInstanceUefiData } from './misc';
import {
  deleteSnapshot, describeSnapshotAttribute, describeSnapshots, modifySnapshotAttribute, resetSnapshotAttribute,
} from './snapshots';
import { createTags, deleteTags, describeTags } from './tags';

/** The EC2 API namespace of every response. */
export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** Every EC2 action the emulator implements. */
export const EC2_ACTIONS: Readonly<Record<string, Ec2Handler>> = {
  CopyImage: copyImage,
  CreateTags: createTags,
  DeleteSnapshot: deleteSnapshot,
  DeleteTags: deleteTags,
  DeregisterImage: deregisterImage,
  DescribeAccountAttributes: describeAccountAttributes,
  DescribeAvailabilityZones: describeAvailabilityZones,
  DescribeImageAttribute: describeImageAttribute,
  DescribeImages: describeImages,
  DescribeRegions: describeRegions,
  DescribeSnapshotAttribute: describeSnapshotAttribute,
  DescribeSnapshots: describeSnapshots,
  DescribeTags: describeTags,
  GetInstanceUefiData: getInstanceUefiData,
  ModifyImageAttribute: modifyImageAttribute,
  ModifySnapshotAttribute: modifySnapshotAttribute,
  ResetImageAttribute: resetImageAttribute,
  ResetSnapshotAttribute: resetSnapshotAttribute,
};

const READ_ONLY = /^Describe/;

/** Runs one EC2 query-protocol action and returns the XML response body. */
export function handleEc2(world: World, caller: Caller, region: string, action: string, params: QueryParams, requestId: string): string {
  const handler = EC2_ACTIONS[action];
  if (handler === undefined) {
    throw new AwsError('InvalidAction', `The action ${action} is not implemented by the ami-share emulator`);
  }
  if (params.bool('DryRun') === true) {
    if (!READ_ONLY.test(action)) {
      // Validate as far as possible without mutating: run against a throwaway copy of the state.
      const scratch = Object.create(world) as World;
      Object.defineProperty(scratch, 'state', { value: structuredClone(world.state) });
      Object.defineProperty(scratch, 'commit', { value: () => undefined });
      handler({ world: scratch, caller, region, params });
    }
    throw new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
  }
  const body = handler({ world, caller, region, params });
  return renderXml(`${action}Response`, EC2_NAMESPACE, { requestId, ...body });
}

/** The EC2 error document. */
export function renderEc2Error(error: AwsError, requestId: string): string {
  return renderXml('Response', undefined, {
    Errors: { Error: { Code: error.code, Message: error.message } },
    RequestID: requestId,
  });
}
