import { execFileSync, spawnSync } from 'child_process';
import { terraformEnv } from '../../local/terraform-cli-config';

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
