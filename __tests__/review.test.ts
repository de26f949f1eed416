import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseManifest } from '../lib/manifest/load';
import { Manifest } from '../lib/manifest/types';
import { baseFromFile, baseFromGitRef, BaseOutcome } from '../lib/review/base-manifest';
import { manifestChanges } from '../lib/review/manifest-changes';
import { MermaidIds, mermaidGraph } from '../lib/review/mermaid-graph';
import { parseReviewArgs } from '../lib/review/review-args';
import { reviewMarkdown } from '../lib/review/review-markdown';
import { cell } from '../lib/review/share-table';
import { fixtureText, tempDir } from './support/synth';

const PROJECT = path.join(__dirname, '..');
const FIXTURES = path.join(__dirname, 'fixtures', 'review');
const BASE_TEXT = fs.readFileSync(path.join(FIXTURES, 'base.yaml'), 'utf8');
const HEAD_TEXT = fs.readFileSync(path.join(FIXTURES, 'head.yaml'), 'utf8');

function manifest(text: string, file = 'shares.yaml'): Manifest {
  return parseManifest(text, file);
}

function loaded(text: string): BaseOutcome {
  return { kind: 'loaded', name: 'origin/main:shares.yaml', manifest: manifest(text, 'origin/main:shares.yaml') };
}

/** The warnings of head against base. */
function warnings(baseText: string, headText: string): readonly string[] {
  return manifestChanges(manifest(baseText), manifest(headText)).warnings;
}

function runReview(args: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(`node --require tsx/cjs tools/review.ts ${args}`, {
    cwd: PROJECT,
    shell: true,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const EXPECTED_SMALL_CASE = `## ami-share: \`shares.yaml\`

Source account \`651700000002\` in \`ap-northeast-1\`: 1 image shared, 3 copies in 2 target accounts.

### What goes where

| Image | AMI | Recipient | Region | Copy | Encryption | Access |
|---|---|---|---|---|---|---|
| \`demo-base\` | \`ami-0def5678abc123456\` | \`analytics-c\` (\`230600000024\`) | ap-northeast-1 | yes, unprotected | source's | granted |
| \`demo-base\` | \`ami-0def5678abc123456\` | \`analytics-c\` (\`230600000024\`) | us-west-2 | yes, unprotected | \`arn:aws:kms:us-west-2:230600000024:key/1234abcd-12ab-34cd-56ef-1234567890ab\` | granted |
| \`demo-base\` | \`ami-0def5678abc123456\` | \`workload-b\` (\`120500000013\`) | ap-northeast-1 | yes, unprotected | source's | granted |

### Changes against base (\`origin/main:shares.yaml\`)

> [!CAUTION]
> ⚠️ **Replaces copies** of \`demo-base\` in \`workload-b\` (ap-northeast-1): new AMI id \`ami-0abc1234def567890\` → \`ami-0def5678abc123456\`. Terraform **replaces** them: each old copy is deregistered and its snapshots deleted, under whoever still uses it.

**Images**

- \`demo-base\`: AMI id \`ami-0abc1234def567890\` → \`ami-0def5678abc123456\`

**Targets**

- added \`analytics-c\` (\`230600000024\`), regions ap-northeast-1, us-west-2

**Shares**

- added \`demo-base\` → \`analytics-c\` (\`230600000024\`) (copy, granted)
- removed \`demo-base\` → organization \`arn:aws:organizations::651700000002:organization/o-abc123def4\` (launch only, granted)

### Graph

\`\`\`mermaid
graph LR
  SRC_651700000002["source 651700000002<br/>ap-northeast-1"]
  IMG_demo_base["demo-base<br/>ami-0def5678abc123456"]
  TGT_analytics_c["target analytics-c<br/>230600000024"]
  REG_analytics_c_ap_northeast_1["ap-northeast-1"]
  REG_analytics_c_us_west_2["us-west-2"]
  TGT_workload_b["target workload-b<br/>120500000013"]
  REG_workload_b_ap_northeast_1["ap-northeast-1"]
  SRC_651700000002 --> IMG_demo_base
  IMG_demo_base -->|"granted"| TGT_analytics_c
  TGT_analytics_c -->|"copy"| REG_analytics_c_ap_northeast_1
  TGT_analytics_c -->|"copy, own key"| REG_analytics_c_us_west_2
  IMG_demo_base -->|"granted"| TGT_workload_b
  TGT_workload_b -->|"copy"| REG_workload_b_ap_northeast_1
\`\`\`
`;

describe('the review of the small case (fixtures/review/base.yaml -> head.yaml)', () => {
  test('is exactly the expected Markdown', () => {
    expect(reviewMarkdown(manifest(HEAD_TEXT), loaded(BASE_TEXT))).toBe(EXPECTED_SMALL_CASE);
  });

  test('npm run review prints the same, reading both files', () => {
    const { status, stdout, stderr } = runReview(`--base ${path.join(FIXTURES, 'base.yaml')}`, { AMI_SHARE_MANIFEST: path.join(FIXTURES, 'head.yaml') });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const normalize = (text: string) => text.split('\n').slice(1).join('\n').replace(/### Changes against base \(`[^`]*`\)/, '### Changes against base');
    expect(normalize(stdout)).toBe(normalize(EXPECTED_SMALL_CASE));
    expect(stdout.split('\n')[0]).toBe(`## ami-share: \`${path.join(FIXTURES, 'head.yaml')}\``);
  });

  test('without a base there is no changes section', () => {
    const markdown = reviewMarkdown(manifest(HEAD_TEXT));
    expect(markdown).not.toContain('Changes against base');
    expect(markdown).toContain('### What goes where');
    expect(markdown).toContain('```mermaid\ngraph LR\n');
  });

  test('the same manifest as base: "No changes."', () => {
    expect(reviewMarkdown(manifest(HEAD_TEXT), loaded(HEAD_TEXT))).toContain('### Changes against base (`origin/main:shares.yaml`)\n\nNo changes.\n');
  });
});

describe('warnings for changes that replace or drop copies', () => {
  test('a new AMI id for a protected copy: the plan will fail, and what to do', () => {
    const [warning, ...rest] = warnings(BASE_TEXT.replace('    protect: false\n', ''), HEAD_TEXT.replace('    protect: false\n', ''));
    expect(rest).toEqual([]);
    expect(warning).toContain('**Replaces copies** of `demo-base` in `workload-b` (ap-northeast-1): new AMI id');
    expect(warning).toContain('the plan **fails** (prevent_destroy): set `protect: false` on the share');
  });

  test('a changed kmsKeyArn replaces the copies in that region only', () => {
    const head = HEAD_TEXT.replace('key/1234abcd-12ab-34cd-56ef-1234567890ab', 'key/9999abcd-12ab-34cd-56ef-1234567890ab');
    expect(warnings(HEAD_TEXT, head)).toEqual([
      '⚠️ **Replaces copies** of `demo-base` in `analytics-c` (us-west-2): encryption `arn:aws:kms:us-west-2:230600000024:key/1234abcd-12ab-34cd-56ef-1234567890ab` → `arn:aws:kms:us-west-2:230600000024:key/9999abcd-12ab-34cd-56ef-1234567890ab`. Terraform **replaces** them: each old copy is deregistered and its snapshots deleted, under whoever still uses it.',
    ]);
    expect(manifestChanges(manifest(HEAD_TEXT), manifest(head)).targets).toEqual([
      '`analytics-c`: us-west-2 encryption `arn:aws:kms:us-west-2:230600000024:key/1234abcd-12ab-34cd-56ef-1234567890ab` → `arn:aws:kms:us-west-2:230600000024:key/9999abcd-12ab-34cd-56ef-1234567890ab`',
    ]);
  });

  test('a region removed from a target destroys the unprotected copies there', () => {
    const head = HEAD_TEXT.replace(/      - region: us-west-2\n.*\n/, '');
    expect(warnings(HEAD_TEXT, head)).toEqual([
      '⚠️ **Drops copies** of `demo-base` in `analytics-c` (us-west-2): the region leaves the target. They are **destroyed**: each AMI is deregistered and its snapshots deleted, under whoever still uses it.',
    ]);
    expect(manifestChanges(manifest(HEAD_TEXT), manifest(head)).targets).toEqual(['`analytics-c`: region us-west-2 removed']);
  });

  test('a share removed while its target stays: protected copies are forgotten, not deleted', () => {
    const base = fixtureText('shares.yaml');
    const head = base.replace('to: [workload-b, analytics-c]', 'to: [workload-b]');
    expect(warnings(base, head)).toEqual([
      '⚠️ **Drops copies** of `demo-base` in `analytics-c` (ap-northeast-1, us-west-2): the share leaves the manifest. They are **forgotten**, not deleted: each stays in its account, no longer managed by ami-share.',
    ]);
    expect(manifestChanges(manifest(base), manifest(head)).shares).toEqual(['removed `demo-base` → `analytics-c` (`230600000024`) (copy, granted)']);
  });

  test('copy: false drops the copies; revoking keeps them and warns of nothing', () => {
    const base = fixtureText('shares.yaml');
    const noCopy = base.replace('    tags:\n      team: platform\n', '    copy: false\n    tags:\n      team: platform\n');
    expect(warnings(base, noCopy).join('\n')).toContain('the share now says `copy: false`');
    const revoked = base.replace('    tags:\n      team: platform\n', '    access: revoked\n    tags:\n      team: platform\n');
    expect(warnings(base, revoked)).toEqual([]);
    expect(manifestChanges(manifest(base), manifest(revoked)).shares).toEqual([
      '`demo-base` → `analytics-c` (`230600000024`): access granted → **revoked**',
      '`demo-base` → `workload-b` (`120500000013`): access granted → **revoked**',
    ]);
  });

  test('a target removed: its stack is no longer deployed, so its permissions and copies stay', () => {
    const base = fixtureText('shares.yaml');
    const head = base
      .replace(/  workload-b: .*\n    accountId: "120500000013"\n    roleArn: .*\n/, '')
      .replace('to: [workload-b, analytics-c]', 'to: [analytics-c]');
    const list = warnings(base, head);
    expect(list).toHaveLength(1);
    expect(list[0]).toContain('**Target `workload-b` leaves the manifest**: its stack `share-workload-b` is no longer synthesized');
    expect(list[0]).toContain('its 1 copy stays in account `120500000013`, unmanaged. To stop sharing, set `access: revoked` and deploy first.');
  });

  test('an image removed: its copies leave the configuration and are destroyed, protected or not', () => {
    const base = fixtureText('larger.yaml');
    const head = base.replace(/  - image: legacy\n    to: \[workload-b\]\n    access: revoked\n/, '').replace(/  - image: legacy\n    organizations: .*\n    access: revoked\n/, '').replace(/  legacy:\n    amiId: .*\n/, '');
    expect(manifestChanges(manifest(base), manifest(head)).images).toEqual(['removed `legacy` (`ami-0fedcba9876543210`)']);
    expect(warnings(base, head)).toEqual([
      '⚠️ **Drops copies** of `legacy` in `workload-b` (ap-northeast-1): image `legacy` leaves the manifest. They are **destroyed**: each AMI is deregistered and its snapshots deleted, under whoever still uses it.',
    ]);
  });

  test('making an image public is a warning', () => {
    const base = fixtureText('shares.yaml');
    const head = `${base.replace('  - image: demo-base                   # launch permission only', '  - image: demo-base\n    public: true\n  - image: demo-base                   # launch permission only')}policy:\n  allowPublic: true\n`;
    expect(warnings(base, head)).toEqual(['⚠️ **Makes `demo-base` public**: every AWS account can launch `ami-0abc1234def567890`.']);
    expect(reviewMarkdown(manifest(head))).toContain('| `demo-base` | `ami-0abc1234def567890` | **everyone (public)** | ap-northeast-1 | no (launch only) | — | granted |');
  });

  test('a new state backend: move the state first', () => {
    const base = fixtureText('shares.yaml');
    const head = `state:\n  backend: s3\n  bucket: acme-terraform-state\n  region: us-east-1\n${base}`;
    expect(warnings(base, head)).toEqual([
      "⚠️ **The state backend changes** (local → s3 `acme-terraform-state/ami-share/`): move each stack's state first (`terraform init -migrate-state` in each stack folder); a deploy that starts from an empty state tries to create every share and copy again.",
    ]);
    expect(manifestChanges(manifest(base), manifest(head)).source).toEqual(['state backend local → s3 `acme-terraform-state/ami-share/`']);
  });

  test('tags and protect changes are listed, without a warning', () => {
    const base = fixtureText('shares.yaml');
    const head = base.replace('      team: platform\n', '      team: data\n      owner: me\n    protect: false\n');
    expect(warnings(base, head)).toEqual([]);
    expect(manifestChanges(manifest(base), manifest(head)).shares[0]).toBe(
      '`demo-base` → `analytics-c` (`230600000024`): protect yes → **no**; tags +`owner` ~`team`',
    );
  });
});

describe('the base manifest', () => {
  test('an invalid base is reported in the comment, not thrown', () => {
    const file = path.join(tempDir(), 'base.yaml');
    fs.writeFileSync(file, BASE_TEXT.replace('"120500000013"', '120500000013'));
    const outcome = baseFromFile(file);
    expect(outcome.kind).toBe('invalid');
    const markdown = reviewMarkdown(manifest(HEAD_TEXT), outcome);
    expect(markdown).toContain(`> The base manifest \`${file}\` is invalid, so the changes cannot be listed:`);
    expect(markdown).toContain(`${file}:11:16: targets.workload-b.accountId: account id 120500000013 is a YAML number`);
    expect(markdown).toContain('### What goes where');
  });

  test('npm run review with an invalid base still exits 0; an invalid head exits 1', () => {
    const bad = path.join(__dirname, 'fixtures', 'bad', 'unknown-target.yaml');
    const withBadBase = runReview(`--base ${bad}`, { AMI_SHARE_MANIFEST: path.join(FIXTURES, 'head.yaml') });
    expect(withBadBase.status).toBe(0);
    expect(withBadBase.stdout).toContain('is invalid, so the changes cannot be listed');
    const badHead = runReview('', { AMI_SHARE_MANIFEST: bad });
    expect(badHead.status).toBe(1);
    expect(badHead.stdout).toBe('');
    expect(badHead.stderr).toContain('unknown target "workload-x"');
  });

  describe('from a git revision', () => {
    const repo = tempDir('ami-share-review-git-');
    const git = (...args: string[]) => {
      const result = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
        cwd: repo,
        encoding: 'utf8',
      });
      if (result.status !== 0) {
        throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
      }
    };
    beforeAll(() => {
      git('init', '-q', '-b', 'main');
      fs.mkdirSync(path.join(repo, 'config'));
      fs.writeFileSync(path.join(repo, 'config', 'shares.yaml'), BASE_TEXT);
      git('add', '.');
      git('commit', '-q', '-m', 'base');
      fs.writeFileSync(path.join(repo, 'config', 'shares.yaml'), 'version: [');
      git('commit', '-q', '-am', 'broken');
    });

    test('reads the manifest at the revision, relative to the current folder', () => {
      const outcome = baseFromGitRef('HEAD~1', 'config/shares.yaml', repo);
      expect(outcome.kind).toBe('loaded');
      expect(outcome.name).toBe('HEAD~1:config/shares.yaml');
      if (outcome.kind === 'loaded') {
        expect(outcome.manifest.images.get('demo-base')?.amiId).toBe('ami-0abc1234def567890');
      }
    });

    test('an invalid manifest at the revision, a missing file, an unknown revision', () => {
      expect(baseFromGitRef('HEAD', 'config/shares.yaml', repo)).toMatchObject({ kind: 'invalid', name: 'HEAD:config/shares.yaml' });
      expect(baseFromGitRef('HEAD', 'other.yaml', repo)).toEqual({ kind: 'absent', name: 'HEAD:other.yaml' });
      const unknown = baseFromGitRef('origin/nope', 'config/shares.yaml', repo);
      expect(unknown.kind).toBe('unreadable');
      expect(unknown.kind === 'unreadable' && unknown.message).toContain('origin/nope');
      expect(baseFromGitRef('--output=x', 'config/shares.yaml', repo)).toMatchObject({ kind: 'unreadable' });
    });

    test('a manifest new in the pull request says so', () => {
      expect(reviewMarkdown(manifest(HEAD_TEXT), { kind: 'absent', name: 'origin/main:shares.yaml' })).toContain(
        'There is no manifest at `origin/main:shares.yaml`: everything above is new.',
      );
    });
  });
});

describe('the Mermaid graph', () => {
  test('node ids are sanitized and unique, labels quoted, revoked shares dotted', () => {
    const graph = mermaidGraph(manifest(fixtureText('larger.yaml'), 'larger.yaml'));
    const lines = graph.split('\n').slice(2, -1);
    for (const line of lines) {
      expect(line).toMatch(/^ {2}[A-Z]+(_[A-Za-z0-9_]+)?(\[".*"\]| (-->|-\.->)(\|".*"\|)? [A-Z]+(_[A-Za-z0-9_]+)?)$/);
    }
    const ids = lines.filter((l) => l.includes('["')).map((l) => l.trim().split('[')[0]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(graph).toContain('  IMG_legacy -.->|"revoked"| TGT_workload_b');
    expect(graph).toContain('  IMG_web -->|"launch only, granted"| OU_ou_ab12_00001111');
    expect(graph).toContain('  TGT_analytics_c -->|"copy, own key"| REG_analytics_c_eu_central_1');
    // web is shared without copies: no region edges from that share, but analytics-c has copies of demo-base
    expect(graph).toContain('  IMG_web -->|"granted"| TGT_analytics_c');
  });

  test('ids never collide and never start with a lower-case o or x, or equal "end"', () => {
    const ids = new MermaidIds();
    expect(ids.idOf('IMG', 'end')).toBe('IMG_end');
    expect(ids.idOf('IMG', 'a-b')).toBe('IMG_a_b');
    expect(ids.idOf('IMG', 'a.b')).toBe('IMG_a_b_2');
    expect(ids.idOf('IMG', 'a-b')).toBe('IMG_a_b');
    expect(ids.idOf('REG', 'a', 'b-c')).toBe('REG_a_b_c');
    expect(ids.idOf('REG', 'a-b', 'c')).toBe('REG_a_b_c_2');
  });
});

describe('command line', () => {
  test('arguments: one base at most, values required, unknown flags named', () => {
    expect(parseReviewArgs(['--base-ref', 'origin/main', '--output', 'r.md'])).toEqual({
      help: false,
      baseFile: undefined,
      baseRef: 'origin/main',
      output: 'r.md',
    });
    expect(() => parseReviewArgs(['--base', 'a.yaml', '--base-ref', 'origin/main'])).toThrow(
      '--base a.yaml and --base-ref origin/main both name a base; expected at most one',
    );
    expect(() => parseReviewArgs(['--base-ref'])).toThrow('--base-ref needs a value');
    expect(() => parseReviewArgs(['--since', 'x'])).toThrow('unknown argument "--since"');
  });

  test('--output writes the Markdown to a file and nothing to stdout', () => {
    const out = path.join(tempDir(), 'review.md');
    const { status, stdout } = runReview(`--output ${out}`, { AMI_SHARE_MANIFEST: path.join(FIXTURES, 'head.yaml') });
    expect(status).toBe(0);
    expect(stdout).toBe('');
    expect(fs.readFileSync(out, 'utf8')).toContain('### What goes where');
  });

  test('table cells escape pipes and line breaks', () => {
    expect(cell('a|b\nc')).toBe('a\\|b c');
  });
});
