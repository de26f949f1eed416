/**
 * The emulator's mutable world, kept as plain JSON-serializable records so
 * that it can be persisted to a state file and loaded back unchanged.
 */

/** A launch permission as stored (exactly one member set). */
export interface LaunchPermission {
  userId?: string;
  group?: 'all';
  organizationArn?: string;
  organizationalUnitArn?: string;
}

/** A create volume permission as stored (exactly one member set). */
export interface CreateVolumePermission {
  userId?: string;
  group?: 'all';
}

/** The EBS part of an image's block device mapping. */
export interface EbsMapping {
  snapshotId: string;
  volumeSize: number;
  volumeType: string;
  deleteOnTermination: boolean;
  encrypted: boolean;
}

/** One block device mapping of an image. */
export interface BlockDeviceMapping {
  deviceName: string;
  virtualName?: string;
  ebs?: EbsMapping;
}

/** Image states the emulator uses. */
export type ImageState = 'pending' | 'available' | 'failed' | 'disabled';

/** An AMI, owned by one account in one region. */
export interface ImageRecord {
  imageId: string;
  ownerId: string;
  region: string;
  name: string;
  description?: string;
  state: ImageState;
  /** Epoch ms at which a `pending` copy becomes `available`. */
  availableAt?: number;
  creationDate: string;
  architecture: string;
  rootDeviceName: string;
  virtualizationType: string;
  enaSupport: boolean;
  bootMode?: string;
  imdsSupport?: string;
  deprecationTime?: string;
  blockDeviceMappings: BlockDeviceMapping[];
  launchPermissions: LaunchPermission[];
  tags: Record<string, string>;
  /** For copies: the source image and region. */
  sourceImageId?: string;
  sourceRegion?: string;
  /** CopyImage idempotency token. */
  clientToken?: string;
}

/** Snapshot states the emulator uses. */
export type SnapshotState = 'pending' | 'completed' | 'error';

/** An EBS snapshot, owned by one account in one region. */
export interface SnapshotRecord {
  snapshotId: string;
  ownerId: string;
  region: string;
  volumeId: string;
  volumeSize: number;
  description: string;
  state: SnapshotState;
  availableAt?: number;
  startTime: string;
  encrypted: boolean;
  /** Key ARN when encrypted. */
  kmsKeyId?: string;
  createVolumePermissions: CreateVolumePermission[];
  tags: Record<string, string>;
}

/** A KMS key. */
export interface KmsKeyRecord {
  keyId: string;
  arn: string;
  accountId: string;
  region: string;
  description: string;
  keyManager: 'AWS' | 'CUSTOMER';
  /** Alias names (`alias/...`). */
  aliases: string[];
  /** Accounts the key policy allows to use the key. */
  allowedAccounts: string[];
  creationDate: string;
  enabled: boolean;
}

/** A KMS grant. */
export interface GrantRecord {
  grantId: string;
  grantToken: string;
  keyArn: string;
  name?: string;
  granteePrincipal: string;
  retiringPrincipal?: string;
  operations: string[];
  issuingAccount: string;
  creationDate: string;
}

/** Temporary credentials issued by STS AssumeRole. */
export interface SessionRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  roleArn: string;
  sessionName: string;
  accountId: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** Everything that changes while the emulator runs. */
export interface WorldState {
  images: ImageRecord[];
  snapshots: SnapshotRecord[];
  kmsKeys: KmsKeyRecord[];
  grants: GrantRecord[];
  sessions: SessionRecord[];
}

/** An empty world. */
export function emptyState(): WorldState {
  return { images: [], snapshots: [], kmsKeys: [], grants: [], sessions: [] };
}
