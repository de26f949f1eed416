import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Where the machines this project is built on keep the AWS provider for offline use. */
export const PROVIDER_MIRROR = '/opt/tf-plugins';

let written: string | undefined;

/**
 * A Terraform CLI config that installs the AWS provider from the offline
 * mirror, when this machine has one; undefined elsewhere (plain
 * `terraform init` downloads the provider there). Written once per process
 * into a temporary folder, never into the project.
 */
export function mirrorCliConfig(): string | undefined {
  if (!fs.existsSync(PROVIDER_MIRROR)) {
    return undefined;
  }
  if (written) {
    return written;
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ami-share-tfrc-')), 'terraformrc');
  fs.writeFileSync(
    file,
    [
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = "${PROVIDER_MIRROR}"`,
      '    include = ["registry.terraform.io/hashicorp/aws"]',
      '  }',
      '  direct {',
      '    exclude = ["registry.terraform.io/hashicorp/aws"]',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  written = file;
  return file;
}

/**
 * The environment terraform and cdktf run with here: telemetry off, no
 * interactive input, and the mirror's CLI config where there is a mirror.
 */
export function terraformEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', ...extra };
  const config = mirrorCliConfig();
  if (config) {
    env.TF_CLI_CONFIG_FILE = config;
  }
  return env;
}
