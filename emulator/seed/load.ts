import { readFileSync } from 'fs';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { seedSchema } from './schema';
import type { Seed } from './types';
import { validateSeedReferences } from './references';

/** Thrown when a seed file cannot be read or is invalid; lists every problem. */
export class SeedError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid emulator seed (${source}):\n  - ${problems.join('\n  - ')}`);
    this.name = 'SeedError';
  }
}

const ajv = new Ajv({ allErrors: true, coerceTypes: true, strict: false });
const validateShape = ajv.compile(seedSchema);

/**
 * Reads (when given a path), parses (YAML or JSON) and validates a seed.
 * Numbers where strings are expected (unquoted account ids in YAML) are
 * coerced. Throws {@link SeedError} listing every problem found.
 */
export function loadSeed(seed: Seed | string): Seed {
  const source = typeof seed === 'string' ? seed : '<inline seed>';
  let data: unknown;
  if (typeof seed === 'string') {
    let text: string;
    try {
      text = readFileSync(seed, 'utf8');
    } catch (e) {
      throw new SeedError(source, [`cannot read the file: ${(e as Error).message}`]);
    }
    try {
      data = seed.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    } catch (e) {
      throw new SeedError(source, [`cannot parse: ${(e as Error).message}`]);
    }
  } else {
    data = structuredClone(seed);
  }
  if (!validateShape(data)) {
    const problems = (validateShape.errors ?? []).map((err) => {
      const where = err.instancePath === '' ? '(root)' : err.instancePath;
      const extra = err.keyword === 'additionalProperties'
        ? ` (unknown property '${String((err.params as { additionalProperty?: string }).additionalProperty)}')`
        : err.keyword === 'pattern' ? ` (got ${JSON.stringify(pick(data, err.instancePath))})` : '';
      return `${where} ${err.message ?? 'is invalid'}${extra}`;
    });
    throw new SeedError(source, problems);
  }
  const typed = data as Seed;
  const problems = validateSeedReferences(typed);
  if (problems.length > 0) {
    throw new SeedError(source, problems);
  }
  return typed;
}

function pick(data: unknown, pointer: string): unknown {
  let current: unknown = data;
  for (const part of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
