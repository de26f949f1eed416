import { partitionOf } from '../manifest/patterns';
import {
  ACTIONS_BY_ARGUMENT,
  actionsOfType,
  IamAction,
  PROVIDER_ACTIONS,
  PROVIDER_TYPE,
  ResourceScope,
  scopeOfAction,
} from './actions-by-resource';
import { ReceivedGrant } from './grantee-permissions';
import { IamCondition, IamPolicyDocument, Permission, policyDocument } from './policy-document';
import { TypeUse } from './synthesized-usage';

/** The account one role acts in, as far as the policy needs to know it. */
export interface RoleContext {
  /** Which side of the share the role is. */
  readonly side: 'source' | 'target';
  /** Its account. */
  readonly accountId: string;
  /** The regions its providers act in. */
  readonly regions: readonly string[];
  /** Source side: ARNs of the AMIs it shares (launch permission, description). Unused on the target side. */
  readonly sharedImageArns: readonly string[];
}

/** A role's policy and, per Terraform type, the actions that type added to it. */
export interface RolePolicy {
  readonly policy: IamPolicyDocument;
  /** Terraform type (or `provider.aws`) -> actions it needs, sorted. */
  readonly actionsByType: Readonly<Record<string, readonly IamAction[]>>;
}

/** Statement name of each scope, in the order statements are written. */
const SID_OF_SCOPE: Readonly<Record<ResourceScope, string>> = {
  global: 'ProviderCallerIdentity',
  'requested-region': 'DescribeInRegions',
  images: 'Images',
  snapshots: 'Snapshots',
  copy: 'CopyImages',
  'kms-keys': 'KmsKeys',
};

/** Condition that lets a KMS CreateGrant through only when an AWS service (EC2) creates the grant for the caller. */
const GRANT_FOR_AWS_RESOURCE: IamCondition = { Bool: { 'kms:GrantIsForAWSResource': 'true' } };

/** ARN of an AMI (image ARNs carry no account id); `*` for every image of the region. */
export function imageArn(region: string, amiId: string): string {
  return `arn:${partitionOf(region)}:ec2:${region}::image/${amiId}`;
}

/** ARN pattern of every EBS snapshot in a region (snapshot ARNs carry no account id). */
export function snapshotsArn(region: string): string {
  return `arn:${partitionOf(region)}:ec2:${region}::snapshot/*`;
}

/** ARN pattern of every KMS key of an account in a region. */
export function kmsKeysArn(region: string, accountId: string): string {
  return `arn:${partitionOf(region)}:kms:${region}:${accountId}:key/*`;
}

/** The `kms:ViaService` value of EC2 in a region. */
export function ec2ServiceName(region: string): string {
  return `ec2.${region}.amazonaws.com${partitionOf(region) === 'aws-cn' ? '.cn' : ''}`;
}

/**
 * The policy one role needs: the rows of ACTIONS_BY_TYPE for each type among
 * `uses`, the provider's own calls, the argument-dependent rows (keys of
 * encrypted copies), and what grants in the stacks give its account
 * (`received`). Throws, naming the stack and block, for a type without a row.
 */
export function rolePolicy(context: RoleContext, uses: readonly TypeUse[], received: readonly ReceivedGrant[] = []): RolePolicy {
  const actionsByType = new Map<string, Set<IamAction>>([[PROVIDER_TYPE, new Set(PROVIDER_ACTIONS)]]);
  const addActions = (type: string, actions: readonly IamAction[]) => {
    const set = actionsByType.get(type) ?? new Set<IamAction>();
    actions.forEach((action) => set.add(action));
    actionsByType.set(type, set);
  };
  for (const use of uses) {
    const actions = actionsOfType(use.type);
    if (actions === undefined) {
      throw new Error(
        `stack ${use.stack}: ${use.type}.${use.name} has no row in ACTIONS_BY_TYPE (lib/iam/actions-by-resource.ts); expected the IAM actions the provider calls for ${use.type} there`,
      );
    }
    addActions(use.type, actions);
  }

  const scoped = new Map<ResourceScope, Set<IamAction>>();
  for (const actions of actionsByType.values()) {
    for (const action of actions) {
      const scope = scopeOfAction(action);
      scoped.set(scope, (scoped.get(scope) ?? new Set<IamAction>()).add(action));
    }
  }
  const permissions: Permission[] = [];
  for (const scope of Object.keys(SID_OF_SCOPE) as ResourceScope[]) {
    const actions = scoped.get(scope);
    if (actions !== undefined) {
      permissions.push({ sid: SID_OF_SCOPE[scope], actions: [...actions], ...resourcesOfScope(scope, context, uses) });
    }
  }
  permissions.push(...argumentPermissions(uses, addActions));
  permissions.push(...receivedPermissions(received, addActions));

  const sorted: Record<string, IamAction[]> = {};
  for (const type of [...actionsByType.keys()].sort()) {
    sorted[type] = [...(actionsByType.get(type) ?? [])].sort();
  }
  return { policy: policyDocument(permissions), actionsByType: sorted };
}

/** Rows of ACTIONS_BY_ARGUMENT whose argument is set on some block: the argument's values are the resources. */
function argumentPermissions(uses: readonly TypeUse[], addActions: (type: string, actions: readonly IamAction[]) => void): Permission[] {
  const permissions: Permission[] = [];
  for (const row of ACTIONS_BY_ARGUMENT) {
    const values = [...new Set(uses.filter((u) => u.type === row.type).map((u) => u.config[row.argument]))]
      .filter((v): v is string => typeof v === 'string' && v !== '')
      .sort();
    if (values.length === 0) {
      continue;
    }
    const viaService = [...new Set(values.map((arn) => ec2ServiceName(arn.split(':')[3])))].sort();
    const condition: IamCondition = { ...(row.condition ?? {}), StringEquals: { 'kms:ViaService': viaService } };
    permissions.push({ sid: row.sid, actions: row.actions, resources: values, condition });
    addActions(row.type, row.actions);
  }
  return permissions;
}

/** What grants give this role's account; CreateGrant only for AWS resources (EC2 creating grants during the copy). */
function receivedPermissions(received: readonly ReceivedGrant[], addActions: (type: string, actions: readonly IamAction[]) => void): Permission[] {
  const permissions: Permission[] = [];
  for (const grant of received) {
    const plain = grant.actions.filter((action) => action !== 'kms:CreateGrant');
    if (plain.length > 0) {
      permissions.push({ sid: 'UseGrantedKeys', actions: plain, resources: grant.resources });
    }
    if (grant.actions.includes('kms:CreateGrant')) {
      permissions.push({ sid: 'LetEc2GrantOnGrantedKeys', actions: ['kms:CreateGrant'], resources: grant.resources, condition: GRANT_FOR_AWS_RESOURCE });
    }
    addActions(grant.type, grant.actions);
  }
  return permissions;
}

function resourcesOfScope(
  scope: ResourceScope,
  context: RoleContext,
  uses: readonly TypeUse[],
): { resources: string[]; condition?: IamCondition } {
  const regions = [...context.regions].sort();
  const everyImageInRegions = regions.map((region) => imageArn(region, '*'));
  switch (scope) {
    case 'global':
      return { resources: ['*'] };
    case 'requested-region':
      return { resources: ['*'], condition: { StringEquals: { 'aws:RequestedRegion': regions } } };
    case 'images':
      return { resources: context.side === 'source' ? [...context.sharedImageArns] : everyImageInRegions };
    case 'snapshots':
      return { resources: regions.map(snapshotsArn) };
    case 'copy': {
      const copied = uses
        .filter((u) => u.type === 'aws_ami_copy')
        .flatMap((u) => {
          const region = String(u.config.source_ami_region);
          return [imageArn(region, String(u.config.source_ami_id)), snapshotsArn(region)];
        });
      return { resources: [...new Set([...copied, ...everyImageInRegions, ...regions.map(snapshotsArn)])] };
    }
    case 'kms-keys':
      return { resources: regions.map((region) => kmsKeysArn(region, context.accountId)) };
  }
}
