import { Manifest } from '../manifest/types';
import { BaseOutcome } from './base-manifest';
import { deliveries } from './deliveries';
import { isUnchanged, manifestChanges, ManifestChanges } from './manifest-changes';
import { mermaidGraph } from './mermaid-graph';
import { shareTable } from './share-table';

/**
 * The pull-request comment for a manifest: what goes to which account and
 * region, the changes against a base (when one is given), and a Mermaid graph.
 */
export function reviewMarkdown(head: Manifest, base?: BaseOutcome): string {
  const rows = deliveries(head);
  const copies = rows.filter((row) => row.recipient.kind === 'target' && row.copy);
  const accounts = new Set(rows.flatMap((row) => (row.recipient.kind === 'target' ? [row.recipient.accountId] : [])));
  const sections = [
    `## ami-share: \`${head.file}\``,
    '',
    `Source account \`${head.source.accountId}\` in \`${head.source.region}\`: ${plural(new Set(rows.map((r) => r.imageKey)).size, 'image')} shared, ${plural(copies.length, 'copy', 'copies')} in ${plural(accounts.size, 'target account')}.`,
    '',
    '### What goes where',
    '',
    shareTable(rows),
  ];
  if (base !== undefined) {
    sections.push('', `### Changes against base (\`${base.name}\`)`, '', changesSection(head, base));
  }
  sections.push('', '### Graph', '', mermaidGraph(head));
  return `${sections.join('\n')}\n`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function changesSection(head: Manifest, base: BaseOutcome): string {
  switch (base.kind) {
    case 'invalid':
      return [
        `> [!WARNING]`,
        `> The base manifest \`${base.name}\` is invalid, so the changes cannot be listed:`,
        '',
        '```',
        base.message,
        '```',
      ].join('\n');
    case 'unreadable':
      return [`> [!WARNING]`, `> The base manifest \`${base.name}\` could not be read, so the changes cannot be listed: ${base.message}`].join('\n');
    case 'absent':
      return `There is no manifest at \`${base.name}\`: everything above is new.`;
    case 'loaded':
      return renderChanges(manifestChanges(base.manifest, head));
  }
}

function renderChanges(changes: ManifestChanges): string {
  if (isUnchanged(changes)) {
    return 'No changes.';
  }
  const parts: string[] = [];
  if (changes.warnings.length > 0) {
    parts.push(['> [!CAUTION]', ...changes.warnings.flatMap((warning, i) => (i === 0 ? [`> ${warning}`] : ['>', `> ${warning}`]))].join('\n'));
  }
  const lists: [string, readonly string[]][] = [
    ['Source and state', changes.source],
    ['Images', changes.images],
    ['Targets', changes.targets],
    ['Shares', changes.shares],
  ];
  for (const [title, items] of lists) {
    if (items.length > 0) {
      parts.push([`**${title}**`, '', ...items.map((item) => `- ${item}`)].join('\n'));
    }
  }
  return parts.join('\n\n');
}
