/**
 * The IAM actions the Terraform AWS provider 5.100.0 calls for each resource
 * and data source type, in ONE place. To support a new type the stacks
 * declare, add one line to {@link ACTIONS_BY_TYPE} (and, for an action not
 * listed yet, one line to {@link RESOURCE_SCOPE_OF_ACTION}).
 *
 * Which side (source or target account) needs a row is not written here: it
 * comes from the provider alias each synthesized resource uses
 * (`aws.source`, `aws.target-<region>`), so a type may appear on either side.
 *
 * Verified against (see the report of the change that added this file):
 * - a recorded run of the real provider binary 5.100.0 (plan, apply, tag and
 *   description update, destroy of the example stacks) against the project's
 *   AWS emulator, which logs every API call;
 * - the provider source (internal/service/ec2/ec2_ami_copy.go, ec2_ami.go,
 *   ec2_ami_launch_permission.go, ebs_snapshot_create_volume_permission.go,
 *   find.go; internal/service/kms/grant.go, key_data_source.go).
 */

/** An IAM action, `service:Action`, never a wildcard. */
export type IamAction = `${'ec2' | 'kms' | 'sts'}:${string}`;

/**
 * Terraform type -> IAM actions the provider calls for it (create, read,
 * update, delete, and plan-time checks). Resource types are bare
 * (`aws_ami_copy`); data sources are prefixed `data.` as in Terraform addresses.
 */
export const ACTIONS_BY_TYPE: Readonly<Record<string, readonly IamAction[]>> = {
  // ModifyImageAttribute (add/remove launchPermission), DescribeImageAttribute (read). No DescribeImages.
  aws_ami_launch_permission: ['ec2:ModifyImageAttribute', 'ec2:DescribeImageAttribute'],
  // ModifySnapshotAttribute (add/remove), DescribeSnapshotAttribute (read, waiters), DescribeSnapshots (CustomizeDiff owner check).
  aws_snapshot_create_volume_permission: ['ec2:ModifySnapshotAttribute', 'ec2:DescribeSnapshotAttribute', 'ec2:DescribeSnapshots'],
  // CopyImage, CreateTags (after the copy), DescribeImages (waiter, read), CreateTags/DeleteTags (tag update),
  // ModifyImageAttribute (description update), DeregisterImage + DeleteSnapshot (destroy).
  aws_ami_copy: ['ec2:CopyImage', 'ec2:CreateTags', 'ec2:DeleteTags', 'ec2:DescribeImages', 'ec2:ModifyImageAttribute', 'ec2:DeregisterImage', 'ec2:DeleteSnapshot'],
  // CreateGrant, ListGrants (read, waiters), RevokeGrant (destroy; RetireGrant only with retire_on_delete, which ami-share does not set).
  aws_kms_grant: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
  'data.aws_ami': ['ec2:DescribeImages'],
  'data.aws_ami_ids': ['ec2:DescribeImages'],
  'data.aws_ebs_snapshot': ['ec2:DescribeSnapshots'],
  'data.aws_ebs_snapshot_ids': ['ec2:DescribeSnapshots'],
  'data.aws_kms_key': ['kms:DescribeKey'],
};

/** What every configured `aws` provider calls itself (the `allowed_account_ids` check). */
export const PROVIDER_ACTIONS: readonly IamAction[] = ['sts:GetCallerIdentity'];

/** Pseudo type under which {@link PROVIDER_ACTIONS} are reported. */
export const PROVIDER_TYPE = 'provider.aws';

/**
 * How far an action's `Resource` can be narrowed, per side:
 * - `requested-region`: the action has no resource-level permissions; `*`,
 *   limited to the side's regions with `aws:RequestedRegion`;
 * - `global`: `*` with no condition (STS);
 * - `images`: source: the manifest's AMIs; target: every image in its regions
 *   (copies get ids only when made);
 * - `snapshots`: every snapshot in the side's regions (snapshot ids are read
 *   from the AMI at plan time; EBS snapshot ARNs carry no account id);
 * - `copy`: CopyImage: the source AMIs copied and their snapshots, plus the new
 *   image and snapshots in the target regions;
 * - `kms-keys`: every key of the side's account in its regions.
 */
export type ResourceScope = 'requested-region' | 'global' | 'images' | 'snapshots' | 'copy' | 'kms-keys';

/** Action -> how its `Resource` is narrowed. Every action in the tables above needs a line here. */
export const RESOURCE_SCOPE_OF_ACTION: Readonly<Record<IamAction, ResourceScope>> = {
  'ec2:DescribeImages': 'requested-region',
  'ec2:DescribeImageAttribute': 'requested-region',
  'ec2:DescribeSnapshots': 'requested-region',
  'ec2:DescribeSnapshotAttribute': 'requested-region',
  'ec2:ModifyImageAttribute': 'images',
  'ec2:ModifySnapshotAttribute': 'snapshots',
  'ec2:CopyImage': 'copy',
  'ec2:CreateTags': 'images',
  'ec2:DeleteTags': 'images',
  'ec2:DeregisterImage': 'images',
  'ec2:DeleteSnapshot': 'snapshots',
  'kms:CreateGrant': 'kms-keys',
  'kms:ListGrants': 'kms-keys',
  'kms:RevokeGrant': 'kms-keys',
  'kms:DescribeKey': 'kms-keys',
  'sts:GetCallerIdentity': 'global',
};

/** Actions a resource needs only when one of its arguments is set; `Resource` is that argument's values. */
export interface ArgumentActions {
  /** Terraform type, as in {@link ACTIONS_BY_TYPE}. */
  readonly type: string;
  /** The argument whose values (ARNs) become the `Resource`. */
  readonly argument: string;
  /** Statement name. */
  readonly sid: string;
  /** Actions, all on the argument's values. */
  readonly actions: readonly IamAction[];
  /** Extra condition of this statement, besides `kms:ViaService` for the argument's regions. @default none */
  readonly condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Who makes the calls and where that is documented. */
  readonly calledBy: string;
}

/**
 * An encrypted copy (`kms_key_id` set): EC2 uses the key on the caller's
 * behalf during CopyImage, so the caller needs these on the key (AWS EBS User
 * Guide, "Requirements for Amazon EBS encryption", permissions for users;
 * `kms:ReEncrypt*` written out as its two actions; CreateGrant only for AWS
 * resources, as that page recommends).
 */
export const ACTIONS_BY_ARGUMENT: readonly ArgumentActions[] = [
  {
    type: 'aws_ami_copy',
    argument: 'kms_key_id',
    sid: 'EncryptCopiesWithKeys',
    actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
    calledBy: 'EC2 on behalf of the caller (CopyImage with KmsKeyId)',
  },
  {
    type: 'aws_ami_copy',
    argument: 'kms_key_id',
    sid: 'LetEc2GrantOnKeys',
    actions: ['kms:CreateGrant'],
    condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    calledBy: 'EC2 on behalf of the caller (CopyImage with KmsKeyId)',
  },
];

/**
 * A resource that lets ANOTHER account use something (a KMS grant to a
 * target account's root): the grantee's role must also be allowed those
 * operations by its own IAM policy, because a grant to an account delegates
 * to that account's IAM, not to its roles directly.
 */
export interface GranteeActions {
  /** Terraform type, as in {@link ACTIONS_BY_TYPE}. */
  readonly type: string;
  /** Argument holding the grantee principal ARN (`arn:...:iam::ACCOUNT:...`). */
  readonly granteeArgument: string;
  /** Argument holding the granted operations; each becomes `<service>:<operation>`. */
  readonly operationsArgument: string;
  /** Argument holding the key ARN; when it is not a literal ARN, every key of the granting account in its region. */
  readonly resourceArgument: string;
  /** IAM service prefix of the operations. */
  readonly service: 'kms';
  /** Who makes the calls. */
  readonly calledBy: string;
}

/** Grants whose grantee needs the granted operations in IAM too. */
export const ACTIONS_FOR_GRANTEE: readonly GranteeActions[] = [
  {
    type: 'aws_kms_grant',
    granteeArgument: 'grantee_principal',
    operationsArgument: 'operations',
    resourceArgument: 'key_id',
    service: 'kms',
    calledBy: 'EC2 on behalf of the target role (CopyImage of an AMI whose snapshots use the granted key)',
  },
];

/**
 * Calls the provider makes whose errors it ignores, left out of the policies
 * on purpose (least privilege); with them denied, CloudTrail shows an
 * AccessDenied (UnauthorizedOperation) per read, and nothing fails.
 */
export const IGNORED_CALLS: Readonly<Record<string, string>> = {
  'ec2:GetInstanceUefiData':
    'called with the AMI id when data.aws_ami and aws_ami_copy are read (observed with provider 5.100.0); the provider ignores its error, so it is not granted',
};

/** The actions of a type, or undefined when the table has no row for it. */
export function actionsOfType(type: string): readonly IamAction[] | undefined {
  return Object.prototype.hasOwnProperty.call(ACTIONS_BY_TYPE, type) ? ACTIONS_BY_TYPE[type] : undefined;
}

/** How an action's resources are narrowed; throws for an action missing from {@link RESOURCE_SCOPE_OF_ACTION}. */
export function scopeOfAction(action: IamAction): ResourceScope {
  const scope = RESOURCE_SCOPE_OF_ACTION[action];
  if (scope === undefined) {
    throw new Error(`internal: IAM action ${action} has no line in RESOURCE_SCOPE_OF_ACTION (lib/iam/actions-by-resource.ts)`);
  }
  return scope;
}
