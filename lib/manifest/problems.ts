/** One step into the manifest: a mapping key or a list index. */
export type PathSegment = string | number;

/** Something wrong with the manifest, before it is given a line and column. */
export interface Problem {
  /** Where in the document, from the root. */
  readonly path: readonly PathSegment[];
  /** What is wrong and what is expected. */
  readonly message: string;
  /**
   * Point at the mapping key rather than at its value (for an unknown or
   * duplicate field, or a bad key).
   * @default false
   */
  readonly atKey?: boolean;
  /**
   * Character offset to report instead of the path's position, where the path
   * is ambiguous (the second of two equal keys).
   * @default the position of `path`
   */
  readonly offset?: number;
}

/** A problem placed in the file. */
export interface LocatedProblem {
  /** The file, as given. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
  /** Dotted path such as `targets.workload-b.accountId` or `shares[0].to[1]`. */
  readonly path: string;
  /** What is wrong and what is expected. */
  readonly message: string;
}

/** `targets.workload-b.regions[1]`; `(root)` for the document itself. */
export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) {
    return '(root)';
  }
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('');
}

/** `FILE:LINE:COL: path: message`, the form every manifest error takes. */
export function formatProblem(problem: LocatedProblem): string {
  return `${problem.file}:${problem.line}:${problem.col}: ${problem.path}: ${problem.message}`;
}

/** Thrown when a manifest cannot be used; carries every problem found, in file order. */
export class ManifestError extends Error {
  /** Every problem, sorted by position. */
  public readonly problems: readonly LocatedProblem[];

  constructor(problems: readonly LocatedProblem[]) {
    // A value checked by two schema branches can fail twice the same way: say it once.
    const unique = [...new Map(problems.map((p) => [formatProblem(p), p])).values()];
    const sorted = unique.sort((a, b) => a.line - b.line || a.col - b.col);
    const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`;
    super(`invalid manifest (${count}):\n${sorted.map(formatProblem).join('\n')}`);
    this.name = 'ManifestError';
    this.problems = sorted;
  }
}
