import { Delivery, recipientMarkdown } from './deliveries';

/** Escapes a value for a Markdown table cell (pipes and line breaks). */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** What the Copy column says. */
function copyCell(delivery: Delivery): string {
  if (delivery.recipient.kind !== 'target') {
    return 'no (launch only)';
  }
  if (!delivery.copy) {
    return 'no';
  }
  return delivery.protect ? 'yes' : 'yes, unprotected';
}

/** What the Encryption column says: the key of the copy, or the source's encryption. */
function encryptionCell(delivery: Delivery): string {
  if (!delivery.copy) {
    return '—';
  }
  return delivery.kmsKeyArn !== undefined ? `\`${delivery.kmsKeyArn}\`` : "source's";
}

/**
 * The table of what goes to which account and region: one row per image,
 * recipient and region. Empty manifests give a sentence instead.
 */
export function shareTable(rows: readonly Delivery[]): string {
  if (rows.length === 0) {
    return '_No shares: nothing is shared with anyone._';
  }
  const lines = [
    '| Image | AMI | Recipient | Region | Copy | Encryption | Access |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((row) =>
      [
        `\`${row.imageKey}\``,
        `\`${row.amiId}\``,
        recipientMarkdown(row.recipient),
        row.region,
        copyCell(row),
        encryptionCell(row),
        row.access === 'granted' ? 'granted' : '**revoked**',
      ]
        .map(cell)
        .join(' | '),
    ),
  ];
  return lines.map((line) => (line.startsWith('|') ? line : `| ${line} |`)).join('\n');
}
