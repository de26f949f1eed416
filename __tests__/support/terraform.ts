import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Where the machines of this project keep the AWS provider for offline use. */
export const PROVIDER_MIRROR = '/opt/tf-plugins';

/** The terraform binary on PATH, or undefined. */
export function findTerraform(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' });
  const bin = found.stdout.trim();
  return found.status === 0 && bin !== '' ? bin : undefined;
}

/**
 * Tests that need terraform call this first. Without terraform they are
 * skipped on a developer machine, with a warning, and FAIL under CI=true:
 * CI must never pass by not running them.
 */
export function terraformOrSkip(): boolean {
  if (findTerraform()) {
    return true;
  }
  if (process.env.CI === 'true') {
    throw new Error('terraform is not on PATH, and CI=true: the terraform tests cannot run, so CI fails');
  }
  // eslint-disable-next-line no-console
  console.warn('terraform is not on PATH: skipping terraform init/validate (this fails under CI=true)');
  return false;
}

/**
 * Environment for running terraform here: telemetry off, and, on machines
 * that have the offline provider mirror, a CLI config that installs the AWS
 * provider from it (plugin cache shared between runs).
 */
export function terraformEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', ...extra };
  if (fs.existsSync(PROVIDER_MIRROR)) {
    env.TF_CLI_CONFIG_FILE = mirrorCliConfig();
  }
  return env;
}

let cliConfig: string | undefined;

function mirrorCliConfig(): string {
  if (cliConfig) {
    return cliConfig;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ami-share-tfrc-'));
  const file = path.join(dir, 'terraformrc');
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
  cliConfig = file;
  return file;
}

/** Runs terraform in `cwd`; throws with its output when it fails. */
export function terraform(cwd: string, args: string[], env: NodeJS.ProcessEnv = terraformEnv()): string {
  try {
    return execFileSync('terraform', [...args, '-no-color'], { cwd, env, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`terraform ${args.join(' ')} failed in ${cwd}:\n${failed.stdout ?? ''}${failed.stderr ?? failed.message}`);
  }
}

/** `terraform init -backend=false` then `terraform validate`; returns validate's output. */
export function initAndValidate(stackDir: string): string {
  terraform(stackDir, ['init', '-input=false', '-backend=false']);
  return terraform(stackDir, ['validate']);
}
