import { AmiLaunchPermission } from '@cdktf/provider-aws/lib/ami-launch-permission';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

/** Props of {@link OrganizationPermission}. */
export interface OrganizationPermissionProps {
  /** Image key from the manifest. */
  readonly imageKey: string;
  /** The AMI shared. */
  readonly amiId: string;
  /** An organization ARN, an organizational unit ARN, or `public` for everyone (group `all`). */
  readonly principalArn: string;
  /** Provider of the source account. */
  readonly provider: TerraformProvider;
}

/** Principal of a public share, in place of an organization ARN. */
export const PUBLIC = 'public';

/** The organization id (`o-...`) or OU id (`ou-...`) at the end of an ARN; `public` stays `public`. */
export function organizationPrincipalId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/**
 * Launch permission on an AMI for a whole organization or OU, or for everyone. AWS has no
 * snapshot permission for them, so no copy can be made on their behalf.
 * The resource is named `launch_<image>_<o-... or ou-...>`.
 */
export class OrganizationPermission extends Construct {
  /** The `aws_ami_launch_permission` resource. */
  public readonly launch: AmiLaunchPermission;

  constructor(scope: Construct, id: string, props: OrganizationPermissionProps) {
    super(scope, id);
    const isPublic = props.principalArn === PUBLIC;
    const isUnit = props.principalArn.includes(':ou/');
    this.launch = new AmiLaunchPermission(this, 'launch', {
      provider: props.provider,
      imageId: props.amiId,
      group: isPublic ? 'all' : undefined,
      organizationArn: isPublic || isUnit ? undefined : props.principalArn,
      organizationalUnitArn: isUnit ? props.principalArn : undefined,
    });
    this.launch.overrideLogicalId(`launch_${props.imageKey}_${organizationPrincipalId(props.principalArn)}`);
  }
}
