import { Manifest } from '../manifest/types';
import { compare, deliveries, Delivery, Recipient, recipientId } from './deliveries';

/**
 * Node ids for a Mermaid graph: readable, made only of `[A-Za-z0-9_]` (keys
 * and regions contain `-`), prefixed by an upper-case kind (so no id is a
 * Mermaid keyword such as `end`, or starts with the `o`/`x` that edges read
 * as arrow heads), and unique: two names that sanitize alike get `_2`, `_3`.
 */
export class MermaidIds {
  private readonly byName = new Map<string, string>();
  private readonly taken = new Set<string>();

  /** The id of a node of a kind (`IMG`, `TGT`, ...) named by `parts`; the same input gives the same id. */
  public idOf(kind: string, ...parts: string[]): string {
    const name = [kind, ...parts].join('\u0000');
    const known = this.byName.get(name);
    if (known !== undefined) {
      return known;
    }
    const base = [kind, ...parts.map((part) => part.replace(/[^A-Za-z0-9]+/g, '_'))].join('_');
    let id = base;
    for (let n = 2; this.taken.has(id); n++) {
      id = `${base}_${n}`;
    }
    this.taken.add(id);
    this.byName.set(name, id);
    return id;
  }
}

/** A quoted Mermaid label; `"` would end it, so it becomes `#quot;`. Lines are joined with `<br/>`. */
export function label(...lines: string[]): string {
  return `"${lines.map((line) => line.replace(/"/g, '#quot;')).join('<br/>')}"`;
}

function recipientNode(ids: MermaidIds, recipient: Recipient): { id: string; label: string } {
  switch (recipient.kind) {
    case 'target':
      return { id: ids.idOf('TGT', recipient.key), label: label(`target ${recipient.key}`, recipient.accountId) };
    case 'organization':
      return { id: ids.idOf('ORG', recipient.arn.slice(recipient.arn.lastIndexOf('/') + 1)), label: label('organization', recipient.arn) };
    case 'organizational-unit':
      return { id: ids.idOf('OU', recipient.arn.slice(recipient.arn.lastIndexOf('/') + 1)), label: label('OU', recipient.arn) };
    case 'public':
      return { id: ids.idOf('PUBLIC'), label: label('everyone (public)') };
  }
}

/**
 * A Mermaid `graph LR` of the manifest: source account -> images -> target
 * accounts -> their regions (copies), and images -> organizations, OUs and
 * public (launch only). Revoked shares are dotted edges; a share without a
 * copy has no region edges.
 */
export function mermaidGraph(manifest: Manifest): string {
  const ids = new MermaidIds();
  const nodes = new Map<string, string>();
  const edges: string[] = [];
  const addEdge = (edge: string) => {
    if (!edges.includes(edge)) {
      edges.push(edge);
    }
  };

  const source = ids.idOf('SRC', manifest.source.accountId);
  nodes.set(source, label(`source ${manifest.source.accountId}`, manifest.source.region));

  const rows = deliveries(manifest);
  const imageKeys = [...new Set(rows.map((row) => row.imageKey))].sort(compare);
  for (const key of imageKeys) {
    const image = ids.idOf('IMG', key);
    nodes.set(image, label(key, manifest.images.get(key)?.amiId ?? '?'));
    addEdge(`  ${source} --> ${image}`);
  }

  const byRecipient = new Map<string, Delivery[]>();
  for (const row of rows) {
    const id = `${row.imageKey}\n${recipientId(row.recipient)}`;
    byRecipient.set(id, [...(byRecipient.get(id) ?? []), row]);
  }
  for (const group of byRecipient.values()) {
    const first = group[0];
    const image = ids.idOf('IMG', first.imageKey);
    const recipient = recipientNode(ids, first.recipient);
    nodes.set(recipient.id, recipient.label);
    const what = first.recipient.kind === 'target' ? first.access : `launch only, ${first.access}`;
    addEdge(first.access === 'granted' ? `  ${image} -->|${label(what)}| ${recipient.id}` : `  ${image} -.->|${label(what)}| ${recipient.id}`);
    if (first.recipient.kind !== 'target') {
      continue;
    }
    for (const row of group.filter((r) => r.copy)) {
      const region = ids.idOf('REG', first.recipient.key, row.region);
      nodes.set(region, label(row.region));
      addEdge(`  ${recipient.id} -->|${label(row.kmsKeyArn !== undefined ? 'copy, own key' : 'copy')}| ${region}`);
    }
  }

  return [
    '```mermaid',
    'graph LR',
    ...[...nodes].map(([id, text]) => `  ${id}[${text}]`),
    ...edges,
    '```',
  ].join('\n');
}
