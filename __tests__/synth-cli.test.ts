import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { initAndValidate, terraformOrSkip } from './support/terraform';
import { tempDir } from './support/synth';

/**
 * The app as users run it: the command in cdktf.json (`main.ts` in a child
 * process; tests never import it) and the real `cdktf synth`.
 */
const PROJECT = path.join(__dirname, '..');
const BAD = path.join(__dirname, 'fixtures', 'bad');
const APP_COMMAND = JSON.parse(fs.readFileSync(path.join(PROJECT, 'cdktf.json'), 'utf8')).app as string;

function run(command: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, {
    cwd: PROJECT,
    shell: true,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function stacksIn(outdir: string): string[] {
  const dir = path.join(outdir, 'stacks');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

describe('a bad manifest stops the app before any stack is written', () => {
  /** The first problem each spec case must report: path and position. */
  const cases: [file: string, where: string][] = [
    ['missing-field.yaml', '3:3: source.region: required field "region" is missing'],
    ['unknown-field.yaml', '7:5: images.demo-base.name: unknown field "name"'],
    ['account-id-as-number.yaml', '10:16: targets.workload-b.accountId: account id 012050000001 is a YAML number'],
    ['malformed-ami-id.yaml', '7:12: images.demo-base.amiId: expected an AMI id'],
    ['malformed-region.yaml', '4:11: source.region: expected an AWS region name'],
    ['malformed-arn.yaml', '15:21: shares[1].organizations[0]: expected an organization ARN'],
    ['unknown-image.yaml', '12:12: shares[0].image: unknown image "demo-bse"'],
    ['unknown-target.yaml', '13:10: shares[0].to[0]: unknown target "workload-x"'],
    ['target-is-source.yaml', '10:16: targets.workload-b.accountId: 651700000002 is the source account'],
    ['same-target-twice.yaml', '13:22: shares[0].to[1]: "workload-b" is listed twice in this share'],
    ['duplicate-keys.yaml', '11:5: targets.workload-b.accountId: duplicate key "accountId"'],
    ['empty.yaml', '1:1: (root): the manifest is empty'],
    ['public-without-policy.yaml', '15:13: shares[1].public: public sharing is refused'],
    ['account-not-allowed.yaml', '12:16: targets.workload-b.accountId: account 120500000013 is not in policy.allowedAccounts'],
  ];

  test('the fixtures cover every case', () => {
    expect(fs.readdirSync(BAD).sort()).toEqual(cases.map(([file]) => file).sort());
  });

  test.each(cases)('%s', (file, where) => {
    const outdir = tempDir();
    const manifest = path.join(BAD, file);
    const { status, stdout, stderr } = run(APP_COMMAND, { AMI_SHARE_MANIFEST: manifest, CDKTF_OUTDIR: outdir });
    expect(status).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^ami-share: invalid manifest \(\d+ problems?\):$/);
    expect(lines[1].startsWith(`${manifest}:${where}`)).toBe(true);
    for (const line of lines.slice(1)) {
      expect(line).toMatch(/^\S+:\d+:\d+: \S+: .+$/);
    }
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('cdktf synth on a bad manifest exits non-zero, prints the problems and writes no stack', () => {
    const outdir = path.join(tempDir(), 'out');
    const manifest = path.join(BAD, 'unknown-target.yaml');
    const { status, stdout, stderr } = run(`npx --no-install cdktf synth --output ${outdir}`, { AMI_SHARE_MANIFEST: manifest });
    expect(status).not.toBe(0);
    expect(`${stdout}${stderr}`).toContain(`${manifest}:13:10: shares[0].to[0]: unknown target "workload-x"`);
    expect(stacksIn(outdir)).toEqual([]);
  });
});

describe('cdktf synth of the example', () => {
  test('writes one stack per target plus share-organizations, each valid for terraform', () => {
    // An --output folder inside the project, as users have it (.tmp/ is ignored by git).
    fs.mkdirSync(path.join(PROJECT, '.tmp'), { recursive: true });
    const outdir = path.join(fs.mkdtempSync(path.join(PROJECT, '.tmp', 'synth-')), 'out');
    const { status, stdout, stderr } = run(`npx --no-install cdktf synth --output ${outdir}`, {});
    expect({ status, stderr: status === 0 ? '' : stderr }).toEqual({ status: 0, stderr: '' });
    expect(stdout).toContain('Generated Terraform code for the stacks');
    expect(stacksIn(outdir)).toEqual(['share-analytics-c', 'share-organizations', 'share-workload-b']);
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'share-workload-b', 'cdk.tf.json'), 'utf8'));
    // State stays in the project's state/ folder, reached relatively from the stack folder.
    const statePath = json.terraform.backend.local.path as string;
    expect(path.isAbsolute(statePath)).toBe(false);
    expect(path.resolve(outdir, 'stacks', 'share-workload-b', statePath)).toBe(path.join(PROJECT, 'state', 'share-workload-b.tfstate'));
    expect(JSON.stringify(json)).not.toContain(PROJECT);
    if (terraformOrSkip()) {
      for (const stack of stacksIn(outdir)) {
        expect(initAndValidate(path.join(outdir, 'stacks', stack))).toContain('The configuration is valid.');
      }
    }
  });
});
