import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformBackend, TerraformStack } from 'cdktf';
import { StateConfig } from '../manifest/types';

/** Props of {@link addStateBackend}. */
export interface StateBackendProps {
  /** The manifest's state settings. */
  readonly state: StateConfig;
  /** The stack's name: names its S3 key or workspace. */
  readonly stackName: string;
  /** For the local backend: the state file's path relative to the stack's working folder. */
  readonly localPath: string;
}

/**
 * Gives a stack its own state: a local file, an S3 object
 * `<keyPrefix><stack>.tfstate` (locked with a lock file next to it unless
 * `useLockfile: false`), or an HCP Terraform workspace `<workspacePrefix><stack>`.
 */
export function addStateBackend(stack: TerraformStack, props: StateBackendProps): TerraformBackend {
  const { state, stackName } = props;
  switch (state.backend) {
    case 's3': {
      const backend = new S3Backend(stack, {
        bucket: state.bucket,
        key: `${state.keyPrefix}${stackName}.tfstate`,
        region: state.region,
        encrypt: true,
        assumeRole: state.roleArn ? { roleArn: state.roleArn } : undefined,
      });
      // Terraform 1.10+ locks S3 state with a lock object; cdktf 0.21 has no property for it yet.
      if (state.useLockfile) {
        backend.addOverride('use_lockfile', true);
      }
      return backend;
    }
    case 'cloud':
      return new CloudBackend(stack, {
        organization: state.organization,
        hostname: state.hostname,
        workspaces: new NamedCloudWorkspace(`${state.workspacePrefix}${stackName}`),
      });
    default:
      return new LocalBackend(stack, { path: props.localPath });
  }
}
