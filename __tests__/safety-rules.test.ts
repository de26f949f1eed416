import 'cdktf/lib/testing/adapters/jest'; // types of cdktf's matchers, installed by setup.js
import { ManifestError } from '../lib/manifest/problems';
import { forgottenCopies, manifestRegions } from '../lib/share-plan';
import { fixtureText, manifestFrom, synthManifest } from './support/synth';

const EXAMPLE = fixtureText('shares.yaml');

function messagesOf(yaml: string): string[] {
  try {
    manifestFrom(yaml);
  } catch (error) {
    return (error as ManifestError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error('expected the manifest to be refused');
}

const PUBLIC_SHARE = '  - image: demo-base\n    public: true\n';

describe('sharing policy, checked at synth', () => {
  test('a public share without policy.allowPublic is refused, saying how to allow it', () => {
    expect(messagesOf(EXAMPLE + PUBLIC_SHARE)).toEqual([
      'shares[2].public: public sharing is refused: it lets every AWS account launch the image; expected public: false, or policy.allowPublic: true at the top of the manifest after review',
    ]);
  });

  test('with policy.allowPublic: true it becomes launch permission for group "all" in share-organizations', () => {
    const stacks = synthManifest(manifestFrom(`policy:\n  allowPublic: true\n${EXAMPLE}${PUBLIC_SHARE}`));
    expect(stacks['share-organizations'].json.resource.aws_ami_launch_permission['launch_demo-base_public']).toMatchObject({
      group: 'all',
      image_id: 'ami-0abc1234def567890',
      provider: 'aws.source',
    });
  });

  test('policy.allowedAccounts refuses every other target account', () => {
    const text = `policy:\n  allowedAccounts: ["120500000013"]\n${EXAMPLE}`;
    expect(messagesOf(text)).toEqual([
      'targets.analytics-c.accountId: account 230600000024 is not in policy.allowedAccounts; expected one of 120500000013, or the account added to policy.allowedAccounts after review',
    ]);
    expect(() => manifestFrom(`policy:\n  allowedAccounts: ["120500000013", "230600000024"]\n${EXAMPLE}`)).not.toThrow();
  });

  test('an unknown policy field is refused', () => {
    expect(messagesOf(`policy:\n  allowPublik: true\n${EXAMPLE}`)).toEqual([
      'policy.allowPublik: unknown field "allowPublik"; expected one of: allowPublic, allowedAccounts',
    ]);
  });
});

describe('plan-time checks in every target stack', () => {
  const json = synthManifest(manifestFrom(EXAMPLE))['share-workload-b'].json;

  test('the AMI must exist in the source account (precondition, before the lookup)', () => {
    expect(json.data.aws_ami_ids['found_demo-base']).toMatchObject({ owners: ['651700000002'], provider: 'aws.source' });
    expect(json.data.aws_ami['image_demo-base'].lifecycle.precondition).toEqual([
      {
        condition: '${length(data.aws_ami_ids.found_demo-base.ids) == 1}',
        error_message:
          'AMI ami-0abc1234def567890 (images.demo-base) is not in the source account 651700000002 in ap-northeast-1: it does not exist there, was deregistered, or another account owns it. Expected an AMI that the source account owns: check images.demo-base.amiId and source.region.',
      },
    ]);
  });

  test('the AMI must be available and EBS-backed (postconditions)', () => {
    const conditions = json.data.aws_ami['image_demo-base'].lifecycle.postcondition.map((c: { condition: string }) => c.condition);
    expect(conditions).toEqual(['${self.state == "available"}', '${self.root_device_type == "ebs"}']);
  });

  test('every snapshot of the AMI must still exist', () => {
    const check = json.data.aws_ebs_snapshot_ids['snapshots_demo-base'];
    expect(check.owners).toEqual(['651700000002']);
    expect(check.lifecycle.postcondition[0].condition).toMatch(/^\$\{length\(self\.ids\) == length\(\{ for bdm in data\.aws_ami\.image_demo-base/);
    expect(check.lifecycle.postcondition[0].error_message).toMatch(/are gone from the source account 651700000002 in ap-northeast-1, so the AMI cannot be copied/);
  });

  test('keys behind encrypted snapshots must be customer managed, and each is opened to the target with a grant', () => {
    expect(json.data.aws_kms_key['keys_demo-base'].lifecycle.postcondition[0].condition).toBe('${self.key_manager == "CUSTOMER"}');
    expect(json.resource.aws_kms_grant['keys_demo-base']).toMatchObject({
      for_each: '${data.aws_kms_key.keys_demo-base}',
      key_id: '${each.value.arn}',
      grantee_principal: 'arn:aws:iam::120500000013:root',
      operations: ['Decrypt', 'DescribeKey', 'CreateGrant', 'ReEncryptFrom', 'ReEncryptTo', 'GenerateDataKeyWithoutPlaintext'],
      provider: 'aws.source',
    });
  });
});

describe('copies are protected by default', () => {
  test('every copy carries prevent_destroy unless its share says protect: false', () => {
    const guarded = synthManifest(manifestFrom(EXAMPLE))['share-analytics-c'].json.resource.aws_ami_copy;
    for (const copy of Object.values(guarded) as { lifecycle?: unknown }[]) {
      expect(copy.lifecycle).toEqual({ prevent_destroy: true });
    }
    const open = synthManifest(manifestFrom(EXAMPLE.replace('      team: platform\n', '      team: platform\n    protect: false\n')));
    for (const copy of Object.values(open['share-analytics-c'].json.resource.aws_ami_copy) as { lifecycle?: unknown }[]) {
      expect(copy.lifecycle).toBeUndefined();
    }
  });

  test('copy addresses that the manifest could name but does not configure are forgotten, never destroyed', () => {
    const manifest = manifestFrom(EXAMPLE);
    expect(manifestRegions(manifest)).toEqual(['ap-northeast-1', 'us-west-2']);
    expect(forgottenCopies(manifest, 'workload-b')).toEqual([{ imageKey: 'demo-base', region: 'us-west-2' }]);
    expect(forgottenCopies(manifest, 'analytics-c')).toEqual([]);
    const json = synthManifest(manifest)['share-workload-b'].json;
    expect(json.removed).toEqual([{ from: 'aws_ami_copy.copy_demo-base_us-west-2', lifecycle: { destroy: false } }]);
    // The provider of that region stays declared: Terraform needs it to forget the copy.
    expect(json.provider.aws.map((p: { alias: string }) => p.alias)).toContain('target-us-west-2');
  });

  test('a share removed from the manifest turns its copies into removed blocks', () => {
    const without = manifestFrom(EXAMPLE.replace('to: [workload-b, analytics-c]', 'to: [analytics-c]'));
    const json = synthManifest(without)['share-workload-b'].json;
    expect(json.resource?.aws_ami_copy).toBeUndefined();
    expect(json.removed.map((r: { from: string }) => r.from).sort()).toEqual([
      'aws_ami_copy.copy_demo-base_ap-northeast-1',
      'aws_ami_copy.copy_demo-base_us-west-2',
    ]);
  });

  test('protect: false with copy: false lets Terraform delete the copies (no removed block)', () => {
    const deleting = manifestFrom(EXAMPLE.replace('      team: platform\n', '      team: platform\n    protect: false\n    copy: false\n'));
    expect(forgottenCopies(deleting, 'workload-b')).toEqual([]);
    expect(synthManifest(deleting)['share-workload-b'].json.removed).toBeUndefined();
  });
});

describe('adoption of console shares', () => {
  test('adopt: true imports the launch permission (ACCOUNT/IMAGE) instead of creating it', () => {
    const json = synthManifest(manifestFrom(EXAMPLE.replace('      team: platform\n', '      team: platform\n    adopt: true\n')))['share-workload-b'].json;
    expect(json.import).toEqual([
      { id: '120500000013/ami-0abc1234def567890', provider: 'aws.source', to: 'aws_ami_launch_permission.launch_demo-base' },
    ]);
  });

  test('without adopt there is no import block', () => {
    expect(synthManifest(manifestFrom(EXAMPLE))['share-workload-b'].json.import).toBeUndefined();
  });
});
