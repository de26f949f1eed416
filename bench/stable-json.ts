/**
 * `JSON.stringify(value, null, 2)`, with empty objects and arrays written as
 * cdktf writes them (json-stable-stringify with `space: 2` puts the closing
 * bracket on its own line: `{` newline, indent, `}`). For a value parsed
 * from a file cdktf wrote, whose keys are therefore already sorted, the text
 * is byte-identical to that file.
 */
export function stringifyLikeCdktf(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(EMPTY_CONTAINER_LINE, (_line, indent: string, key: string | undefined, brackets: string, comma: string) => {
    return `${indent}${key ?? ''}${brackets[0]}\n${indent}${brackets[1]}${comma}`;
  });
}

/** A whole line whose value is `{}` or `[]`: indent, optional `"key": `, brackets, optional comma. */
const EMPTY_CONTAINER_LINE = /^( *)("(?:[^"\\]|\\.)*": )?(\{\}|\[\])(,?)$/gm;
