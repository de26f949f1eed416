import * as fs from 'fs';
import * as path from 'path';
import { loadManifest, manifestPath } from '../lib/manifest/load';
import { LocatedProblem, ManifestError } from '../lib/manifest/problems';
import { fixtureText, manifestFrom, tempDir } from './support/synth';

/** The example manifest, whose lines the cases below edit one at a time. */
const EXAMPLE = fixtureText('shares.yaml');

function problemsOf(yaml: string, file = 'shares.yaml'): LocatedProblem[] {
  try {
    manifestFrom(yaml, file);
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return [...(error as ManifestError).problems];
  }
  throw new Error('expected the manifest to be refused, but it loaded');
}

/** Replaces exactly one occurrence of `from`, so a case cannot silently edit nothing. */
function edit(from: string, to: string, text = EXAMPLE): string {
  const at = text.indexOf(from);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(from, at + 1)).toBe(-1);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Line (1-based) of the first line of `text` that contains `needle`. */
function lineOf(needle: string, text: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  expect(index).toBeGreaterThanOrEqual(0);
  return index + 1;
}

describe('the example manifest', () => {
  test('loads, with defaults applied', () => {
    const manifest = manifestFrom(EXAMPLE);
    expect([...manifest.targets.keys()]).toEqual(['analytics-c', 'workload-b']);
    expect(manifest.targets.get('workload-b')!.regions).toEqual([{ region: 'ap-northeast-1' }]);
    expect(manifest.shares[0]).toMatchObject({ copy: true, access: 'granted', tags: { team: 'platform' } });
    expect(manifest.shares[1].to).toEqual([]);
  });

  test('loads as JSON too (JSON is YAML)', () => {
    const json = JSON.stringify(manifestFrom(EXAMPLE) && require('yaml').parse(EXAMPLE));
    const manifest = manifestFrom(json, 'shares.json');
    expect(manifest.images.get('demo-base')!.amiId).toBe('ami-0abc1234def567890');
  });
});

describe('every bad-input case of the spec is refused with FILE:LINE:COL: path: message', () => {
  test('a missing field points at the mapping that lacks it', () => {
    const text = edit('  region: ap-northeast-1\n  roleArn', '  roleArn');
    const [problem] = problemsOf(text);
    expect(problem).toMatchObject({ path: 'source.region', line: lineOf('accountId: "651700000002"', text), col: 3 });
    expect(problem.message).toMatch(/required field "region" is missing; expected an AWS region name/);
  });

  test('an unknown field points at its key and lists the known ones', () => {
    const text = edit('    amiId: ami-0abc1234def567890', '    amiId: ami-0abc1234def567890\n    amiID: ami-0abc1234def567890');
    const [problem] = problemsOf(text);
    expect(problem).toMatchObject({ path: 'images.demo-base.amiID', line: lineOf('amiID', text), col: 5 });
    expect(problem.message).toBe('unknown field "amiID"; expected one of: amiId');
  });

  test('an account id given as a YAML number says to quote it, showing the digits as written', () => {
    const text = edit('accountId: "120500000013"', 'accountId: 012050000001');
    const [problem] = problemsOf(text);
    expect(problem).toMatchObject({ path: 'targets.workload-b.accountId', line: lineOf('012050000001', text), col: 16 });
    expect(problem.message).toBe(
      'account id 012050000001 is a YAML number, which loses leading zeros; quote it as a string: "012050000001"',
    );
  });

  test.each([
    ['a malformed AMI id', 'amiId: ami-0abc1234def567890', 'amiId: ami-0ABC', 'images.demo-base.amiId', /expected an AMI id: "ami-" and 8 or 17 lower-case hex digits, got "ami-0ABC"/],
    ['a malformed account id', 'accountId: "230600000024"', 'accountId: "2306"', 'targets.analytics-c.accountId', /expected a 12-digit AWS account id as a quoted string.*, got "2306"/],
    ['a malformed region', '- us-west-2', '- us-westish', 'targets.analytics-c.regions[1]', /expected an AWS region name such as "us-west-2", got "us-westish"/],
    ['a malformed role ARN', 'role/ami-share-source', 'user/ami-share-source', 'source.roleArn', /expected an IAM role ARN/],
    ['a malformed organization ARN', 'organization/o-abc123def4]', 'organisation/o-abc123def4]', 'shares[1].organizations[0]', /expected an organization ARN/],
    ['a malformed OU ARN', 'ou/o-abc123def4/ou-ab12-cdef3456', 'ou/ou-ab12-cdef3456', 'shares[1].organizationalUnits[0]', /expected an organizational unit ARN/],
    ['a bad access value', '    tags:\n      team: platform', '    access: denied', 'shares[0].access', /expected "granted" or "revoked", got "denied"/],
    ['a version other than 1', 'version: 1', 'version: 2', 'version', /expected the manifest format version, 1, got number 2/],
  ])('%s', (_case, from, to, wantedPath, wantedMessage) => {
    const text = edit(from, to);
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(wantedPath);
    expect(problems[0].line).toBe(lineOf(to.split('\n')[0], text));
    expect(problems[0].message).toMatch(wantedMessage);
  });

  test('a KMS key of another region or account than the copy', () => {
    const text = edit(
      '      - us-west-2',
      '      - region: us-west-2\n        kmsKeyArn: arn:aws:kms:us-east-1:999900000000:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    );
    const problems = problemsOf(text);
    expect(problems.map((p) => p.path)).toEqual([
      'targets.analytics-c.regions[1].kmsKeyArn',
      'targets.analytics-c.regions[1].kmsKeyArn',
    ]);
    expect(problems[0].message).toMatch(/is in region us-east-1; expected a key in us-west-2/);
    expect(problems[1].message).toMatch(/belongs to account 999900000000; expected a key of the target account 230600000024/);
    expect(problems[0]).toMatchObject({ line: lineOf('kmsKeyArn', text), col: 20 });
  });

  test('a share naming an unknown image', () => {
    const text = edit('  - image: demo-base                   #', '  - image: demo-bse                    #');
    const [problem] = problemsOf(text);
    expect(problem).toMatchObject({ path: 'shares[1].image', line: lineOf('demo-bse', text), col: 12 });
    expect(problem.message).toBe('unknown image "demo-bse"; expected one of the keys in images: demo-base');
  });

  test('a share naming an unknown target', () => {
    const text = edit('to: [workload-b, analytics-c]', 'to: [workload-b, analytics-x]');
    const [problem] = problemsOf(text);
    expect(problem).toMatchObject({ path: 'shares[0].to[1]', line: lineOf('analytics-x', text), col: 22 });
    expect(problem.message).toBe('unknown target "analytics-x"; expected one of the keys in targets: workload-b, analytics-c');
  });

  test('a target equal to the source account', () => {
    const text = edit('accountId: "120500000013"', 'accountId: "651700000002"');
    const problems = problemsOf(text);
    expect(problems[0]).toMatchObject({ path: 'targets.workload-b.accountId', line: lineOf('  workload-b:', text) + 1, col: 16 });
    expect(problems[0].message).toBe('651700000002 is the source account; expected another account (the source already owns its images)');
  });

  test('the same target twice in one share', () => {
    const text = edit('to: [workload-b, analytics-c]', 'to: [workload-b, analytics-c, workload-b]');
    const [problem] = problemsOf(text);
    expect(problem).toMatchObject({ path: 'shares[0].to[2]', col: 35 });
    expect(problem.message).toBe('"workload-b" is listed twice in this share; expected each once');
  });

  test('the same image to the same target in two shares', () => {
    const text = `${EXAMPLE}  - image: demo-base\n    to: [analytics-c]\n    copy: false\n`;
    const [problem] = problemsOf(text);
    expect(problem).toMatchObject({ path: 'shares[2].to[0]', line: lineOf('to: [analytics-c]', text) });
    expect(problem.message).toMatch(/image "demo-base" already goes to "analytics-c" in shares\[0\]/);
  });

  test('duplicate keys in a YAML mapping', () => {
    const text = edit('  demo-base:\n', '  demo-base:\n    amiId: ami-12345678\n');
    const [problem] = problemsOf(text);
    // The second of the two is the one reported.
    expect(problem).toMatchObject({ path: 'images.demo-base.amiId', line: lineOf('amiId: ami-0abc', text), col: 5 });
    expect(lineOf('amiId: ami-12345678', text)).toBeLessThan(problem.line);
    expect(problem.message).toMatch(/^duplicate key "amiId"; expected each key once/);
  });

  test('duplicate keys at the top level', () => {
    const text = `${EXAMPLE}version: 1\n`;
    const [problem] = problemsOf(text);
    expect(problem).toMatchObject({ path: 'version', line: text.split('\n').length - 1, col: 1 });
  });

  test.each([
    ['an empty file', ''],
    ['a file of comments only', '# nothing here yet\n'],
  ])('%s', (_case, text) => {
    const problems = problemsOf(text, 'empty.yaml');
    expect(problems).toEqual([
      {
        file: 'empty.yaml',
        line: 1,
        col: 1,
        path: '(root)',
        message: 'the manifest is empty; expected a mapping with version, source, images, targets and shares',
      },
    ]);
  });

  test('a share with nobody to share with', () => {
    const text = edit('    to: [workload-b, analytics-c]      # launch + snapshot permissions, and a copy per region\n', '');
    const [problem] = problemsOf(text);
    expect(problem).toMatchObject({ path: 'shares[0]', line: lineOf('- image: demo-base', text), col: 5 });
    expect(problem.message).toMatch(/a share needs at least one of to, organizations, organizationalUnits/);
  });

  test('roleArn and profile together, and externalId without a role', () => {
    const text = edit('  roleArn: arn:aws:iam::651700000002:role/ami-share-source\n', '  profile: factory\n  externalId: abc123\n');
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.path, p.line])).toEqual([['source.externalId', lineOf('externalId', text)]]);
    const both = problemsOf(edit('  roleArn: arn:aws:iam::651700000002:role/ami-share-source\n', '  roleArn: arn:aws:iam::651700000002:role/x\n  profile: factory\n'));
    expect(both.map((p) => p.message)).toEqual(['give either roleArn or profile, not both: the provider authenticates one way']);
  });

  test('a role in another account than the one the provider acts in', () => {
    const [problem] = problemsOf(edit('iam::120500000013:role', 'iam::999900000000:role'));
    expect(problem.path).toBe('targets.workload-b.roleArn');
    expect(problem.message).toMatch(/is in account 999900000000; expected a role in account 120500000013/);
  });

  test('a YAML syntax error stops with its position', () => {
    const problems = problemsOf('version: 1\nsource:\n  accountId: "1"\n   region: x\n');
    expect(problems).toEqual([
      { file: 'shares.yaml', line: 4, col: 1, path: '(root)', message: 'YAML syntax: All mapping items must start at the same column' },
    ]);
  });

  test('every problem is reported at once, in file order', () => {
    const text = edit('accountId: "120500000013"', 'accountId: 120500000013', edit('amiId: ami-0abc1234def567890', 'amiId: ami-xyz'));
    const problems = problemsOf(text);
    expect(problems.map((p) => p.path)).toEqual(['images.demo-base.amiId', 'targets.workload-b.accountId']);
    const error = (() => {
      try {
        manifestFrom(text);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error!.message.split('\n').slice(1)).toEqual(
      problems.map((p) => `shares.yaml:${p.line}:${p.col}: ${p.path}: ${p.message}`),
    );
  });
});

describe('reading the file', () => {
  test('AMI_SHARE_MANIFEST names another file; shares.yaml otherwise', () => {
    expect(manifestPath({ AMI_SHARE_MANIFEST: 'other/fleet.yaml' })).toBe('other/fleet.yaml');
    expect(manifestPath({})).toBe('shares.yaml');
    expect(manifestPath({ AMI_SHARE_MANIFEST: '' })).toBe('shares.yaml');
  });

  test('a missing file is a located problem, not a stack trace', () => {
    const file = path.join(tempDir(), 'absent.yaml');
    expect(() => loadManifest(file)).toThrow(`${file}:1:1: (root): cannot read the manifest (no such file)`);
  });

  test('a file on disk is read and named in the messages', () => {
    const file = path.join(tempDir(), 'fleet.yaml');
    const text = edit('amiId: ami-0abc1234def567890', 'amiId: 42');
    fs.writeFileSync(file, text);
    expect(() => loadManifest(file)).toThrow(`${file}:${lineOf('amiId: 42', text)}:12: images.demo-base.amiId: expected an AMI id`);
  });
});
