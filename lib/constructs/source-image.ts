import { DataAwsAmi } from '@cdktf/provider-aws/lib/data-aws-ami';
import { DataAwsAmiIds } from '@cdktf/provider-aws/lib/data-aws-ami-ids';
import { DataAwsEbsSnapshot } from '@cdktf/provider-aws/lib/data-aws-ebs-snapshot';
import { DataAwsEbsSnapshotIds } from '@cdktf/provider-aws/lib/data-aws-ebs-snapshot-ids';
import { DataAwsKmsKey } from '@cdktf/provider-aws/lib/data-aws-kms-key';
import { TerraformIterator, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';

/** Props of {@link SourceImage}. */
export interface SourceImageProps {
  /** Image key from the manifest; names the data sources `<kind>_<key>`. */
  readonly imageKey: string;
  /** The AMI id in the source account. */
  readonly amiId: string;
  /** The source account, the only owner accepted. */
  readonly ownerAccountId: string;
  /** The source region, for messages. */
  readonly region: string;
  /** Provider of the source account in the image's region. */
  readonly provider: TerraformProvider;
}

/**
 * Looks an AMI up in the source account at plan time, checks that it can be
 * shared and copied, and exposes its EBS snapshots and the KMS keys behind
 * them. Each check fails the plan with a message that says what is wrong and
 * what to do:
 * - the AMI exists and the source account owns it (precondition);
 * - it is `available` and EBS-backed (postconditions);
 * - every snapshot behind it still exists in the source account;
 * - no snapshot is encrypted under the AWS managed key `aws/ebs`, which AWS
 *   never lets another account use.
 */
export class SourceImage extends Construct {
  /** The `data.aws_ami` lookup, named `image_<key>`. */
  public readonly lookup: DataAwsAmi;
  /** The customer managed keys behind the encrypted snapshots, `for_each` by key ARN. */
  public readonly kmsKeys: DataAwsKmsKey;

  constructor(scope: Construct, id: string, props: SourceImageProps) {
    super(scope, id);
    const key = props.imageKey;
    const what = `AMI ${props.amiId} (images.${key})`;
    const where = `the source account ${props.ownerAccountId} in ${props.region}`;
    const imageFilter = [{ name: 'image-id', values: [props.amiId] }];

    const found = new DataAwsAmiIds(this, 'found', {
      provider: props.provider,
      owners: [props.ownerAccountId],
      includeDeprecated: true,
      filter: imageFilter,
    });
    found.overrideLogicalId(`found_${key}`);

    this.lookup = new DataAwsAmi(this, 'lookup', {
      provider: props.provider,
      owners: [props.ownerAccountId],
      includeDeprecated: true,
      filter: imageFilter,
      lifecycle: {
        precondition: [
          {
            condition: `\${length(data.aws_ami_ids.found_${key}.ids) == 1}`,
            errorMessage: `${what} is not in ${where}: it does not exist there, was deregistered, or another account owns it. Expected an AMI that the source account owns: check images.${key}.amiId and source.region.`,
          },
        ],
        postcondition: [
          {
            condition: '${self.state == "available"}',
            errorMessage: `${what} is \${self.state}, not available. Expected an available AMI: wait until it is, or point images.${key}.amiId at another.`,
          },
          {
            condition: '${self.root_device_type == "ebs"}',
            errorMessage: `${what} has an instance-store root device. Expected an EBS-backed AMI: only those can be shared with their snapshots and copied into another account.`,
          },
        ],
      },
    });
    this.lookup.overrideLogicalId(`image_${key}`);

    const allSnapshots = this.snapshotsByDevice(false);
    const snapshotIds = new DataAwsEbsSnapshotIds(this, 'snapshots', {
      provider: props.provider,
      owners: [props.ownerAccountId],
      filter: [{ name: 'snapshot-id', values: Token.asList(`\${values(${allSnapshots})}`) }],
      lifecycle: {
        postcondition: [
          {
            condition: `\${length(self.ids) == length(${allSnapshots})}`,
            errorMessage: `Snapshots \${join(", ", setsubtract(values(${allSnapshots}), self.ids))} behind ${what} are gone from ${where}, so the AMI cannot be copied. Expected every snapshot of the AMI: build the image again and point images.${key}.amiId at the new AMI.`,
          },
        ],
      },
    });
    snapshotIds.overrideLogicalId(`snapshots_${key}`);

    const encrypted = TerraformIterator.fromMap(Token.asAnyMap(this.encryptedSnapshotsByDevice));
    const encryptedSnapshots = new DataAwsEbsSnapshot(this, 'encrypted', {
      provider: props.provider,
      forEach: encrypted,
      owners: [props.ownerAccountId],
      snapshotIds: [Token.asString(encrypted.value)],
    });
    encryptedSnapshots.overrideLogicalId(`encrypted_${key}`);

    const keyIds = TerraformIterator.fromMap(
      Token.asAnyMap(`\${{ for k in distinct([for s in data.aws_ebs_snapshot.encrypted_${key} : s.kms_key_id]) : k => k }}`),
    );
    this.kmsKeys = new DataAwsKmsKey(this, 'keys', {
      provider: props.provider,
      forEach: keyIds,
      keyId: Token.asString(keyIds.value),
      lifecycle: {
        postcondition: [
          {
            condition: '${self.key_manager == "CUSTOMER"}',
            errorMessage: `Snapshots of ${what} are encrypted with the AWS managed key \${self.arn} (aws/ebs), which AWS lets no other account use, so the AMI cannot be shared or copied. Expected a customer managed key: copy the AMI in the source account with a customer managed KMS key (aws ec2 copy-image --encrypted --kms-key-id ...) and put the new AMI id in images.${key}.amiId.`,
          },
        ],
      },
    });
    this.kmsKeys.overrideLogicalId(`keys_${key}`);
  }

  /**
   * A Terraform expression for a map of device name to snapshot id, one entry
   * per EBS volume; instance-store devices have no snapshot and are left out.
   * Keyed by device name so that each permission keeps its address.
   */
  public get ebsSnapshotsByDevice(): string {
    return `\${${this.snapshotsByDevice(false)}}`;
  }

  /** As {@link ebsSnapshotsByDevice}, for encrypted snapshots only. */
  public get encryptedSnapshotsByDevice(): string {
    return `\${${this.snapshotsByDevice(true)}}`;
  }

  /** The bare `{ for ... }` expression, to embed in larger expressions. */
  private snapshotsByDevice(encryptedOnly: boolean): string {
    const mappings = `data.aws_ami.${this.lookup.friendlyUniqueId}.block_device_mappings`;
    const encrypted = encryptedOnly ? ' && lookup(bdm.ebs, "encrypted", "false") == "true"' : '';
    return `{ for bdm in ${mappings} : bdm.device_name => bdm.ebs.snapshot_id if lookup(bdm.ebs, "snapshot_id", "") != ""${encrypted} }`;
  }
}
