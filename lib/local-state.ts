import * as path from 'path';

/** Props of {@link localStatePath}. */
export interface LocalStatePathProps {
  /** The app's output folder (`cdktf.out`, or what `--output` names). */
  readonly outdir: string;
  /** The stack, whose working folder is `<outdir>/stacks/<stack>`. */
  readonly stackName: string;
  /** Folder that keeps the state files, outside the output folder. */
  readonly stateDir: string;
}

/**
 * The `local` backend path of a stack: `<stateDir>/<stack>.tfstate`, written
 * relative to the folder Terraform runs in (`<outdir>/stacks/<stack>`). So the
 * state survives `rm -rf cdktf.out`, and the synthesized JSON holds no
 * absolute machine path.
 */
export function localStatePath(props: LocalStatePathProps): string {
  const workingDir = path.resolve(props.outdir, 'stacks', props.stackName);
  const stateFile = path.resolve(props.stateDir, `${props.stackName}.tfstate`);
  return path.relative(workingDir, stateFile).split(path.sep).join('/');
}
