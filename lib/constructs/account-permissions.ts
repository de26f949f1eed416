import { AmiLaunchPermission } from '@cdktf/provider-aws/lib/ami-launch-permission';
import { KmsGrant } from '@cdktf/provider-aws/lib/kms-grant';
import { SnapshotCreateVolumePermission } from '@cdktf/provider-aws/lib/snapshot-create-volume-permission';
import { ITerraformDependable, TerraformIterator, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { partitionOf } from '../manifest/patterns';
import { SourceImage } from './source-image';

/** What the grantee of a source key may do: what CopyImage needs to read the snapshots and re-encrypt the copy. */
export const KMS_GRANT_OPERATIONS = [
  'Decrypt',
  'DescribeKey',
  'CreateGrant',
  'ReEncryptFrom',
  'ReEncryptTo',
  'GenerateDataKeyWithoutPlaintext',
] as const;

/** Props of {@link AccountPermissions}. */
export interface AccountPermissionsProps {
  /** Image key from the manifest; names the resources `launch_<key>`, `snapshots_<key>`, `keys_<key>`. */
  readonly imageKey: string;
  /** The looked-up source image whose AMI, snapshots and keys are shared. */
  readonly image: SourceImage;
  /** The AMI id, as the manifest gives it. */
  readonly amiId: string;
  /** The account that receives the permissions. */
  readonly accountId: string;
  /** Region of the source account, for the partition of the grantee ARN. */
  readonly region: string;
  /** Provider of the source account, which owns the AMI, snapshots and keys. */
  readonly provider: TerraformProvider;
  /**
   * The launch permission exists already (shared in the console): import it
   * into state instead of creating it.
   * @default false
   */
  readonly adopt?: boolean;
}

/**
 * What an account needs to launch and to copy one AMI: launch permission on
 * the image, createVolumePermission on every EBS snapshot behind it (without
 * those, CopyImage fails with "You do not have permission to access the
 * storage of this ami"), and a KMS grant on every customer managed key that
 * encrypts those snapshots.
 *
 * Keys are opened with `aws_kms_grant` rather than by editing key policies:
 * a grant names one grantee account, lives and dies with this share in the
 * same state, and leaves the key policy (one document, often owned by
 * another team) untouched.
 */
export class AccountPermissions extends Construct {
  /** Launch permission on the AMI. */
  public readonly launch: AmiLaunchPermission;
  /** createVolumePermission, one instance per EBS snapshot (`for_each` by device name). */
  public readonly snapshots: SnapshotCreateVolumePermission;
  /** KMS grants, one per customer managed key behind the snapshots (`for_each` by key ARN). */
  public readonly grants: KmsGrant;

  constructor(scope: Construct, id: string, props: AccountPermissionsProps) {
    super(scope, id);
    const key = props.imageKey;
    this.launch = new AmiLaunchPermission(this, 'launch', {
      provider: props.provider,
      imageId: props.amiId,
      accountId: props.accountId,
    });
    this.launch.overrideLogicalId(`launch_${key}`);
    if (props.adopt ?? false) {
      this.launch.importFrom(`${props.accountId}/${props.amiId}`, props.provider);
    }

    const snapshots = TerraformIterator.fromMap(Token.asAnyMap(props.image.ebsSnapshotsByDevice));
    this.snapshots = new SnapshotCreateVolumePermission(this, 'snapshots', {
      provider: props.provider,
      forEach: snapshots,
      snapshotId: Token.asString(snapshots.value),
      accountId: props.accountId,
    });
    this.snapshots.overrideLogicalId(`snapshots_${key}`);

    const keys = TerraformIterator.fromDataSources(props.image.kmsKeys);
    this.grants = new KmsGrant(this, 'keys', {
      provider: props.provider,
      forEach: keys,
      name: `ami-share-${key}-${props.accountId}`,
      keyId: Token.asString(keys.getString('arn')),
      granteePrincipal: `arn:${partitionOf(props.region)}:iam::${props.accountId}:root`,
      operations: [...KMS_GRANT_OPERATIONS],
    });
    this.grants.overrideLogicalId(`keys_${key}`);
  }

  /** Everything a copy must wait for. */
  public get all(): ITerraformDependable[] {
    return [this.launch, this.snapshots, this.grants];
  }
}
