import { readFileSync } from 'fs';
import { Document, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import { crossFieldProblems } from './cross-field-rules';
import { formatPath, LocatedProblem, ManifestError, PathSegment, Problem } from './problems';
import { schemaProblems } from './schema-problems';
import { Access, Image, Manifest, Share, StateConfig, Target, TargetRegion } from './types';
import { YamlPositions } from './yaml-positions';

/** The manifest read when AMI_SHARE_MANIFEST is not set. */
export const DEFAULT_MANIFEST = 'shares.yaml';

/** The manifest path: `AMI_SHARE_MANIFEST`, else `shares.yaml`. */
export function manifestPath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.AMI_SHARE_MANIFEST;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_MANIFEST;
}

/** Reads and validates a manifest file. Throws ManifestError listing every problem. */
export function loadManifest(file: string): Manifest {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ManifestError([
      {
        file,
        line: 1,
        col: 1,
        path: '(root)',
        message: `cannot read the manifest (${reason}); expected shares.yaml in the project folder, or AMI_SHARE_MANIFEST naming the file`,
      },
    ]);
  }
  return parseManifest(text, file);
}

/** Validates manifest text; `file` is only used in messages. Throws ManifestError. */
export function parseManifest(text: string, file: string): Manifest {
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const positions = new YamlPositions(doc, lines);
  const located: LocatedProblem[] = [];
  const place = (problem: Problem): void => {
    const { line, col } =
      problem.offset !== undefined ? lines.linePos(problem.offset) : positions.locate(problem.path, problem.atKey ?? false);
    located.push({ file, line, col, path: formatPath(problem.path), message: problem.message });
  };

  const syntaxErrors = doc.errors.filter((error) => error.code !== 'DUPLICATE_KEY');
  for (const error of syntaxErrors) {
    const { line, col } = lines.linePos(error.pos[0]);
    located.push({ file, line, col, path: '(root)', message: `YAML syntax: ${firstLine(error.message)}` });
  }
  if (syntaxErrors.length > 0) {
    throw new ManifestError(located);
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    place({
      path: [],
      message: 'the manifest is empty; expected a mapping with version, source, images, targets and shares',
    });
    throw new ManifestError(located);
  }

  duplicateKeyProblems(doc).forEach(place);
  const data: unknown = doc.toJS();
  const sourceTextOf = (path: readonly PathSegment[]) => positions.sourceText(path);
  schemaProblems(data, sourceTextOf).forEach(place);
  crossFieldProblems(data).forEach(place);
  if (located.length > 0) {
    throw new ManifestError(located);
  }
  return toManifest(data as RawManifest, file);
}

/** Every key that a mapping repeats, at its second and later places. */
function duplicateKeyProblems(doc: Document): Problem[] {
  const problems: Problem[] = [];
  visit(doc, {
    Map(_key, map, ancestry) {
      const seen = new Set<string>();
      const path = pathTo(ancestry, map);
      for (const pair of map.items) {
        if (!isScalar(pair.key)) {
          continue;
        }
        const name = String(pair.key.value);
        if (seen.has(name)) {
          problems.push({
            path: [...path, name],
            offset: pair.key.range?.[0],
            message: `duplicate key "${name}"; expected each key once in a mapping (YAML keeps only the last, silently)`,
          });
        }
        seen.add(name);
      }
    },
  });
  return problems;
}

/** The path of keys and indexes that `visit` passed through to reach `node`. */
function pathTo(ancestry: readonly unknown[], node: unknown): PathSegment[] {
  const path: PathSegment[] = [];
  ancestry.forEach((ancestor, i) => {
    if (isPair(ancestor) && isScalar(ancestor.key)) {
      path.push(String(ancestor.key.value));
    } else if (isSeq(ancestor)) {
      path.push(ancestor.items.indexOf(ancestry[i + 1] ?? node));
    }
  });
  return path;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

interface RawCredentials {
  roleArn?: string;
  externalId?: string;
  profile?: string;
}

interface RawManifest {
  version: 1;
  source: RawCredentials & { accountId: string; region: string };
  images: Record<string, { amiId: string }>;
  targets: Record<string, RawCredentials & { accountId: string; regions?: (string | TargetRegion)[] }>;
  policy?: { allowPublic?: boolean; allowedAccounts?: string[] };
  state?: {
    backend: 'local' | 's3' | 'cloud';
    bucket?: string;
    keyPrefix?: string;
    region?: string;
    roleArn?: string;
    useLockfile?: boolean;
    organization?: string;
    workspacePrefix?: string;
    hostname?: string;
  };
  shares: {
    image: string;
    to?: string[];
    organizations?: string[];
    organizationalUnits?: string[];
    public?: boolean;
    copy?: boolean;
    protect?: boolean;
    adopt?: boolean;
    access?: Access;
    tags?: Record<string, string>;
  }[];
}

/** Applies defaults and sorts what has no order of its own, so output follows keys, not positions. */
function toManifest(raw: RawManifest, file: string): Manifest {
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const images = new Map<string, Image>(
    Object.keys(raw.images)
      .sort(byKey)
      .map((key) => [key, { key, amiId: raw.images[key].amiId }]),
  );
  const targets = new Map<string, Target>(
    Object.keys(raw.targets)
      .sort(byKey)
      .map((key) => {
        const { accountId, roleArn, externalId, profile, regions } = raw.targets[key];
        const listed = (regions ?? [raw.source.region]).map((item) => (typeof item === 'string' ? { region: item } : item));
        const sorted = [...listed].sort((a, b) => byKey(a.region, b.region));
        return [key, { key, accountId, roleArn, externalId, profile, regions: sorted }];
      }),
  );
  const shares: Share[] = raw.shares.map((share, index) => ({
    index,
    image: share.image,
    to: share.to ?? [],
    organizations: share.organizations ?? [],
    organizationalUnits: share.organizationalUnits ?? [],
    public: share.public ?? false,
    copy: share.copy ?? true,
    protect: share.protect ?? true,
    adopt: share.adopt ?? false,
    access: share.access ?? 'granted',
    tags: share.tags ?? {},
  }));
  const { accountId, region, roleArn, externalId, profile } = raw.source;
  const policy = { allowPublic: raw.policy?.allowPublic ?? false, allowedAccounts: raw.policy?.allowedAccounts };
  return { file, version: 1, source: { accountId, region, roleArn, externalId, profile }, images, targets, shares, policy, state: toStateConfig(raw.state) };
}

function toStateConfig(raw: RawManifest['state']): StateConfig {
  switch (raw?.backend) {
    case 's3':
      return {
        backend: 's3',
        bucket: raw.bucket!,
        keyPrefix: raw.keyPrefix ?? 'ami-share/',
        region: raw.region!,
        roleArn: raw.roleArn,
        useLockfile: raw.useLockfile ?? true,
      };
    case 'cloud':
      return { backend: 'cloud', organization: raw.organization!, workspacePrefix: raw.workspacePrefix ?? 'ami-share-', hostname: raw.hostname };
    default:
      return { backend: 'local' };
  }
}
