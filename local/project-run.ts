import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { terraformEnv } from './terraform-cli-config';

/** What a finished command left. */
export interface CommandResult {
  /** Exit code; null when killed by a signal. */
  readonly code: number | null;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
  /** Wall time in ms. */
  readonly ms: number;
}

/** Props of {@link ProjectRun}. */
export interface ProjectRunProps {
  /** The project folder (where cdktf.json is). */
  readonly projectDir: string;
  /** The manifest to use (AMI_SHARE_MANIFEST). */
  readonly manifest: string;
  /** Output folder for `cdktf --output`. */
  readonly outdir: string;
  /** Folder of the local state files (AMI_SHARE_STATE_DIR). */
  readonly stateDir: string;
  /** More environment, e.g. an emulator's endpoint and keys. @default {} */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs the project's real commands as a user would, in child processes:
 * `cdktf synth`, `cdktf deploy`, `cdktf diff`, and `terraform` in a stack's
 * folder. Never throws for a failing command: callers read the result.
 */
export class ProjectRun {
  constructor(private readonly props: ProjectRunProps) {}

  /** The environment every command gets. */
  public get env(): NodeJS.ProcessEnv {
    return terraformEnv({
      ...this.props.env,
      AMI_SHARE_MANIFEST: this.props.manifest,
      AMI_SHARE_STATE_DIR: this.props.stateDir,
      FORCE_COLOR: '0',
      NO_COLOR: '1',
    });
  }

  /** Folder of a synthesized stack. */
  public stackDir(stack: string): string {
    return path.join(this.props.outdir, 'stacks', stack);
  }

  /** Names of the synthesized stacks. */
  public stacks(): string[] {
    const dir = path.join(this.props.outdir, 'stacks');
    return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  }

  /** `cdktf synth` (cdktf makes the output folder, but not its parent). */
  public synth(): Promise<CommandResult> {
    fs.mkdirSync(path.dirname(this.props.outdir), { recursive: true });
    return this.cdktf(['synth']);
  }

  /**
   * `terraform init` in every synthesized stack. cdktf runs `terraform
   * providers lock` against the public registry when a stack has no lock
   * file; initialising first writes one from whatever installs the provider
   * here (the offline mirror), so cdktf deploy and diff work offline too.
   */
  public async initStacks(): Promise<CommandResult[]> {
    return Promise.all(this.stacks().map((stack) => this.terraform(stack, ['init', '-input=false'])));
  }

  /** `cdktf deploy` of the given stacks, without asking. */
  public deploy(stacks: string[] = ['*']): Promise<CommandResult> {
    return this.cdktf(['deploy', ...stacks, '--auto-approve', '--skip-synth']);
  }

  /** `cdktf diff` of one stack (cdktf diff takes one stack at a time). */
  public diff(stack: string): Promise<CommandResult> {
    return this.cdktf(['diff', stack, '--skip-synth']);
  }

  /** terraform in a stack's folder. */
  public terraform(stack: string, args: string[]): Promise<CommandResult> {
    return run('terraform', [...args, '-no-color'], this.stackDir(stack), this.env);
  }

  private cdktf(args: string[]): Promise<CommandResult> {
    const cdktf = path.join(this.props.projectDir, 'node_modules', '.bin', 'cdktf');
    return run(cdktf, [...args, '--output', this.props.outdir], this.props.projectDir, this.env);
  }
}

/** Runs a command to completion and collects its output. */
export function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: stripAnsi(stdout), stderr: stripAnsi(stderr), ms: Date.now() - started }));
  });
}

/** Removes terminal colour and cursor codes, which cdktf prints even into pipes. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
