import Ajv, { ErrorObject } from 'ajv';
import { SHAPES } from './patterns';
import { PathSegment, Problem } from './problems';
import { MANIFEST_SCHEMA } from './schema';

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
const validateShape = ajv.compile(MANIFEST_SCHEMA);

/** How the YAML text spelled a scalar, so a number can be shown as written. */
export type SourceTextOf = (path: readonly PathSegment[]) => string | undefined;

/**
 * Checks `data` against the manifest schema and turns each failure into a
 * problem that names the bad value and what is expected.
 */
export function schemaProblems(data: unknown, sourceTextOf: SourceTextOf): Problem[] {
  if (validateShape(data)) {
    return [];
  }
  const problems: Problem[] = [];
  for (const error of validateShape.errors ?? []) {
    const problem = toProblem(error, data, sourceTextOf);
    if (problem) {
      problems.push(problem);
    }
  }
  return problems;
}

function toProblem(error: ErrorObject, data: unknown, sourceTextOf: SourceTextOf): Problem | undefined {
  const path = pathOf(error.instancePath, data);
  const expected = describe(error.parentSchema);
  switch (error.keyword) {
    case 'if':
    case 'propertyNames':
      // Reported by the errors of the branch or the name that failed.
      return undefined;
    case 'required': {
      const field: string = error.params.missingProperty;
      const wanted = describe(error.parentSchema?.properties?.[field]);
      return { path: [...path, field], message: `required field "${field}" is missing; expected ${wanted}` };
    }
    case 'additionalProperties': {
      const field: string = error.params.additionalProperty;
      const known = Object.keys(error.parentSchema?.properties ?? {}).join(', ');
      return { path: [...path, field], atKey: true, message: `unknown field "${field}"; expected one of: ${known}` };
    }
    case 'type':
      if (typeof error.data === 'number' && error.parentSchema?.pattern === SHAPES.accountId.pattern) {
        const written = sourceTextOf(path) ?? String(error.data);
        return {
          path,
          message: `account id ${written} is a YAML number, which loses leading zeros; quote it as a string: "${written.padStart(12, '0')}"`,
        };
      }
      return { path, message: `expected ${expected}, got ${show(error.data, path, sourceTextOf)}` };
    default:
      if (error.propertyName !== undefined) {
        return {
          path: [...path, error.propertyName],
          atKey: true,
          message: `key "${error.propertyName}" is not valid; expected ${expected}`,
        };
      }
      return { path, message: `expected ${expected}, got ${show(error.data, path, sourceTextOf)}` };
  }
}

/** The schema's `description`: what a value there should be. */
function describe(schema: unknown): string {
  const description = (schema as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' ? description : 'a valid value';
}

function show(value: unknown, path: readonly PathSegment[], sourceTextOf: SourceTextOf): string {
  if (value === null || value === undefined) {
    return 'nothing';
  }
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'object') {
    return 'a mapping';
  }
  return `${typeof value} ${sourceTextOf(path) ?? String(value)}`;
}

/** Splits an ajv JSON pointer into keys and list indexes, following the data. */
function pathOf(pointer: string, data: unknown): PathSegment[] {
  const path: PathSegment[] = [];
  let node: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path.push(Number(key));
      node = node[Number(key)];
    } else {
      path.push(key);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}
