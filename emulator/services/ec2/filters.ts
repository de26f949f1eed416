import { AwsError } from '../../protocol/errors';
import type { QueryParams } from '../../protocol/query';

/** One `Filter.N` of a Describe request. */
export interface Filter {
  name: string;
  values: string[];
}

/** How to read the value(s) a filter name compares against, per record type. */
export type FilterTable<T> = Record<string, (record: T) => string | string[] | undefined>;

/** Parses `Filter.N.Name` / `Filter.N.Value.M`. */
export function parseFilters(params: QueryParams): Filter[] {
  return params.structs('Filter').map((f) => {
    const name = f.get('Name');
    if (name === undefined || name === '') {
      throw new AwsError('InvalidParameterValue', 'The filter name must not be empty');
    }
    return { name, values: f.list('Value') };
  });
}

/** A matcher for an EC2 filter value, with `*` and `?` wildcards. */
function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 's');
}

/**
 * Checks that every filter name is known (or a `tag:KEY` filter) and returns
 * a predicate that keeps records matching all filters (any value per filter).
 * An unknown filter name fails as AWS does: `InvalidParameterValue`.
 */
export function compileFilters<T extends { tags: Record<string, string> }>(filters: Filter[], table: FilterTable<T>): (record: T) => boolean {
  for (const filter of filters) {
    if (!filter.name.startsWith('tag:') && filter.name !== 'tag-key' && table[filter.name] === undefined) {
      throw new AwsError('InvalidParameterValue', `The filter '${filter.name}' is invalid`);
    }
  }
  return (record: T) => filters.every((filter) => {
    let actual: string[];
    if (filter.name.startsWith('tag:')) {
      const value = record.tags[filter.name.slice(4)];
      actual = value === undefined ? [] : [value];
    } else if (filter.name === 'tag-key') {
      actual = Object.keys(record.tags);
    } else {
      const raw = table[filter.name](record);
      actual = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    }
    const patterns = filter.values.map(wildcard);
    return actual.some((value) => patterns.some((p) => p.test(value)));
  });
}

/** Cuts a page out of `items` for MaxResults/NextToken (the token is the offset). */
export function paginate<T>(items: T[], params: QueryParams, maxLimit = 1000): { page: T[]; nextToken?: string } {
  const max = params.int('MaxResults');
  const token = params.get('NextToken');
  let start = 0;
  if (token !== undefined && token !== '') {
    if (!/^\d+$/.test(token)) {
      throw new AwsError('InvalidPaginationToken', `Invalid pagination token: ${token}`);
    }
    start = Number(token);
  }
  if (max === undefined) {
    return { page: items.slice(start) };
  }
  if (max < 1 || max > maxLimit) {
    throw new AwsError('InvalidParameterValue', `Value (${max}) for parameter maxResults is invalid. Expecting a value between 1 and ${maxLimit}.`);
  }
  const page = items.slice(start, start + max);
  const next = start + max < items.length ? String(start + max) : undefined;
  return { page, nextToken: next };
}
