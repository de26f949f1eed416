import { AwsError } from '../../protocol/errors';
import { itemSet } from '../../protocol/xml';
import type { Ec2Handler } from './context';

/** DescribeRegions: the seed's regions (all opted in). */
export const describeRegions: Ec2Handler = ({ world, params }) => {
  const wanted = params.list('RegionName');
  const unknown = wanted.filter((r) => !world.directory.regions.includes(r));
  if (unknown.length > 0) {
    throw new AwsError('InvalidParameterValue', `Invalid region names: ${unknown.join(', ')}`);
  }
  const regions = wanted.length > 0 ? wanted : [...world.directory.regions];
  return {
    regionInfo: itemSet(regions.map((regionName) => ({
      regionName,
      regionEndpoint: `ec2.${regionName}.amazonaws.com`,
      optInStatus: 'opt-in-not-required',
    }))),
  };
};

/** DescribeAvailabilityZones: zones a, b and c of the request's region. */
export const describeAvailabilityZones: Ec2Handler = ({ region }) => ({
  availabilityZoneInfo: itemSet(['a', 'b', 'c'].map((suffix, index) => ({
    zoneName: `${region}${suffix}`,
    zoneState: 'available',
    regionName: region,
    zoneId: `${region.split('-').map((p) => p[0]).join('')}${region.slice(-1)}-az${index + 1}`,
    zoneType: 'availability-zone',
    optInStatus: 'opt-in-not-required',
    groupName: region,
    networkBorderGroup: region,
    messageSet: '',
  }))),
});

/** DescribeAccountAttributes: a VPC-only account with no default VPC. */
export const describeAccountAttributes: Ec2Handler = ({ params }) => {
  const all: Record<string, string[]> = {
    'supported-platforms': ['VPC'],
    'default-vpc': ['none'],
    'max-instances': ['20'],
    'vpc-max-security-groups-per-interface': ['5'],
    'max-elastic-ips': ['5'],
    'vpc-max-elastic-ips': ['5'],
  };
  const wanted = params.list('AttributeName');
  const names = wanted.length > 0 ? wanted : Object.keys(all);
  return {
    accountAttributeSet: itemSet(names.filter((n) => all[n] !== undefined).map((attributeName) => ({
      attributeName,
      attributeValueSet: itemSet(all[attributeName].map((attributeValue) => ({ attributeValue }))),
    }))),
  };
};

/**
 * GetInstanceUefiData: the emulator has no instances, so this answers what AWS
 * answers for an unknown or malformed instance id. (The provider's `aws_ami`
 * data source and `aws_ami_copy` call it with the AMI id and ignore the error.)
 */
export const getInstanceUefiData: Ec2Handler = ({ params }) => {
  const instanceId = params.require('InstanceId');
  if (!/^i-([0-9a-f]{8}|[0-9a-f]{17})$/.test(instanceId)) {
    throw new AwsError('InvalidInstanceID.Malformed', `Invalid id: "${instanceId}" (expecting "i-...")`);
  }
  throw new AwsError('InvalidInstanceID.NotFound', `The instance ID '${instanceId}' does not exist`);
};
