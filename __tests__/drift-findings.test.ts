import { findingsOf } from '../lib/drift/findings';
import { ResourceChange } from '../lib/drift/plan-json';
import { exitCodeOf, renderMarkdown } from '../lib/drift/report';
import { errorSummary, StackCheck } from '../lib/drift/stack-check';
import { fixtureText, manifestFrom } from './support/synth';

const manifest = manifestFrom(fixtureText('shares.yaml'));

function change(address: string, actions: string[], values: Record<string, unknown> = {}, extra: Partial<ResourceChange['change']> = {}): ResourceChange {
  const [type, rest] = address.split('.');
  const [name, index] = rest.split('[');
  return {
    address,
    mode: 'managed',
    type,
    name,
    index: index ? JSON.parse(index.slice(0, -1)) : undefined,
    change: { actions, before: actions.includes('create') && !actions.includes('delete') ? null : values, after: actions.includes('delete') && !actions.includes('create') ? null : values, ...extra },
  };
}

describe('drift findings, in words', () => {
  test('each kind of difference reads as what it means for the accounts', () => {
    const plan = {
      resource_drift: [change('aws_ami_launch_permission.launch_demo-base', ['delete'], { image_id: 'ami-0abc1234def567890' })],
      resource_changes: [
        change('aws_ami_launch_permission.launch_demo-base', ['create'], { image_id: 'ami-0abc1234def567890', account_id: '120500000013' }),
        change('aws_snapshot_create_volume_permission.snapshots_demo-base["/dev/xvda"]', ['create'], { snapshot_id: 'snap-0abc1234def567890' }),
        change('aws_ami_copy.copy_demo-base_us-west-2', ['forget'], { id: 'ami-0123456789abcdef0' }),
        change('aws_ami_copy.copy_demo-base_ap-northeast-1', ['delete', 'create'], { id: 'ami-0fedcba9876543210' }),
        change('aws_kms_grant.keys_demo-base["arn:aws:kms:ap-northeast-1:651700000002:key/k"]', ['delete'], { key_id: 'arn:aws:kms:ap-northeast-1:651700000002:key/k' }),
        change('aws_ami_copy.copy_demo-base_eu-west-1', ['no-op']),
      ],
    };
    expect(findingsOf('share-workload-b', plan, manifest).map((f) => [f.kind, f.message])).toEqual([
      [
        'removed-outside',
        'launch permission for image demo-base (ami-0abc1234def567890) to workload-b (120500000013) was removed outside Terraform; deploy restores it',
      ],
      [
        'pending-create',
        'snapshot permission on snap-0abc1234def567890 (image demo-base (ami-0abc1234def567890), /dev/xvda) for workload-b (120500000013) is not deployed yet; deploy creates it',
      ],
      [
        'pending-forget',
        'copy ami-0123456789abcdef0 of image demo-base (ami-0abc1234def567890) in us-west-2 for workload-b (120500000013) has left the manifest; deploy stops managing it and leaves it in the account',
      ],
      [
        'pending-replace',
        'copy ami-0fedcba9876543210 of image demo-base (ami-0abc1234def567890) in ap-northeast-1 for workload-b (120500000013) must be replaced (a changed name, source AMI or key); deploy deletes the old copy and makes a new one',
      ],
      [
        'pending-delete',
        'KMS grant on arn:aws:kms:ap-northeast-1:651700000002:key/k (image demo-base (ami-0abc1234def567890)) for workload-b (120500000013) is no longer in the manifest; deploy revokes it',
      ],
    ]);
  });

  test('organization stack findings name the organization, OU or the public', () => {
    const plan = {
      resource_changes: [
        change('aws_ami_launch_permission.launch_demo-base_o-abc123def4', ['create']),
        change('aws_ami_launch_permission.launch_demo-base_ou-ab12-cdef3456', ['delete']),
        change('aws_ami_launch_permission.launch_demo-base_public', ['create'], { group: 'all' }),
      ],
    };
    expect(findingsOf('share-organizations', plan, manifest).map((f) => f.message)).toEqual([
      'launch permission for image demo-base (ami-0abc1234def567890) to organization o-abc123def4 is not deployed yet; deploy creates it',
      'launch permission for image demo-base (ami-0abc1234def567890) to organizational unit ou-ab12-cdef3456 is no longer in the manifest; deploy revokes it',
      'launch permission for image demo-base (ami-0abc1234def567890) to everyone (public) is not deployed yet; deploy creates it',
    ]);
  });

  test('tags changed in the console are drift that deploy sets back; imports are named', () => {
    const copy = 'aws_ami_copy.copy_demo-base_ap-northeast-1';
    const plan = {
      resource_drift: [change(copy, ['update'], {})],
      resource_changes: [
        { ...change(copy, ['update']), change: { actions: ['update'], before: { tags: { team: 'x' }, id: 'ami-1' }, after: { tags: { team: 'platform' }, id: 'ami-1' } } },
        change('aws_ami_launch_permission.launch_demo-base', ['no-op'], {}, { importing: { id: '120500000013/ami-0abc1234def567890' } }),
      ],
    };
    expect(findingsOf('share-workload-b', plan, manifest).map((f) => f.message)).toEqual([
      'copy ami-1 of image demo-base (ami-0abc1234def567890) in ap-northeast-1 for workload-b (120500000013) was changed outside Terraform (tags); deploy sets it back',
      'launch permission for image demo-base (ami-0abc1234def567890) to workload-b (120500000013) exists already; deploy imports it into state without changing it',
    ]);
  });
});

describe('exit codes and reports', () => {
  const inSync: StackCheck = { stack: 'share-a', status: 'in-sync', findings: [], seconds: 1 };
  const changed: StackCheck = {
    stack: 'share-b',
    status: 'changes',
    findings: [{ stack: 'share-b', address: 'x.y', kind: 'pending-create', actions: ['create'], message: 'a | b' }],
    seconds: 2,
  };
  const failed: StackCheck = { stack: 'share-c', status: 'error', findings: [], error: 'boom', seconds: 3 };

  test('0 in sync, 2 on changes, 1 on any error', () => {
    expect(exitCodeOf([inSync])).toBe(0);
    expect(exitCodeOf([inSync, changed])).toBe(2);
    expect(exitCodeOf([changed, failed])).toBe(1);
  });

  test('Markdown escapes table characters and lists findings by stack', () => {
    const markdown = renderMarkdown([inSync, changed]);
    expect(markdown).toContain('| `share-b` | changes | 1 |');
    expect(markdown).toContain('- a \\| b (`x.y`)');
  });

  test('terraform errors become one line that names the cause', () => {
    const output = [
      'Error: Cannot assume IAM Role',
      '',
      '  with provider["registry.terraform.io/hashicorp/aws"].source,',
      '  on cdk.tf.json line 25, in provider.aws[0]:',
      '  25:       }',
      '',
      'IAM Role (arn:aws:iam::651700000002:role/ami-share-source) cannot be assumed.',
      '',
      'Error: operation error STS: AssumeRole, https response error StatusCode: 403,',
      'RequestID: d042e86c-8b07-4430-8df1-31371b371d6c, api error',
      'InvalidClientTokenId: The security token included in the request is invalid.',
    ].join('\n');
    expect(errorSummary(output)).toBe(
      'the AWS credentials were refused: Cannot assume IAM Role: IAM Role (arn:aws:iam::651700000002:role/ami-share-source) cannot be assumed.; operation error STS: AssumeRole, https response error StatusCode: 403, api error InvalidClientTokenId: The security token included in the request is invalid.',
    );
  });
});
