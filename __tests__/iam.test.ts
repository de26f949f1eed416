import { spawnSync } from 'child_process';
import * as path from 'path';
import {
  ACTIONS_BY_ARGUMENT,
  ACTIONS_BY_TYPE,
  ACTIONS_FOR_GRANTEE,
  IamAction,
  PROVIDER_ACTIONS,
  PROVIDER_TYPE,
  RESOURCE_SCOPE_OF_ACTION,
} from '../lib/iam/actions-by-resource';
import { receivedGrants } from '../lib/iam/grantee-permissions';
import { parseIamArgs } from '../lib/iam/iam-args';
import { IamReport, iamReport, RoleReport } from '../lib/iam/iam-report';
import { actionsOf } from '../lib/iam/policy-document';
import { rolePolicy } from '../lib/iam/role-policies';
import { synthesizeStacks, TypeUse, typeUses } from '../lib/iam/synthesized-usage';
import { Manifest } from '../lib/manifest/types';
import { targetStackName } from '../lib/share-plan';
import { fixtureText, manifestFrom } from './support/synth';

const PROJECT = path.join(__dirname, '..');
const IAM_COMMAND = 'node --require tsx/cjs tools/iam.ts';

function runIam(args: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(`${IAM_COMMAND} ${args}`, { cwd: PROJECT, shell: true, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every action of every role policy of a report, with the role it is in. */
function rolesOf(report: IamReport): [name: string, role: RoleReport, stack: string | undefined][] {
  return [
    ['source', report.source, undefined],
    ...Object.entries(report.targets).map(([key, role]): [string, RoleReport, string] => [key, role, targetStackName(key)]),
  ];
}

/** Types present in the synthesized stacks (in one stack, or in any). */
function presentTypes(uses: readonly TypeUse[], stack?: string): Set<string> {
  return new Set(uses.filter((u) => stack === undefined || u.stack === stack).map((u) => u.type));
}

const example = manifestFrom(fixtureText('shares.yaml'));
const exampleReport = iamReport(example);

describe('npm run iam (tools/iam.ts)', () => {
  test('prints valid JSON for shares.yaml and exits 0', () => {
    const { status, stdout, stderr } = runIam('', { AMI_SHARE_MANIFEST: '' });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const printed = JSON.parse(stdout);
    expect(printed).toEqual(JSON.parse(JSON.stringify(exampleReport)));
  });

  test('a bad manifest: its problems on stderr, exit 1, nothing on stdout', () => {
    const bad = path.join('__tests__', 'fixtures', 'bad', 'unknown-target.yaml');
    const { status, stdout, stderr } = runIam('', { AMI_SHARE_MANIFEST: bad });
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^ami-share: invalid manifest \(1 problem\):\n/);
    expect(stderr).toContain(`${bad}:13:10: shares[0].to[0]: unknown target "workload-x"`);
  });

  test('a bad argument names the value and what is expected', () => {
    const { status, stdout, stderr } = runIam('--ci-role-arn arn:aws:iam::12:user/me');
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('--ci-role-arn arn:aws:iam::12:user/me: expected an IAM role ARN');
  });
});

describe('the action table (lib/iam/actions-by-resource.ts)', () => {
  const everyAction: IamAction[] = [
    ...Object.values(ACTIONS_BY_TYPE).flat(),
    ...PROVIDER_ACTIONS,
    ...ACTIONS_BY_ARGUMENT.flatMap((row) => row.actions),
  ];

  test('has the rows the stacks use now and the encryption rows', () => {
    expect(Object.keys(ACTIONS_BY_TYPE).sort()).toEqual([
      'aws_ami_copy',
      'aws_ami_launch_permission',
      'aws_kms_grant',
      'aws_snapshot_create_volume_permission',
      'data.aws_ami',
      'data.aws_ami_ids',
      'data.aws_ebs_snapshot',
      'data.aws_ebs_snapshot_ids',
      'data.aws_kms_key',
    ]);
    expect(ACTIONS_BY_TYPE.aws_ami_launch_permission).toEqual(['ec2:ModifyImageAttribute', 'ec2:DescribeImageAttribute']);
    expect(ACTIONS_BY_TYPE.aws_kms_grant).toEqual(['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant']);
  });

  test('names no wildcard action', () => {
    for (const action of everyAction) {
      expect(action).toMatch(/^(ec2|kms|sts):[A-Z][A-Za-z]+$/);
    }
  });

  test('says how to narrow the resources of every action it names', () => {
    const provider = [...Object.values(ACTIONS_BY_TYPE).flat(), ...PROVIDER_ACTIONS];
    expect(provider.filter((action) => RESOURCE_SCOPE_OF_ACTION[action] === undefined)).toEqual([]);
  });

  test('a type without a row is an error naming the stack, the block and the file to edit', () => {
    const use: TypeUse = {
      stack: 'share-x',
      type: 'aws_ebs_snapshot_copy',
      name: 'c',
      alias: 'target-us-west-2',
      where: { side: 'target', region: 'us-west-2' },
      config: {},
    };
    expect(() => rolePolicy({ side: 'target', accountId: '123456789012', regions: ['us-west-2'], sharedImageArns: [] }, [use])).toThrow(
      'stack share-x: aws_ebs_snapshot_copy.c has no row in ACTIONS_BY_TYPE (lib/iam/actions-by-resource.ts)',
    );
  });
});

describe('the report of the example manifest (shares.yaml)', () => {
  const uses = typeUses(synthesizeStacks(example));

  test('every action belongs to a resource or data type present in the stacks of the role', () => {
    for (const [name, role, stack] of rolesOf(exampleReport)) {
      const present = presentTypes(uses, stack);
      for (const type of Object.keys(role.actionsByType)) {
        expect([name, type, type === PROVIDER_TYPE || present.has(type)]).toEqual([name, type, true]);
      }
      const explained = new Set(Object.values(role.actionsByType).flat());
      expect(actionsOf(role.policy).filter((action) => !explained.has(action as IamAction))).toEqual([]);
      // and each type's actions are the table's, the provider's, or those its grants and arguments call for
      for (const [type, actions] of Object.entries(role.actionsByType)) {
        const allowed = new Set<string>([
          ...(ACTIONS_BY_TYPE[type] ?? []),
          ...(type === PROVIDER_TYPE ? PROVIDER_ACTIONS : []),
          ...ACTIONS_BY_ARGUMENT.filter((row) => row.type === type).flatMap((row) => row.actions),
          ...(ACTIONS_FOR_GRANTEE.some((row) => row.type === type) ? receivedGrants(uses, () => ({ accountId: '0', region: 'x' })).flatMap((g) => g.actions) : []),
        ]);
        expect(actions.filter((action) => !allowed.has(action))).toEqual([]);
      }
    }
  });

  test('no action anywhere in the output contains "*"', () => {
    const documents = [
      ...rolesOf(exampleReport).flatMap(([, role]) => [role.policy, ...(role.trustPolicy ? [role.trustPolicy] : [])]),
      ...(exampleReport.ciRole.policy ? [exampleReport.ciRole.policy] : []),
      exampleReport.ciRole.trustPolicy,
    ];
    const actions = documents.flatMap((document) => actionsOf(document));
    expect(actions.length).toBeGreaterThan(20);
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
  });

  test('the source role: reads in its region, shares exactly the manifest AMI, and manages the key grants', () => {
    expect(exampleReport.source.policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ProviderCallerIdentity', Effect: 'Allow', Action: ['sts:GetCallerIdentity'], Resource: '*' },
        {
          Sid: 'DescribeInRegions',
          Effect: 'Allow',
          Action: ['ec2:DescribeImageAttribute', 'ec2:DescribeImages', 'ec2:DescribeSnapshotAttribute', 'ec2:DescribeSnapshots'],
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestedRegion': ['ap-northeast-1'] } },
        },
        {
          Sid: 'Images',
          Effect: 'Allow',
          Action: ['ec2:ModifyImageAttribute'],
          Resource: ['arn:aws:ec2:ap-northeast-1::image/ami-0abc1234def567890'],
        },
        { Sid: 'Snapshots', Effect: 'Allow', Action: ['ec2:ModifySnapshotAttribute'], Resource: ['arn:aws:ec2:ap-northeast-1::snapshot/*'] },
        {
          Sid: 'KmsKeys',
          Effect: 'Allow',
          Action: ['kms:CreateGrant', 'kms:DescribeKey', 'kms:ListGrants', 'kms:RevokeGrant'],
          Resource: ['arn:aws:kms:ap-northeast-1:651700000002:key/*'],
        },
      ],
    });
    expect(exampleReport.source.trustPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AmiShareCi', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::<CI_ACCOUNT_ID>:role/<CI_ROLE_NAME>' }, Action: 'sts:AssumeRole' },
      ],
    });
  });

  test('a target role with two regions: copies there, and uses the keys the grants open', () => {
    const target = exampleReport.targets['analytics-c'];
    expect(target.accountId).toBe('230600000024');
    expect(target.policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ProviderCallerIdentity', Effect: 'Allow', Action: ['sts:GetCallerIdentity'], Resource: '*' },
        {
          Sid: 'DescribeInRegions',
          Effect: 'Allow',
          Action: ['ec2:DescribeImages'],
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestedRegion': ['ap-northeast-1', 'us-west-2'] } },
        },
        {
          Sid: 'Images',
          Effect: 'Allow',
          Action: ['ec2:CreateTags', 'ec2:DeleteTags', 'ec2:DeregisterImage', 'ec2:ModifyImageAttribute'],
          Resource: ['arn:aws:ec2:ap-northeast-1::image/*', 'arn:aws:ec2:us-west-2::image/*'],
        },
        {
          Sid: 'Snapshots',
          Effect: 'Allow',
          Action: ['ec2:DeleteSnapshot'],
          Resource: ['arn:aws:ec2:ap-northeast-1::snapshot/*', 'arn:aws:ec2:us-west-2::snapshot/*'],
        },
        {
          Sid: 'CopyImages',
          Effect: 'Allow',
          Action: ['ec2:CopyImage'],
          Resource: [
            'arn:aws:ec2:ap-northeast-1::image/*',
            'arn:aws:ec2:ap-northeast-1::snapshot/*',
            'arn:aws:ec2:us-west-2::image/*',
            'arn:aws:ec2:us-west-2::snapshot/*',
          ],
        },
        {
          Sid: 'UseGrantedKeys',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
          Resource: ['arn:aws:kms:ap-northeast-1:651700000002:key/*'],
        },
        {
          Sid: 'LetEc2GrantOnGrantedKeys',
          Effect: 'Allow',
          Action: ['kms:CreateGrant'],
          Resource: ['arn:aws:kms:ap-northeast-1:651700000002:key/*'],
          Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
        },
      ],
    });
  });

  test('a target role in one region is scoped to that region only', () => {
    const target = exampleReport.targets['workload-b'];
    const resources = target.policy.Statement.flatMap((s) => (typeof s.Resource === 'string' ? [s.Resource] : s.Resource));
    expect(resources.filter((r) => r.includes('us-west-2'))).toEqual([]);
    expect(resources).toContain('arn:aws:ec2:ap-northeast-1::image/*');
  });

  test('the CI role: trusted through GitHub OIDC with sub placeholders, may assume exactly the manifest roles', () => {
    expect(exampleReport.ciRole.trustPolicy.Statement[0]).toEqual({
      Sid: 'GitHubActionsOidc',
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::<CI_ACCOUNT_ID>:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': [
            'repo:<GITHUB_OWNER>/<GITHUB_REPO>:pull_request',
            'repo:<GITHUB_OWNER>/<GITHUB_REPO>:ref:refs/heads/main',
          ],
        },
      },
    });
    expect(exampleReport.ciRole.policy?.Statement).toEqual([
      {
        Sid: 'AssumeAmiShareRoles',
        Effect: 'Allow',
        Action: ['sts:AssumeRole'],
        Resource: [
          'arn:aws:iam::120500000013:role/ami-share-target',
          'arn:aws:iam::230600000024:role/ami-share-target',
          'arn:aws:iam::651700000002:role/ami-share-source',
        ],
      },
    ]);
    expect(Object.keys(exampleReport.placeholders).sort()).toEqual([
      '<GITHUB_OWNER>/<GITHUB_REPO>',
      'arn:aws:iam::<CI_ACCOUNT_ID>:role/<CI_ROLE_NAME>',
    ]);
  });
});

describe('the report follows the manifest', () => {
  const larger = manifestFrom(fixtureText('larger.yaml'), 'larger.yaml');
  const report = iamReport(larger, { ciRoleArn: 'arn:aws:iam::999900000001:role/ami-share-ci', githubRepo: 'my-org/ami-share' });

  test('an encrypted copy lets EC2 use the target key, through EC2 in its region only', () => {
    const statements = report.targets['analytics-c'].policy.Statement;
    const keyArn = 'arn:aws:kms:eu-central-1:230600000024:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(statements.find((s) => s.Sid === 'EncryptCopiesWithKeys')).toEqual({
      Sid: 'EncryptCopiesWithKeys',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
      Resource: [keyArn],
      Condition: { StringEquals: { 'kms:ViaService': ['ec2.eu-central-1.amazonaws.com'] } },
    });
    expect(statements.find((s) => s.Sid === 'LetEc2GrantOnKeys')?.Condition).toEqual({
      Bool: { 'kms:GrantIsForAWSResource': 'true' },
      StringEquals: { 'kms:ViaService': ['ec2.eu-central-1.amazonaws.com'] },
    });
    // the unencrypted target has no such statement
    expect(report.targets['workload-b'].policy.Statement.map((s) => s.Sid)).not.toContain('EncryptCopiesWithKeys');
  });

  test('the source may modify every AMI a share names, revoked ones included (the revoke is a destroy)', () => {
    const images = report.source.policy.Statement.find((s) => s.Sid === 'Images')?.Resource;
    expect(images).toEqual([
      'arn:aws:ec2:ap-northeast-1::image/ami-0123456789abcdef0',
      'arn:aws:ec2:ap-northeast-1::image/ami-0abc1234def567890',
      'arn:aws:ec2:ap-northeast-1::image/ami-0fedcba9876543210',
      'arn:aws:ec2:ap-northeast-1::image/ami-11112222',
    ]);
  });

  test('with every share revoked the source keeps the actions that undo the permissions', () => {
    const revoked: Manifest = { ...larger, shares: larger.shares.map((share) => ({ ...share, access: 'revoked' as const })) };
    const asIs = typeUses(synthesizeStacks(revoked)).filter((u) => u.where.side === 'source');
    expect(asIs.some((u) => u.type === 'aws_ami_launch_permission')).toBe(false);
    const actions = actionsOf(iamReport(revoked).source.policy);
    expect(actions).toEqual(expect.arrayContaining(['ec2:ModifyImageAttribute', 'ec2:ModifySnapshotAttribute', 'kms:RevokeGrant']));
  });

  test('a target without a role gets a policy to attach, no trust policy; an external id becomes a condition', () => {
    expect(report.targets['sandbox-d'].trustPolicy).toBeUndefined();
    expect(report.targets['sandbox-d'].roleArn).toContain('profile "sandbox"');
    expect(report.targets['workload-b'].trustPolicy?.Statement[0]).toEqual({
      Sid: 'AmiShareCi',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::999900000001:role/ami-share-ci' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'ami-share-ci' } },
    });
  });

  test('--ci-role-arn and --github-repo fill the placeholders', () => {
    expect(report.placeholders).toEqual({});
    const trust = report.ciRole.trustPolicy.Statement[0];
    expect(trust.Principal).toEqual({ Federated: 'arn:aws:iam::999900000001:oidc-provider/token.actions.githubusercontent.com' });
    expect(trust.Condition?.StringEquals['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:my-org/ami-share:pull_request',
      'repo:my-org/ami-share:ref:refs/heads/main',
    ]);
    // no role in the manifest is assumed through a profile
    expect(report.ciRole.policy?.Statement[0].Resource).toEqual(['arn:aws:iam::120500000013:role/ami-share-target']);
  });

  test('a target that receives no share still gets the provider check, in its regions', () => {
    const text = fixtureText('shares.yaml').replace(
      'targets:\n',
      'targets:\n  idle-e:\n    accountId: "340700000035"\n    regions: [eu-west-1]\n',
    );
    const idle = iamReport(manifestFrom(text)).targets['idle-e'];
    expect(idle.actionsByType).toEqual({ 'provider.aws': ['sts:GetCallerIdentity'] });
    expect(actionsOf(idle.policy)).toEqual(['sts:GetCallerIdentity']);
  });
});

describe('state in S3', () => {
  const s3 = (extra: string) =>
    manifestFrom(`state:\n  backend: s3\n  bucket: acme-terraform-state\n  keyPrefix: platform/ami-share/\n  region: us-east-1\n${extra}${fixtureText('shares.yaml')}`);
  const keys = ['share-analytics-c', 'share-organizations', 'share-workload-b'].map(
    (stack) => `arn:aws:s3:::acme-terraform-state/platform/ami-share/${stack}.tfstate`,
  );

  test('without a state role, the CI role reads and writes each stack state and its lock file', () => {
    const report = iamReport(s3(''));
    expect(report.stateRole).toBeUndefined();
    expect(report.ciRole.policy?.Statement.slice(1)).toEqual([
      { Sid: 'StateBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::acme-terraform-state'] },
      { Sid: 'StateObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: keys },
      {
        Sid: 'StateLockFiles',
        Effect: 'Allow',
        Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        Resource: keys.map((key) => `${key}.tflock`),
      },
    ]);
  });

  test('with a state role, that role gets the state permissions and the CI role may assume it', () => {
    const report = iamReport(s3('  roleArn: arn:aws:iam::999900000001:role/terraform-state\n  useLockfile: false\n'));
    expect(report.stateRole?.roleArn).toBe('arn:aws:iam::999900000001:role/terraform-state');
    expect(report.stateRole?.policy.Statement.map((st) => st.Sid)).toEqual(['StateBucket', 'StateObjects']);
    expect(report.ciRole.policy?.Statement).toHaveLength(1);
    expect(report.ciRole.policy?.Statement[0].Resource).toContain('arn:aws:iam::999900000001:role/terraform-state');
  });
});

describe('command-line arguments', () => {
  test('parse, and reject bad values with what is expected', () => {
    expect(parseIamArgs([])).toEqual({ help: false, ciRoleArn: undefined, githubRepo: undefined });
    expect(parseIamArgs(['--github-repo', 'o/r'])).toEqual({ help: false, ciRoleArn: undefined, githubRepo: 'o/r' });
    expect(parseIamArgs(['--help'])).toEqual({ help: true });
    expect(() => parseIamArgs(['--github-repo', 'not a repo'])).toThrow('--github-repo not a repo: expected OWNER/REPO');
    expect(() => parseIamArgs(['--ci-role-arn'])).toThrow('--ci-role-arn needs a value');
    expect(() => parseIamArgs(['--profile', 'x'])).toThrow('unknown argument "--profile"');
  });
});

describe('grants to another account', () => {
  test('a grantee that is not a literal principal is an error naming the block', () => {
    const use: TypeUse = {
      stack: 'share-b',
      type: 'aws_kms_grant',
      name: 'keys_x',
      alias: 'source',
      where: { side: 'source' },
      config: { grantee_principal: '${aws_iam_role.x.arn}', operations: ['Decrypt'] },
    };
    expect(() => receivedGrants([use], () => ({ accountId: '651700000002', region: 'ap-northeast-1' }))).toThrow(
      'stack share-b: aws_kms_grant.keys_x: grantee_principal "${aws_iam_role.x.arn}"; expected a literal IAM principal ARN',
    );
  });
});
