import { StackCheck } from './stack-check';

/** Exit code of the drift check: 0 in sync, 2 drift or pending changes, 1 error. */
export function exitCodeOf(checks: readonly StackCheck[]): 0 | 1 | 2 {
  if (checks.some((c) => c.status === 'error')) {
    return 1;
  }
  return checks.some((c) => c.status === 'changes') ? 2 : 0;
}

/** One line of progress for a finished stack. */
export function progressLine(check: StackCheck, done: number, total: number): string {
  const what =
    check.status === 'in-sync'
      ? 'in sync'
      : check.status === 'error'
        ? `ERROR: ${check.error ?? 'unknown'}`
        : `${check.findings.length} change${check.findings.length === 1 ? '' : 's'}`;
  return `[${done}/${total}] ${check.stack}: ${what} (${check.seconds.toFixed(1)} s)`;
}

/** The verdict, in one line. */
export function verdict(checks: readonly StackCheck[]): string {
  const code = exitCodeOf(checks);
  const count = (status: string) => checks.filter((c) => c.status === status).length;
  if (code === 0) {
    return `In sync: ${checks.length} of ${checks.length} stacks match shares.yaml (exit 0).`;
  }
  if (code === 2) {
    return `Drift or pending changes in ${count('changes')} of ${checks.length} stacks (exit 2).`;
  }
  return `Could not check ${count('error')} of ${checks.length} stacks; nothing was changed (exit 1).`;
}

/** Plain text: every finding, stack by stack, then the verdict. */
export function renderText(checks: readonly StackCheck[]): string {
  const lines: string[] = [];
  for (const check of checks) {
    for (const finding of check.findings) {
      lines.push(`${check.stack}: ${finding.message}`);
    }
    if (check.status === 'changes' && check.findings.length === 0) {
      lines.push(`${check.stack}: the plan changes outputs only; deploy updates them`);
    }
    if (check.status === 'error') {
      lines.push(`${check.stack}: could not be checked: ${check.error ?? 'unknown error'}`);
    }
  }
  lines.push(verdict(checks));
  return lines.join('\n');
}

/** Markdown for a pull-request comment. */
export function renderMarkdown(checks: readonly StackCheck[]): string {
  const lines = ['## ami-share drift check', '', verdict(checks), '', '| stack | status | findings |', '|---|---|---|'];
  for (const check of checks) {
    const status = check.status === 'in-sync' ? 'in sync' : check.status === 'changes' ? 'changes' : 'error';
    lines.push(`| \`${check.stack}\` | ${status} | ${check.status === 'error' ? 1 : check.findings.length} |`);
  }
  const details = checks.filter((c) => c.status !== 'in-sync');
  if (details.length > 0) {
    lines.push('');
    for (const check of details) {
      lines.push(`### \`${check.stack}\``, '');
      if (check.error) {
        lines.push(`- could not be checked: ${escapeMarkdown(check.error)}`);
      }
      for (const finding of check.findings) {
        lines.push(`- ${escapeMarkdown(finding.message)} (\`${finding.address}\`)`);
      }
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The report as data. */
export function toJson(checks: readonly StackCheck[]): Record<string, unknown> {
  const code = exitCodeOf(checks);
  return {
    status: code === 0 ? 'in-sync' : code === 2 ? 'changes' : 'error',
    exitCode: code,
    summary: verdict(checks),
    stacks: checks,
  };
}

function escapeMarkdown(text: string): string {
  return text.replace(/([|*_`<>])/g, '\\$1');
}
