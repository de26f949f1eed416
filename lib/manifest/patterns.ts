/**
 * Shapes of the identifiers a manifest holds, with the words an error message
 * uses to say what is expected. One place, so the schema and the cross-field
 * rules agree.
 */
export interface IdShape {
  /** Regular expression the whole value must match. */
  readonly pattern: string;
  /** What is expected, as an error message says it. */
  readonly expected: string;
}

const PARTITION = 'aws(?:-cn|-us-gov)?';
const REGION = '[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9]';

export const SHAPES = {
  accountId: {
    pattern: '^[0-9]{12}$',
    expected: 'a 12-digit AWS account id as a quoted string, such as "123456789012"',
  },
  region: {
    pattern: `^${REGION}$`,
    expected: 'an AWS region name such as "us-west-2"',
  },
  amiId: {
    pattern: '^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$',
    expected: 'an AMI id: "ami-" and 8 or 17 lower-case hex digits',
  },
  roleArn: {
    pattern: `^arn:${PARTITION}:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$`,
    expected: 'an IAM role ARN such as "arn:aws:iam::123456789012:role/ami-share"',
  },
  externalId: {
    pattern: '^[A-Za-z0-9+=,.@:/_-]{2,1224}$',
    expected: 'an STS external id: 2 to 1224 of the characters A-Z a-z 0-9 +=,.@:/_-',
  },
  profile: {
    pattern: '^[A-Za-z0-9_.+@-][A-Za-z0-9_.+@ -]{0,127}$',
    expected: 'the name of a profile in the AWS shared config file',
  },
  kmsKeyArn: {
    pattern: `^arn:${PARTITION}:kms:${REGION}:[0-9]{12}:key/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$`,
    expected:
      'a KMS key ARN such as "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" (an alias ARN is not accepted)',
  },
  organizationArn: {
    pattern: `^arn:${PARTITION}:organizations::[0-9]{12}:organization/o-[a-z0-9]{10,32}$`,
    expected: 'an organization ARN such as "arn:aws:organizations::123456789012:organization/o-abc123def4"',
  },
  organizationalUnitArn: {
    pattern: `^arn:${PARTITION}:organizations::[0-9]{12}:ou/o-[a-z0-9]{10,32}/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`,
    expected:
      'an organizational unit ARN such as "arn:aws:organizations::123456789012:ou/o-abc123def4/ou-ab12-cdef3456"',
  },
  bucket: {
    pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
    expected: 'an S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens',
  },
  keyPrefix: {
    pattern: '^(?!/)[A-Za-z0-9!_.*\'()/-]{0,900}$',
    expected: 'an S3 key prefix such as "ami-share/" (no leading "/")',
  },
  terraformCloudName: {
    pattern: '^[A-Za-z0-9_-]{1,90}$',
    expected: 'a name of letters, digits, "_" and "-" (at most 90)',
  },
  hostname: {
    pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$',
    expected: 'a host name such as "app.terraform.io"',
  },
  key: {
    pattern: '^[a-z][a-z0-9-]{0,39}$',
    expected:
      'a key of 1 to 40 characters: lower-case letters, digits and "-", starting with a letter (it names stacks and resources)',
  },
  tagKey: {
    pattern: '^(?!aws:)(?!ami-share:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{1,128}$',
    expected:
      'a tag key of 1 to 128 letters, digits, spaces and _.:/=+@- that does not start with "aws:" (reserved by AWS) or "ami-share:" (reserved for provenance tags)',
  },
  tagValue: {
    pattern: '^[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{0,256}$',
    expected: 'a tag value of at most 256 letters, digits, spaces and _.:/=+@-',
  },
} as const satisfies Record<string, IdShape>;

/** True when `value` has the shape. */
export function matchesShape(shape: IdShape, value: string): boolean {
  return new RegExp(shape.pattern, 'u').test(value);
}

/** The account id inside an IAM, KMS or Organizations ARN. */
export function accountOfArn(arn: string): string {
  return arn.split(':')[4];
}

/** The region inside a regional ARN such as a KMS key ARN. */
export function regionOfArn(arn: string): string {
  return arn.split(':')[3];
}

/** The AWS partition of a region: `aws`, `aws-cn` or `aws-us-gov`. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) {
    return 'aws-cn';
  }
  return region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}
