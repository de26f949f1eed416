import { AwsError } from './errors';

/**
 * Read access to the form-encoded parameters of an AWS query-protocol request
 * (EC2 and STS), with helpers for the `Name.N` list and `Name.N.Field`
 * structure conventions.
 */
export class QueryParams {
  private constructor(private readonly values: ReadonlyMap<string, string>) {}

  /** Parses an `application/x-www-form-urlencoded` body (or query string). */
  static parse(body: string): QueryParams {
    const map = new Map<string, string>();
    for (const [key, value] of new URLSearchParams(body)) {
      map.set(key, value);
    }
    return new QueryParams(map);
  }

  /** Builds parameters from a plain object (used by tests and sub-structures). */
  static of(record: Record<string, string>): QueryParams {
    return new QueryParams(new Map(Object.entries(record)));
  }

  /** The raw value of `name`, or undefined when absent. */
  get(name: string): string | undefined {
    return this.values.get(name);
  }

  /** The value of `name`; throws `MissingParameter` when absent or empty. */
  require(name: string): string {
    const value = this.values.get(name);
    if (value === undefined || value === '') {
      throw new AwsError('MissingParameter', `The request must contain the parameter ${name}`);
    }
    return value;
  }

  /** A boolean parameter (`true`/`false`), undefined when absent. */
  bool(name: string): boolean | undefined {
    const value = this.values.get(name);
    if (value === undefined) {
      return undefined;
    }
    const lower = value.toLowerCase();
    if (lower !== 'true' && lower !== 'false') {
      throw new AwsError('InvalidParameterValue', `Value (${value}) for parameter ${name} is invalid. Expected a boolean.`);
    }
    return lower === 'true';
  }

  /** An integer parameter, undefined when absent. */
  int(name: string): number | undefined {
    const value = this.values.get(name);
    if (value === undefined) {
      return undefined;
    }
    if (!/^-?\d+$/.test(value)) {
      throw new AwsError('InvalidParameterValue', `Value (${value}) for parameter ${name} is invalid. Expected an integer.`);
    }
    return Number(value);
  }

  /** The sorted member indices N present under `prefix.N...`. */
  indices(prefix: string): number[] {
    const found = new Set<number>();
    const start = `${prefix}.`;
    for (const key of this.values.keys()) {
      if (key.startsWith(start)) {
        const match = /^(\d+)(\.|$)/.exec(key.slice(start.length));
        if (match) {
          found.add(Number(match[1]));
        }
      }
    }
    return [...found].sort((a, b) => a - b);
  }

  /** A flat list `prefix.1`, `prefix.2`, ... in index order. */
  list(prefix: string): string[] {
    const out: string[] = [];
    for (const index of this.indices(prefix)) {
      const value = this.values.get(`${prefix}.${index}`);
      if (value !== undefined) {
        out.push(value);
      }
    }
    return out;
  }

  /** The parameters under `prefix.` with that prefix removed. */
  sub(prefix: string): QueryParams {
    const start = `${prefix}.`;
    const map = new Map<string, string>();
    for (const [key, value] of this.values) {
      if (key.startsWith(start)) {
        map.set(key.slice(start.length), value);
      }
    }
    return new QueryParams(map);
  }

  /** The structures `prefix.N.*`, each as its own {@link QueryParams}. */
  structs(prefix: string): QueryParams[] {
    return this.indices(prefix).map((index) => this.sub(`${prefix}.${index}`));
  }

  /** True when no parameter at all is present. */
  isEmpty(): boolean {
    return this.values.size === 0;
  }

  /** Every parameter name (for diagnostics). */
  names(): string[] {
    return [...this.values.keys()];
  }
}
