import { spawn } from 'child_process';

/** What a finished command left. */
export interface CommandResult {
  /** Exit code; null when killed by a signal. */
  readonly code: number | null;
  /** Standard output, without terminal colour codes. */
  readonly stdout: string;
  /** Standard error, without terminal colour codes. */
  readonly stderr: string;
  /** Wall time in ms. */
  readonly ms: number;
}

/** Runs a command to completion and collects its output; rejects only when it cannot start. */
export function runCommand(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
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

/** Runs `task` over `items`, at most `limit` at a time, keeping the order of results. */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
