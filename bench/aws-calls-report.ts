import { AwsCallReport } from './aws-calls';

/** The AWS call counts as a table, per action and per share, with the repeated lookups. */
export function renderAwsCalls(report: AwsCallReport): string {
  const perShare = (n: number) => (n / report.targetShares).toFixed(1);
  const rows = report.actions.map((a) => [a.action, String(a.deploy), String(a.plan), perShare(a.plan)]);
  const total = report.actions.reduce((sum, a) => ({ deploy: sum.deploy + a.deploy, plan: sum.plan + a.plan }), { deploy: 0, plan: 0 });
  rows.push(['total', String(total.deploy), String(total.plan), perShare(total.plan)]);
  const header = ['action', 'deploy', 'plan (in sync)', `plan per share (${report.targetShares} shares)`];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const lines = [
    'AWS calls of the example against the local emulator (deploy from nothing; then terraform plan of every stack)',
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ];
  if (report.repeats.length === 0) {
    lines.push('repeated lookups of one AMI or snapshot within a stack\'s plan: none');
  } else {
    lines.push('repeated lookups of one AMI or snapshot within a stack\'s plan:');
    for (const r of report.repeats) {
      lines.push(`  ${r.stack}: ${r.action} ${r.subject} x${r.times}`);
    }
  }
  return lines.join('\n');
}
