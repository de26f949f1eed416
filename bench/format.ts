/** `12,345`. */
export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** `1.23 s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

/** `123 ms` or `1.23 ms` (for small per-item figures). */
export function millis(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`;
}

/** A peak RSS in kilobytes, as `123 MB` or `1.92 GB` (1 MB = 1024 KB). */
export function memory(kb: number): string {
  const mb = kb / 1024;
  return mb < 1024 ? `${Math.round(mb)} MB` : `${(mb / 1024).toFixed(2)} GB`;
}

/** `4.7 MB` for a byte count. */
export function bytes(n: number): string {
  const mb = n / 1024 / 1024;
  return mb < 1 ? `${(n / 1024).toFixed(0)} KB` : `${mb.toFixed(1)} MB`;
}

/** Renders rows under headers; columns whose header is in `right` are right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<string>): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (right.has(headers[i]) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
