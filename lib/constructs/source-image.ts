import { DataAwsAmi } from '@cdktf/provider-aws/lib/data-aws-ami';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

/** Props of {@link SourceImage}. */
export interface SourceImageProps {
  /** Image key from the manifest; names the data source `image_<key>`. */
  readonly imageKey: string;
  /** The AMI id in the source account. */
  readonly amiId: string;
  /** The source account, the only owner accepted. */
  readonly ownerAccountId: string;
  /** Provider of the source account in the image's region. */
  readonly provider: TerraformProvider;
}

/**
 * Looks an AMI up in the source account at plan time and exposes the EBS
 * snapshots behind it. The lookup fails the plan when the AMI does not exist
 * or belongs to another account.
 */
export class SourceImage extends Construct {
  /** The `data.aws_ami` lookup. */
  public readonly lookup: DataAwsAmi;

  constructor(scope: Construct, id: string, props: SourceImageProps) {
    super(scope, id);
    this.lookup = new DataAwsAmi(this, 'lookup', {
      provider: props.provider,
      owners: [props.ownerAccountId],
      includeDeprecated: true,
      filter: [{ name: 'image-id', values: [props.amiId] }],
    });
    this.lookup.overrideLogicalId(`image_${props.imageKey}`);
  }

  /**
   * A Terraform expression for a map of device name to snapshot id, one entry
   * per EBS volume; instance-store devices have no snapshot and are left out.
   * Keyed by device name so that each permission keeps its address.
   */
  public get ebsSnapshotsByDevice(): string {
    const mappings = `data.aws_ami.${this.lookup.friendlyUniqueId}.block_device_mappings`;
    return `\${{ for bdm in ${mappings} : bdm.device_name => bdm.ebs.snapshot_id if lookup(bdm.ebs, "snapshot_id", "") != "" }}`;
  }
}
