import { IamPolicyDocument, Permission, policyDocument, TrustStatement } from './policy-document';

/** Issuer of GitHub Actions OIDC tokens. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/** Placeholders printed where the manifest cannot know the value; the user replaces them. */
export const PLACEHOLDERS = {
  ciRoleArn: 'arn:aws:iam::<CI_ACCOUNT_ID>:role/<CI_ROLE_NAME>',
  githubRepo: '<GITHUB_OWNER>/<GITHUB_REPO>',
} as const;

/** The role GitHub Actions assumes, and the repository allowed to assume it. */
export interface CiIdentity {
  /** ARN of the CI role (assumed through OIDC), or {@link PLACEHOLDERS.ciRoleArn}. */
  readonly ciRoleArn: string;
  /** `owner/repo`, or {@link PLACEHOLDERS.githubRepo}. */
  readonly githubRepo: string;
}

/**
 * The `sub` claims the workflows present: pushes to main (deploy), schedule
 * and workflow_dispatch on main (drift), and pull requests (plan comment).
 * Repositories that emit immutable subject claims (`owner@ID/repo@ID`) need
 * that form instead.
 */
export function githubSubjects(githubRepo: string): string[] {
  return [`repo:${githubRepo}:pull_request`, `repo:${githubRepo}:ref:refs/heads/main`];
}

/** Trust policy of the CI role: GitHub's OIDC provider, for this repository's workflows only. */
export function ciRoleTrustPolicy(ci: CiIdentity): IamPolicyDocument<TrustStatement> {
  const ciAccount = ci.ciRoleArn.split(':')[4];
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GitHubActionsOidc',
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${ciAccount}:oidc-provider/${GITHUB_OIDC_HOST}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com',
            [`${GITHUB_OIDC_HOST}:sub`]: githubSubjects(ci.githubRepo),
          },
        },
      },
    ],
  };
}

/**
 * Permission policy of the CI role: assume the manifest's roles, plus what
 * it does itself (`own`: the S3 state when no state role is named).
 * Undefined when there is nothing to allow.
 */
export function ciRolePolicy(roleArns: readonly string[], own: readonly Permission[] = []): IamPolicyDocument | undefined {
  const unique = [...new Set(roleArns)].sort();
  const permissions: Permission[] = [
    ...(unique.length > 0 ? [{ sid: 'AssumeAmiShareRoles', actions: ['sts:AssumeRole'], resources: unique }] : []),
    ...own,
  ];
  return permissions.length === 0 ? undefined : policyDocument(permissions);
}

/** Trust policy of a source or target role: the CI role may assume it (with the manifest's external id, if any). */
export function roleTrustPolicy(ciRoleArn: string, externalId?: string): IamPolicyDocument<TrustStatement> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AmiShareCi',
        Effect: 'Allow',
        Principal: { AWS: ciRoleArn },
        Action: 'sts:AssumeRole',
        ...(externalId !== undefined ? { Condition: { StringEquals: { 'sts:ExternalId': externalId } } } : {}),
      },
    ],
  };
}
