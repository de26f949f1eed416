import { Document, isMap, isPair, isScalar, isSeq, LineCounter, Node } from 'yaml';
import { PathSegment } from './problems';

/** Where a path points in the YAML text, as a character offset. */
export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
}

/**
 * Finds a path in a parsed YAML document and gives its line and column.
 * A path that runs past what the document has (a missing field) resolves to
 * the deepest node that exists, so the message points at the mapping that
 * lacks the field.
 */
export class YamlPositions {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Line and column of the value at `path`, or of its key when `atKey`. */
  public locate(path: readonly PathSegment[], atKey = false): Position {
    let node: unknown = this.doc.contents;
    let offset = this.startOf(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) {
          break;
        }
        if (last && atKey) {
          offset = this.startOf(pair.key) ?? offset;
          break;
        }
        node = pair.value;
        // `field:` with no value has a null node; stay on the key then.
        offset = this.startOf(node) ?? this.startOf(pair.key) ?? offset;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item === undefined) {
          break;
        }
        node = item;
        offset = this.startOf(node) ?? offset;
      } else {
        break;
      }
    }
    const { line, col } = this.lines.linePos(offset);
    return { line, col };
  }

  /** The text a scalar was written as (`0123` stays `0123`), if the path is a scalar. */
  public sourceText(path: readonly PathSegment[]): string | undefined {
    const node = this.doc.getIn(path as PathSegment[], true);
    return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  }

  private startOf(node: unknown): number | undefined {
    return node && typeof node === 'object' && 'range' in node ? (node as Node).range?.[0] : undefined;
  }
}
