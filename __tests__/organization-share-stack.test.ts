import 'cdktf/lib/testing/adapters/jest'; // types of cdktf's matchers, installed by setup.js
import { AmiLaunchPermission } from '@cdktf/provider-aws/lib/ami-launch-permission';
import { Testing } from 'cdktf';
import { ORGANIZATIONS_STACK, organizationGrants } from '../lib/share-plan';
import { OrganizationShareStack } from '../stacks/organization-share-stack';
import { fixtureText, manifestFrom, synthManifest } from './support/synth';

const manifest = manifestFrom(fixtureText('larger.yaml'), 'larger.yaml');

describe('OrganizationShareStack', () => {
  const stack = new OrganizationShareStack(Testing.app({ stackTraces: false }), ORGANIZATIONS_STACK, {
    source: manifest.source,
    grants: organizationGrants(manifest),
    statePath: '../../../state/share-organizations.tfstate',
  });
  const text = Testing.synth(stack);
  const json = JSON.parse(text);

  test('grants launch permission to each organization and OU, named by image key and org/OU id', () => {
    expect(Object.keys(json.resource.aws_ami_launch_permission).sort()).toEqual([
      'launch_batch_o-abc123def4',
      'launch_web_ou-ab12-00001111',
      'launch_web_ou-ab12-cdef3456',
    ]);
    expect(text).toHaveResourceWithProperties(AmiLaunchPermission, {
      image_id: 'ami-0123456789abcdef0',
      organization_arn: 'arn:aws:organizations::651700000002:organization/o-abc123def4',
      provider: 'aws.source',
    });
    expect(json.resource.aws_ami_launch_permission['launch_web_ou-ab12-cdef3456']).toEqual(
      expect.objectContaining({
        image_id: 'ami-11112222',
        organizational_unit_arn: 'arn:aws:organizations::651700000002:ou/o-abc123def4/ou-ab12-cdef3456',
      }),
    );
  });

  test('makes no snapshot permission and no copy (AWS has none for organizations)', () => {
    expect(Object.keys(json.resource)).toEqual(['aws_ami_launch_permission']);
  });

  test('leaves revoked organization shares out', () => {
    expect(Object.keys(json.resource.aws_ami_launch_permission).some((id) => id.includes('o-zzz999yyy8'))).toBe(false);
  });

  test('uses only the source provider, locked to the source account', () => {
    expect(json.provider.aws).toEqual([
      { alias: 'source', region: 'ap-northeast-1', profile: 'image-factory', allowed_account_ids: ['651700000002'] },
    ]);
  });
});

describe('the app', () => {
  test('has one stack per target, plus share-organizations when a share names an organization or OU', () => {
    expect(Object.keys(synthManifest(manifest)).sort()).toEqual([
      'share-analytics-c',
      'share-organizations',
      'share-sandbox-d',
      'share-workload-b',
    ]);
  });

  test('has no organizations stack when no share names one', () => {
    const text = fixtureText('shares.yaml');
    const withoutOrgs = text.slice(0, text.indexOf('  - image: demo-base                   #'));
    expect(Object.keys(synthManifest(manifestFrom(withoutOrgs))).sort()).toEqual(['share-analytics-c', 'share-workload-b']);
  });

  test('keeps an organizations stack for a revoked organization share, so the revoke can be applied', () => {
    const text = fixtureText('shares.yaml').replace(
      '    organizationalUnits: [arn:aws:organizations::651700000002:ou/o-abc123def4/ou-ab12-cdef3456]',
      '    organizationalUnits: [arn:aws:organizations::651700000002:ou/o-abc123def4/ou-ab12-cdef3456]\n    access: revoked',
    );
    const stacks = synthManifest(manifestFrom(text));
    expect(stacks['share-organizations'].json.resource).toBeUndefined();
    expect(stacks['share-organizations'].json.provider.aws).toHaveLength(1);
  });
});
