import { ManifestError } from '../lib/manifest/problems';
import { fixtureText, manifestFrom, synthManifest } from './support/synth';
import { initAndValidate, terraformOrSkip } from './support/terraform';

const EXAMPLE = fixtureText('shares.yaml');

function withState(block: string): string {
  return `state:\n${block}${EXAMPLE}`;
}

function messagesOf(yaml: string): string[] {
  try {
    manifestFrom(yaml);
  } catch (error) {
    return (error as ManifestError).problems.map((p) => `${p.line}:${p.col}: ${p.path}: ${p.message}`);
  }
  throw new Error('expected the manifest to be refused');
}

describe('state backends, from the manifest', () => {
  test('local by default: a relative path into the project state folder', () => {
    const stacks = synthManifest(manifestFrom(EXAMPLE));
    expect(stacks['share-workload-b'].json.terraform.backend).toEqual({ local: { path: '../../../state/share-workload-b.tfstate' } });
  });

  test('s3: one key per stack under the prefix, encrypted, lock file on, optional role', () => {
    const stacks = synthManifest(
      manifestFrom(
        withState(
          '  backend: s3\n  bucket: acme-terraform-state\n  keyPrefix: platform/ami-share/\n  region: us-east-1\n  roleArn: arn:aws:iam::999900000001:role/terraform-state\n',
        ),
      ),
    );
    for (const name of ['share-workload-b', 'share-analytics-c', 'share-organizations']) {
      expect(stacks[name].json.terraform.backend).toEqual({
        s3: {
          bucket: 'acme-terraform-state',
          key: `platform/ami-share/${name}.tfstate`,
          region: 'us-east-1',
          encrypt: true,
          assume_role: { role_arn: 'arn:aws:iam::999900000001:role/terraform-state' },
          use_lockfile: true,
        },
      });
    }
  });

  test('s3 defaults: key prefix "ami-share/", lock file on; useLockfile: false turns it off', () => {
    const on = synthManifest(manifestFrom(withState('  backend: s3\n  bucket: acme-state\n  region: eu-west-1\n')));
    expect(on['share-workload-b'].json.terraform.backend.s3).toEqual({
      bucket: 'acme-state',
      key: 'ami-share/share-workload-b.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      use_lockfile: true,
    });
    const off = synthManifest(manifestFrom(withState('  backend: s3\n  bucket: acme-state\n  region: eu-west-1\n  useLockfile: false\n')));
    expect(off['share-workload-b'].json.terraform.backend.s3.use_lockfile).toBeUndefined();
  });

  test('cloud: one HCP Terraform workspace per stack', () => {
    const stacks = synthManifest(manifestFrom(withState('  backend: cloud\n  organization: acme\n  workspacePrefix: amis-\n')));
    expect(stacks['share-analytics-c'].json.terraform.cloud).toEqual({
      organization: 'acme',
      workspaces: { name: 'amis-share-analytics-c' },
    });
    expect(stacks['share-analytics-c'].json.terraform.backend).toBeUndefined();
  });

  test('a backend missing what it needs, or given fields of another backend, is refused with positions', () => {
    expect(messagesOf(withState('  backend: s3\n  region: eu-west-1\n'))).toEqual([
      '2:3: state.bucket: required field "bucket" is missing; expected an S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens',
    ]);
    expect(messagesOf(withState('  backend: cloud\n  organization: acme\n  bucket: x-state\n'))).toEqual([
      '4:3: state.bucket: bucket belongs to state.backend s3, not cloud; expected only organization, workspacePrefix, hostname with backend cloud',
    ]);
    expect(messagesOf(withState('  backend: consul\n'))).toEqual(['2:12: state.backend: expected "local", "s3" or "cloud", got "consul"']);
    expect(messagesOf(withState('  backend: s3\n  bucket: Bad_Bucket\n  region: eu-west-1\n'))).toEqual([
      '3:11: state.bucket: expected an S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens, got "Bad_Bucket"',
    ]);
  });

  test('every backend passes terraform validate', () => {
    if (!terraformOrSkip()) {
      return;
    }
    for (const block of ['  backend: s3\n  bucket: acme-state\n  region: eu-west-1\n', '  backend: cloud\n  organization: acme\n']) {
      const stacks = synthManifest(manifestFrom(withState(block)));
      expect(initAndValidate(stacks['share-workload-b'].dir)).toContain('The configuration is valid.');
    }
  });
});
