import { XMLBuilder } from 'fast-xml-parser';

/** A value of an XML document tree as {@link renderXml} accepts it. */
export type XmlValue = string | number | boolean | undefined | null | XmlNode | XmlValue[];

/** An XML element's children: element name -> value (an array repeats the element). */
export interface XmlNode {
  [name: string]: XmlValue;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  processEntities: true,
  format: false,
});

/** Drops undefined/null members and turns booleans into `true`/`false` text. */
function normalize(value: XmlValue): unknown {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (typeof value === 'number') {
    return String(value);
  }
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => normalize(item)).filter((item) => item !== undefined);
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const normalized = normalize(child);
    if (normalized !== undefined) {
      out[key] = normalized;
    }
  }
  return out;
}

/**
 * Renders a document whose single root element is `rootName` with the given
 * namespace and children. Text is escaped by fast-xml-parser's XMLBuilder.
 */
export function renderXml(rootName: string, namespace: string | undefined, children: XmlNode): string {
  const root: Record<string, unknown> = {};
  if (namespace !== undefined) {
    root['@_xmlns'] = namespace;
  }
  Object.assign(root, normalize(children) as Record<string, unknown>);
  const body = builder.build({ [rootName]: root }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

/**
 * An EC2-style list: `<xxxSet><item>..</item></xxxSet>`. An empty list renders
 * as an empty element.
 */
export function itemSet(items: XmlValue[]): XmlValue {
  return items.length === 0 ? '' : { item: items };
}

/** An STS-style list: `<Xs><member>..</member></Xs>`. */
export function memberList(items: XmlValue[]): XmlValue {
  return items.length === 0 ? '' : { member: items };
}
