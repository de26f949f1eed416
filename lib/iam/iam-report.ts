import { Manifest } from '../manifest/types';
import { targetStackName } from '../share-plan';
import { IamAction, IGNORED_CALLS } from './actions-by-resource';
import { Placement, ReceivedGrant, receivedGrants } from './grantee-permissions';
import { IamPolicyDocument, policyDocument, TrustStatement } from './policy-document';
import { imageArn, rolePolicy } from './role-policies';
import { statePermissions } from './state-permissions';
import { synthesizeStacks, TypeUse, typeUses } from './synthesized-usage';
import { CiIdentity, ciRolePolicy, ciRoleTrustPolicy, PLACEHOLDERS, roleTrustPolicy } from './trust-policies';

/** The Terraform AWS provider version whose calls the tables describe (what the stacks pin). */
export const TERRAFORM_AWS_PROVIDER = '5.100.0';

/** What one source or target role needs. */
export interface RoleReport {
  readonly accountId: string;
  readonly regions: readonly string[];
  /** The role the provider assumes, or a note when the manifest uses a profile or ambient credentials. */
  readonly roleArn: string;
  /** Attach to the role. */
  readonly policy: IamPolicyDocument;
  /** Set as the role's trust policy; absent when the manifest names no role. */
  readonly trustPolicy?: IamPolicyDocument<TrustStatement>;
  /** Why each action is there: Terraform type -> actions. */
  readonly actionsByType: Readonly<Record<string, readonly IamAction[]>>;
}

/** Everything `npm run iam` prints. */
export interface IamReport {
  readonly manifest: string;
  readonly terraformAwsProvider: string;
  readonly source: RoleReport;
  readonly targets: Readonly<Record<string, RoleReport>>;
  readonly ciRole: {
    readonly roleArn: string;
    readonly policy?: IamPolicyDocument;
    readonly trustPolicy: IamPolicyDocument<TrustStatement>;
  };
  /** The role Terraform assumes for an S3 state backend (`state.roleArn`); absent otherwise. */
  readonly stateRole?: {
    readonly roleArn: string;
    readonly policy: IamPolicyDocument;
    readonly trustPolicy: IamPolicyDocument<TrustStatement>;
  };
  /** Placeholders still to fill in, with what goes there. */
  readonly placeholders: Readonly<Record<string, string>>;
  readonly notes: readonly string[];
}

/** Options of {@link iamReport}. */
export interface IamReportOptions {
  /** ARN of the CI role. @default {@link PLACEHOLDERS.ciRoleArn} */
  readonly ciRoleArn?: string;
  /** `owner/repo` allowed to assume the CI role. @default {@link PLACEHOLDERS.githubRepo} */
  readonly githubRepo?: string;
}

/**
 * The IAM policies a manifest's stacks need: synthesizes the stacks, reads
 * which resource and data types each side uses, and turns them into the
 * source role's policy, each target role's policy, and trust-policy skeletons
 * for those roles and for the CI role assumed through GitHub OIDC.
 *
 * A revoked share has no permission blocks, but the deploy that revokes it
 * still destroys them; so the stacks of the same manifest with every share
 * granted are read too.
 */
export function iamReport(manifest: Manifest, options: IamReportOptions = {}): IamReport {
  const ci: CiIdentity = {
    ciRoleArn: options.ciRoleArn ?? PLACEHOLDERS.ciRoleArn,
    githubRepo: options.githubRepo ?? PLACEHOLDERS.githubRepo,
  };
  const { uses, stackNames } = usesOfManifest(manifest);

  const received = receivedGrants(uses, (use) => placementOf(manifest, use));
  const receivedBy = (accountId: string): ReceivedGrant[] => received.filter((g) => g.granteeAccountId === accountId);

  const sourceUses = uses.filter((u) => u.where.side === 'source');
  const source = roleReport(
    { side: 'source', accountId: manifest.source.accountId, regions: [manifest.source.region], sharedImageArns: sharedImageArns(manifest) },
    sourceUses,
    receivedBy(manifest.source.accountId),
    manifest.source,
    ci,
  );

  const targets: Record<string, RoleReport> = {};
  for (const target of manifest.targets.values()) {
    const stack = targetStackName(target.key);
    const regions = target.regions.map((r) => r.region);
    const targetUses = uses.filter((u) => u.stack === stack && u.where.side === 'target');
    for (const use of targetUses) {
      if (use.where.side === 'target' && !regions.includes(use.where.region)) {
        throw new Error(`internal: stack ${stack}: ${use.type}.${use.name} acts in ${use.where.region}, not a region of target ${target.key}`);
      }
    }
    targets[target.key] = roleReport(
      { side: 'target', accountId: target.accountId, regions, sharedImageArns: [] },
      targetUses,
      receivedBy(target.accountId),
      target,
      ci,
    );
  }
  const stray = uses.filter((u) => u.where.side === 'target' && ![...manifest.targets.keys()].some((k) => targetStackName(k) === u.stack));
  if (stray.length > 0) {
    throw new Error(`internal: stack ${stray[0].stack}: ${stray[0].type}.${stray[0].name} acts in a target account, but the stack belongs to no target`);
  }

  const state = statePermissions(manifest.state, stackNames);
  const stateRoleArn = manifest.state.backend === 's3' ? manifest.state.roleArn : undefined;
  const roleArns = [manifest.source.roleArn, ...[...manifest.targets.values()].map((t) => t.roleArn), stateRoleArn].filter(
    (arn): arn is string => arn !== undefined,
  );
  return {
    manifest: manifest.file,
    terraformAwsProvider: TERRAFORM_AWS_PROVIDER,
    source,
    targets,
    ciRole: {
      roleArn: ci.ciRoleArn,
      policy: ciRolePolicy(roleArns, stateRoleArn === undefined ? state : []),
      trustPolicy: ciRoleTrustPolicy(ci),
    },
    ...(stateRoleArn !== undefined
      ? { stateRole: { roleArn: stateRoleArn, policy: policyDocument(state), trustPolicy: roleTrustPolicy(ci.ciRoleArn) } }
      : {}),
    placeholders: placeholdersLeft(ci),
    notes: notes(manifest),
  };
}

/** Type uses of the manifest's stacks, and of the same manifest with every revoked share granted; and the stack names. */
function usesOfManifest(manifest: Manifest): { uses: TypeUse[]; stackNames: string[] } {
  const stacks = synthesizeStacks(manifest);
  const stackNames = stacks.map((stack) => stack.name);
  const asIs = typeUses(stacks);
  if (!manifest.shares.some((share) => share.access === 'revoked')) {
    return { uses: asIs, stackNames };
  }
  const granted: Manifest = { ...manifest, shares: manifest.shares.map((share) => ({ ...share, access: 'granted' as const })) };
  const seen = new Set(asIs.map(useKey));
  return { uses: [...asIs, ...typeUses(synthesizeStacks(granted)).filter((u) => !seen.has(useKey(u)))], stackNames };
}

function useKey(use: TypeUse): string {
  return `${use.stack} ${use.type}.${use.name} ${use.alias}`;
}

/** ARNs of every AMI a share names (granted or revoked: a revoke still modifies the AMI). */
function sharedImageArns(manifest: Manifest): string[] {
  const keys = new Set(manifest.shares.map((share) => share.image));
  return [...keys]
    .sort()
    .map((key) => manifest.images.get(key))
    .filter((image) => image !== undefined)
    .map((image) => imageArn(manifest.source.region, image.amiId));
}

/** Where a block acts: the source, or the target whose stack holds it, in the provider's region. */
function placementOf(manifest: Manifest, use: TypeUse): Placement {
  if (use.where.side === 'source') {
    return { accountId: manifest.source.accountId, region: manifest.source.region };
  }
  const target = [...manifest.targets.values()].find((t) => targetStackName(t.key) === use.stack);
  if (target === undefined) {
    throw new Error(`internal: stack ${use.stack}: ${use.type}.${use.name} acts in a target account, but the stack belongs to no target`);
  }
  return { accountId: target.accountId, region: use.where.region };
}

function roleReport(
  context: Parameters<typeof rolePolicy>[0],
  uses: readonly TypeUse[],
  received: readonly ReceivedGrant[],
  credentials: { readonly roleArn?: string; readonly externalId?: string; readonly profile?: string },
  ci: CiIdentity,
): RoleReport {
  const { policy, actionsByType } = rolePolicy(context, uses, received);
  const roleArn =
    credentials.roleArn ??
    (credentials.profile !== undefined
      ? `(none: the manifest uses profile "${credentials.profile}"; attach the policy to the identity that profile resolves to)`
      : '(none: the manifest uses ambient credentials; attach the policy to the identity the deploy runs as)');
  return {
    accountId: context.accountId,
    regions: [...context.regions].sort(),
    roleArn,
    policy,
    ...(credentials.roleArn !== undefined ? { trustPolicy: roleTrustPolicy(ci.ciRoleArn, credentials.externalId) } : {}),
    actionsByType,
  };
}

function placeholdersLeft(ci: CiIdentity): Record<string, string> {
  const left: Record<string, string> = {};
  if (ci.ciRoleArn === PLACEHOLDERS.ciRoleArn) {
    left[PLACEHOLDERS.ciRoleArn] = 'ARN of the role GitHub Actions assumes (repository variable AMI_SHARE_CI_ROLE_ARN); or pass --ci-role-arn';
  }
  if (ci.githubRepo === PLACEHOLDERS.githubRepo) {
    left[PLACEHOLDERS.githubRepo] = 'the GitHub repository that runs the workflows; or pass --github-repo owner/repo';
  }
  return left;
}

function notes(manifest: Manifest): string[] {
  const list = [
    `Actions are those the Terraform AWS provider ${TERRAFORM_AWS_PROVIDER} calls for the resource and data types in the synthesized stacks (lib/iam/actions-by-resource.ts); Describe* actions have no resource-level permissions, so they are limited by aws:RequestedRegion.`,
    'Source image actions are limited to the AMIs the manifest shares: when an image gets a new amiId, or a share is removed, the next deploy still modifies the OLD AMI (it removes its launch permission), so apply this policy only after that deploy, or keep the old AMI in it until then.',
    'sub claims: repositories that emit immutable subject claims use repo:OWNER@ORG_ID/REPO@REPO_ID:...; the pull_request subject lets pull-request workflows assume the CI role, which can assume the write-capable roles: keep workflow files protected (CODEOWNERS, required review) or split a read-only plan role.',
    ...Object.entries(IGNORED_CALLS).map(([action, why]) => `${action} is not granted: ${why}.`),
  ];
  if ([...manifest.targets.values()].some((t) => t.regions.some((r) => r.kmsKeyArn !== undefined))) {
    list.push('Encrypted copies: the key policy of each kmsKeyArn must also let the target account use the key through IAM (the default key policy does).');
  }
  if (manifest.state.backend === 'cloud') {
    list.push('State in HCP Terraform: the runs need an HCP Terraform token (TF_TOKEN_<hostname>), not an AWS permission.');
  } else if (manifest.state.backend === 'local') {
    list.push('State is local: CI runners do not keep it, so the workflows refuse to deploy or check drift until state.backend is s3 or cloud.');
  }
  list.push(
    'Source keys: customer managed keys behind the source snapshots are found at plan time, so the target roles get the granted KMS operations on every key of the source account in its region (UseGrantedKeys); the aws_kms_grant in each stack is what opens a key to one target account.',
  );
  return list;
}
