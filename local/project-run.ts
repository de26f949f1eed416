import * as fs from 'fs';
import * as path from 'path';
import { CommandResult, runCommand } from '../lib/process/run-command';
import { terraformEnv } from './terraform-cli-config';

export type { CommandResult } from '../lib/process/run-command';

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

  /** `npm run <script> -- <args>` in the project, e.g. the drift check. */
  public npm(script: string, args: string[] = []): Promise<CommandResult> {
    return runCommand('npm', ['run', '--silent', script, '--', ...args], this.props.projectDir, this.env);
  }

  /** `npm run drift` over this run's output folder. */
  public drift(args: string[] = []): Promise<CommandResult> {
    return this.npm('drift', ['--output', this.props.outdir, ...args]);
  }

  /** terraform in a stack's folder. */
  public terraform(stack: string, args: string[]): Promise<CommandResult> {
    return runCommand('terraform', [...args, '-no-color'], this.stackDir(stack), this.env);
  }

  private cdktf(args: string[]): Promise<CommandResult> {
    const cdktf = path.join(this.props.projectDir, 'node_modules', '.bin', 'cdktf');
    return runCommand(cdktf, [...args, '--output', this.props.outdir], this.props.projectDir, this.env);
  }
}
