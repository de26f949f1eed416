import { AmiLaunchPermission } from '@cdktf/provider-aws/lib/ami-launch-permission';
import { SnapshotCreateVolumePermission } from '@cdktf/provider-aws/lib/snapshot-create-volume-permission';
import { TerraformIterator, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { SourceImage } from './source-image';

/** Props of {@link AccountPermissions}. */
export interface AccountPermissionsProps {
  /** Image key from the manifest; names the resources `launch_<key>` and `snapshots_<key>`. */
  readonly imageKey: string;
  /** The looked-up source image whose AMI and snapshots are shared. */
  readonly image: SourceImage;
  /** The AMI id, as the manifest gives it. */
  readonly amiId: string;
  /** The account that receives the permissions. */
  readonly accountId: string;
  /** Provider of the source account, which owns the AMI and snapshots. */
  readonly provider: TerraformProvider;
}

/**
 * What an account needs to launch and to copy one AMI: launch permission on
 * the image, and createVolumePermission on every EBS snapshot behind it
 * (without those, CopyImage fails with "You do not have permission to access
 * the storage of this ami").
 */
export class AccountPermissions extends Construct {
  /** Launch permission on the AMI. */
  public readonly launch: AmiLaunchPermission;
  /** createVolumePermission, one instance per EBS snapshot (`for_each` by device name). */
  public readonly snapshots: SnapshotCreateVolumePermission;

  constructor(scope: Construct, id: string, props: AccountPermissionsProps) {
    super(scope, id);
    this.launch = new AmiLaunchPermission(this, 'launch', {
      provider: props.provider,
      imageId: props.amiId,
      accountId: props.accountId,
    });
    this.launch.overrideLogicalId(`launch_${props.imageKey}`);

    const snapshots = TerraformIterator.fromMap(Token.asAnyMap(props.image.ebsSnapshotsByDevice));
    this.snapshots = new SnapshotCreateVolumePermission(this, 'snapshots', {
      provider: props.provider,
      forEach: snapshots,
      snapshotId: Token.asString(snapshots.value),
      accountId: props.accountId,
    });
    this.snapshots.overrideLogicalId(`snapshots_${props.imageKey}`);
  }
}
