/**
 * The seed file's shape: the static world (accounts, credentials, roles,
 * organizations) plus the initial resources (KMS keys, AMIs and their
 * snapshots). See emulator/README.md for a documented example.
 */
export interface Seed {
  /** Regions the emulator knows (DescribeRegions, seed validation). Defaults to the AWS commercial regions. */
  regions?: string[];
  /** Accounts, each with the IAM users whose static access keys the emulator accepts. */
  accounts: SeedAccount[];
  /** IAM roles that STS AssumeRole may assume. */
  roles?: SeedRole[];
  /** AWS Organizations with member accounts and organizational units. */
  organizations?: SeedOrganization[];
  /** Customer managed KMS keys. AWS managed `alias/aws/ebs` keys exist implicitly. */
  kmsKeys?: SeedKmsKey[];
  /** AMIs, with their EBS snapshots declared inside the block device mappings. */
  images?: SeedImage[];
}

/** An AWS account. */
export interface SeedAccount {
  /** 12-digit account id (quote it in YAML). */
  id: string;
  /** A short unique name, usable with `credentialsFor()`. */
  name: string;
  /** IAM users with static keys (AKIA...). */
  users?: SeedUser[];
}

/** An IAM user with one static access key. */
export interface SeedUser {
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** An IAM role, assumable by principals of the trusted accounts. */
export interface SeedRole {
  /** `arn:aws:iam::ACCOUNT:role/NAME` (paths allowed). */
  arn: string;
  /** Account ids whose principals the trust policy allows. */
  trustedAccounts: string[];
  /** Maximum session duration, 3600 by default. */
  maxSessionDurationSeconds?: number;
}

/** An organization; its management account is the one in its ARN. */
export interface SeedOrganization {
  /** `arn:aws:organizations::MGMT:organization/o-xxxxxxxxxx`. */
  arn: string;
  /** Member accounts directly under the root. */
  accounts?: string[];
  /** Organizational units; an account of an OU is also a member of the organization. */
  organizationalUnits?: SeedOrganizationalUnit[];
}

/** An organizational unit. */
export interface SeedOrganizationalUnit {
  /** `arn:aws:organizations::MGMT:ou/o-xxxxxxxxxx/ou-xxxx-xxxxxxxx`. */
  arn: string;
  /** Accounts directly in this OU. */
  accounts?: string[];
  /** ARN of the parent OU, when nested. Accounts of a child OU belong to the parent too. */
  parent?: string;
}

/** A customer managed KMS key. */
export interface SeedKmsKey {
  account: string;
  region: string;
  /** A UUID; generated when omitted. */
  keyId?: string;
  /** Alias names, each starting with `alias/` (not `alias/aws/`). */
  aliases?: string[];
  description?: string;
  /** Accounts that the key policy allows to use the key (kms:Decrypt, CreateGrant, ...). */
  allowedAccounts?: string[];
}

/** A launch permission of an AMI (exactly one member set). */
export interface SeedLaunchPermission {
  userId?: string;
  group?: 'all';
  organizationArn?: string;
  organizationalUnitArn?: string;
}

/** A create volume permission of a snapshot (exactly one member set). */
export interface SeedCreateVolumePermission {
  userId?: string;
  group?: 'all';
}

/** An EBS volume of an AMI, i.e. its backing snapshot. */
export interface SeedEbs {
  snapshotId: string;
  volumeSize: number;
  volumeType?: string;
  deleteOnTermination?: boolean;
  encrypted?: boolean;
  /** `alias/aws/ebs`, a customer key's id, ARN or alias. Implies encrypted. */
  kmsKey?: string;
  createVolumePermissions?: SeedCreateVolumePermission[];
  tags?: Record<string, string>;
}

/** One block device mapping: an EBS volume, or an instance-store `virtualName`. */
export interface SeedBlockDeviceMapping {
  deviceName: string;
  virtualName?: string;
  ebs?: SeedEbs;
}

/** An AMI. */
export interface SeedImage {
  id: string;
  account: string;
  region: string;
  name: string;
  description?: string;
  state?: 'available' | 'pending' | 'failed' | 'disabled';
  architecture?: string;
  creationDate?: string;
  rootDeviceName?: string;
  virtualizationType?: string;
  enaSupport?: boolean;
  bootMode?: string;
  imdsSupport?: string;
  deprecationTime?: string;
  blockDeviceMappings: SeedBlockDeviceMapping[];
  launchPermissions?: SeedLaunchPermission[];
  tags?: Record<string, string>;
}
