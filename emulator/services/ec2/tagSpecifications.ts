import { AwsError } from '../../protocol/errors';
import type { QueryParams } from '../../protocol/query';

/** Tags per resource type from `TagSpecification.N.ResourceType` / `TagSpecification.N.Tag.M.Key|Value`. */
export function parseTagSpecifications(params: QueryParams, allowedTypes: string[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const spec of params.structs('TagSpecification')) {
    const type = spec.require('ResourceType');
    if (!allowedTypes.includes(type)) {
      throw new AwsError('InvalidParameterValue', `'${type}' is not a valid taggable resource type for this operation.`);
    }
    const tags = out.get(type) ?? {};
    for (const tag of spec.structs('Tag')) {
      const key = tag.require('Key');
      validateTag(key, tag.get('Value') ?? '');
      tags[key] = tag.get('Value') ?? '';
    }
    out.set(type, tags);
  }
  return out;
}

/** Throws the AWS error for an invalid tag key or value. */
export function validateTag(key: string, value: string): void {
  if (key.length === 0 || key.length > 128) {
    throw new AwsError('InvalidParameterValue', `Tag key must be between 1 and 128 characters: '${key}'`);
  }
  if (key.toLowerCase().startsWith('aws:')) {
    throw new AwsError('InvalidParameterValue', "Tag keys starting with 'aws:' are reserved for internal use");
  }
  if (value.length > 256) {
    throw new AwsError('InvalidParameterValue', `Tag value for key '${key}' must be at most 256 characters`);
  }
}

/** Throws `TagLimitExceeded` when a resource would get more than 50 tags. */
export function checkTagLimit(tags: Record<string, string>): void {
  if (Object.keys(tags).length > 50) {
    throw new AwsError('TagLimitExceeded', 'The maximum number of tags per resource (50) would be exceeded');
  }
}
