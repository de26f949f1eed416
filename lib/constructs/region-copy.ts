import { AmiCopy } from '@cdktf/provider-aws/lib/ami-copy';
import { ITerraformDependable, TerraformOutput, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

/** Tag keys ami-share puts on every copy, so its origin can be traced from the target account. */
export const PROVENANCE_TAGS = {
  sourceAccount: 'ami-share:source-account',
  sourceAmi: 'ami-share:source-ami',
  image: 'ami-share:image',
} as const;

/** Props of {@link RegionCopy}. */
export interface RegionCopyProps {
  /** Image key from the manifest. */
  readonly imageKey: string;
  /** The AMI copied. */
  readonly sourceAmiId: string;
  /** Account that owns the source AMI. */
  readonly sourceAccountId: string;
  /** Region of the source AMI. */
  readonly sourceRegion: string;
  /** Region the copy lands in; must be the provider's region. */
  readonly region: string;
  /** Provider of the target account in `region`. */
  readonly provider: TerraformProvider;
  /** Key of the target account in `region` that encrypts the copy. @default none: the copy keeps the source's encryption */
  readonly kmsKeyArn?: string;
  /** Tags besides the provenance tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** What must exist before the copy starts (the permissions it needs). @default [] */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Refuse any plan that would destroy or replace the copy while it is in the
   * configuration (`lifecycle.prevent_destroy`).
   * @default true
   */
  readonly protect?: boolean;
}

/** Address of the copy of an image in a region, in a target's stack. */
export function copyAddress(imageKey: string, region: string): string {
  return `aws_ami_copy.copy_${imageKey}_${region}`;
}

/** The AMI name every copy gets: 3 to 128 allowed characters, unique per image key and source AMI. */
export function copyName(imageKey: string, sourceAmiId: string): string {
  return `ami-share/${imageKey}/${sourceAmiId}`;
}

/**
 * A copy of a source AMI owned by the target account in one region, with an
 * output `copy_<image>_<region>_ami_id` holding its id.
 */
export class RegionCopy extends Construct {
  /** The `aws_ami_copy` resource. */
  public readonly copy: AmiCopy;

  constructor(scope: Construct, id: string, props: RegionCopyProps) {
    super(scope, id);
    const name = `${props.imageKey}_${props.region}`;
    this.copy = new AmiCopy(this, 'copy', {
      provider: props.provider,
      name: copyName(props.imageKey, props.sourceAmiId),
      description: `Copy of ${props.sourceAmiId} (${props.imageKey}) from account ${props.sourceAccountId}, made by ami-share`,
      sourceAmiId: props.sourceAmiId,
      sourceAmiRegion: props.sourceRegion,
      encrypted: props.kmsKeyArn !== undefined ? true : undefined,
      kmsKeyId: props.kmsKeyArn,
      tags: {
        ...props.tags,
        [PROVENANCE_TAGS.sourceAccount]: props.sourceAccountId,
        [PROVENANCE_TAGS.sourceAmi]: props.sourceAmiId,
        [PROVENANCE_TAGS.image]: props.imageKey,
      },
      dependsOn: props.dependsOn && props.dependsOn.length > 0 ? props.dependsOn : undefined,
      lifecycle: (props.protect ?? true) ? { preventDestroy: true } : undefined,
    });
    this.copy.overrideLogicalId(copyAddress(props.imageKey, props.region).split('.')[1]);

    const output = new TerraformOutput(this, 'ami-id', {
      value: this.copy.id,
      description: `AMI id of the copy of image ${props.imageKey} in ${props.region}`,
    });
    output.overrideLogicalId(`copy_${name}_ami_id`);
  }
}
