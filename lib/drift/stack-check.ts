import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Manifest } from '../manifest/types';
import { runCommand } from '../process/run-command';
import { Finding, findingsOf } from './findings';
import { PlanJson } from './plan-json';

/** How one stack compares with its accounts. */
export type StackStatus = 'in-sync' | 'changes' | 'error';

/** The result of checking one stack. */
export interface StackCheck {
  /** The saved plan, when one was asked for and there are changes. */
  readonly planFile?: string;
  /** Stack name. */
  readonly stack: string;
  /** Outcome. */
  readonly status: StackStatus;
  /** What differs (empty when in sync or on error). */
  readonly findings: readonly Finding[];
  /** What went wrong, when status is `error`. */
  readonly error?: string;
  /** Wall time in seconds. */
  readonly seconds: number;
}

/** Props of {@link checkStack}. */
export interface CheckStackProps {
  /** The stack's synthesized folder. */
  readonly stackDir: string;
  /** The stack's name. */
  readonly stack: string;
  /** The manifest, to describe findings in its terms. */
  readonly manifest: Manifest;
  /** Environment for terraform (credentials, CLI config). */
  readonly env: NodeJS.ProcessEnv;
  /**
   * Keep the plan in this file, to apply it later exactly as checked.
   * @default a temporary file, deleted after the check
   */
  readonly planFile?: string;
}

/**
 * `terraform init`, then `terraform plan -detailed-exitcode` into a plan
 * file outside the project, then `terraform show -json` of it. A plan never
 * writes state, so a failed or drifting check leaves state as it was.
 */
export async function checkStack(props: CheckStackProps): Promise<StackCheck> {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  const tf = (args: string[]) => runCommand('terraform', [...args, '-no-color'], props.stackDir, props.env);
  const failed = (step: string, stderr: string, stdout: string): StackCheck => ({
    stack: props.stack,
    status: 'error',
    findings: [],
    error: `terraform ${step} failed: ${errorSummary(stderr || stdout)}`,
    seconds: seconds(),
  });

  const init = await tf(['init', '-input=false']);
  if (init.code !== 0) {
    return failed('init', init.stderr, init.stdout);
  }
  const planDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ami-share-drift-'));
  try {
    const planFile = props.planFile ?? path.join(planDir, 'stack.tfplan');
    const plan = await tf(['plan', '-input=false', '-detailed-exitcode', '-lock-timeout=120s', `-out=${planFile}`]);
    if (plan.code === 0) {
      return { stack: props.stack, status: 'in-sync', findings: [], seconds: seconds() };
    }
    if (plan.code !== 2) {
      return failed('plan', plan.stderr, plan.stdout);
    }
    const shown = await tf(['show', '-json', planFile]);
    if (shown.code !== 0) {
      return failed('show', shown.stderr, shown.stdout);
    }
    const findings = findingsOf(props.stack, JSON.parse(shown.stdout) as PlanJson, props.manifest);
    return { stack: props.stack, status: 'changes', findings, seconds: seconds(), planFile: props.planFile };
  } finally {
    fs.rmSync(planDir, { recursive: true, force: true });
  }
}

/** Causes worth naming first, recognised in terraform's error text. */
const CAUSES: [RegExp, string][] = [
  [/connection refused|no such host|request send failed|i\/o timeout|dial tcp/i, 'the AWS endpoint could not be reached'],
  [/InvalidClientTokenId|UnrecognizedClient|SignatureDoesNotMatch|ExpiredToken|AuthFailure|security token included in the request is invalid/i, 'the AWS credentials were refused'],
  [/AccessDenied|not authorized to perform/i, 'access was denied'],
];

/**
 * One line that says why terraform failed: the recognised cause, then each
 * distinct `Error:` of its output with its first explanation, without file
 * positions, code excerpts or request ids.
 */
export function errorSummary(output: string): string {
  const lines = output.split('\n').map((line) => line.replace(/^[\s│╷╵]+/, '').trimEnd());
  const errors: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('Error: ')) {
      continue;
    }
    const paragraph = (from: number): [string, number] => {
      const parts: string[] = [];
      let j = from;
      for (; j < lines.length && lines[j] !== '' && !(j > from && lines[j].startsWith('Error: ')); j++) {
        parts.push(lines[j]);
      }
      return [parts.join(' '), j];
    };
    let [text, next] = paragraph(i);
    text = text.slice('Error: '.length);
    // A short title ("Cannot assume IAM Role") reads better with its first explanation.
    while (text.length < 60 && next < lines.length && !lines[next + 1]?.startsWith('Error: ')) {
      next++;
      const candidate = lines[next] ?? '';
      if (candidate === '' || /^(with |on |\d+:|There are|\* )/.test(candidate)) {
        continue;
      }
      const [explanation] = paragraph(next);
      text = `${text}: ${explanation}`;
      break;
    }
    errors.push(text.replace(/RequestID: [^,]*,\s*/g, '').replace(/\s+/g, ' ').trim());
  }
  const unique = [...new Set(errors)];
  const body = unique.length > 0 ? unique.join('; ') : output.trim().split('\n').slice(-3).join(' ');
  const cause = CAUSES.find(([pattern]) => pattern.test(output))?.[1];
  return cause ? `${cause}: ${body}` : body;
}
