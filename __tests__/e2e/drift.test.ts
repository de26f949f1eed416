import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ModifyImageAttributeCommand } from '@aws-sdk/client-ec2';
import { ACCOUNTS, describeWithTerraform, ec2As, GOLDEN_AMI, runIn, SOURCE_ACCOUNT, startWorld, synthAndDeploy, World } from './harness';

/** Hash of every state file, to prove a check touched none. */
function stateHashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((file) => [file, createHash('sha256').update(fs.readFileSync(path.join(dir, file))).digest('hex')]),
  );
}

describeWithTerraform('end to end: the drift check CI can act on', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
    await synthAndDeploy(world.run);
  });
  afterAll(async () => {
    await world?.emulator.close();
  });

  test('in sync: exit 0, a progress line per stack', async () => {
    const drift = await world.run.drift();
    expect({ code: drift.code, stderr: drift.stderr }).toEqual({ code: 0, stderr: '' });
    for (const stack of ['share-analytics-c', 'share-organizations', 'share-workload-b']) {
      expect(drift.stdout).toMatch(new RegExp(`^\\[\\d/3\\] ${stack}: in sync \\(\\d+\\.\\d s\\)$`, 'm'));
    }
    expect(drift.stdout).toContain('In sync: 3 of 3 stacks match shares.yaml (exit 0).');
  });

  test('a launch permission removed out of band: exit 2, named in words, in JSON and in Markdown', async () => {
    await ec2As(world.emulator, SOURCE_ACCOUNT).send(
      new ModifyImageAttributeCommand({
        ImageId: GOLDEN_AMI,
        Attribute: 'launchPermission',
        LaunchPermission: { Remove: [{ UserId: ACCOUNTS['workload-b'] }] },
      }),
    );
    const json = path.join(world.dir, 'drift.json');
    const markdown = path.join(world.dir, 'drift.md');
    const before = stateHashes(path.join(world.dir, 'state'));
    const drift = await world.run.drift(['--json', json, '--markdown', markdown]);
    expect(drift.code).toBe(2);
    const message =
      'launch permission for image demo-base (ami-0abc1234def567890) to workload-b (120500000013) was removed outside Terraform; deploy restores it';
    expect(drift.stdout).toContain(`share-workload-b: ${message}`);
    expect(drift.stdout).toMatch(/^\[\d\/3\] share-workload-b: 1 change \(/m);
    expect(drift.stdout).toContain('Drift or pending changes in 1 of 3 stacks (exit 2).');
    expect(stateHashes(path.join(world.dir, 'state'))).toEqual(before);

    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(report).toMatchObject({ status: 'changes', exitCode: 2 });
    const workload = report.stacks.find((s: { stack: string }) => s.stack === 'share-workload-b');
    expect(workload.findings).toEqual([
      {
        stack: 'share-workload-b',
        address: 'aws_ami_launch_permission.launch_demo-base',
        kind: 'removed-outside',
        actions: ['create'],
        message,
      },
    ]);
    expect(fs.readFileSync(markdown, 'utf8')).toContain(`- ${message} (\`aws_ami_launch_permission.launch_demo-base\`)`);
  });

  test('after deploy: exit 0 again', async () => {
    const deployed = await world.run.deploy(['share-workload-b']);
    expect(deployed.code).toBe(0);
    const drift = await world.run.drift();
    expect(drift.code).toBe(0);
  });

  test('an unreachable endpoint: exit 1 with a clear message, state untouched', async () => {
    const before = stateHashes(path.join(world.dir, 'state'));
    // Port 9 (discard) on loopback: nothing listens there.
    const unreachable = runIn(world, { env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1', AWS_RETRY_MODE: 'standard' } });
    const drift = await unreachable.drift(['--parallelism', '3']);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toMatch(
      /share-workload-b: could not be checked: terraform plan failed: the AWS endpoint could not be reached: Cannot assume IAM Role: .*127\.0\.0\.1:9.*connection refused/,
    );
    expect(drift.stdout).toContain('Could not check 3 of 3 stacks; nothing was changed (exit 1).');
    expect(stateHashes(path.join(world.dir, 'state'))).toEqual(before);
  });

  test('bad credentials: exit 1 naming the credential problem, state untouched', async () => {
    const before = stateHashes(path.join(world.dir, 'state'));
    const badKeys = runIn(world, { env: { AWS_ACCESS_KEY_ID: 'AKIANOTAREALKEY00000', AWS_SECRET_ACCESS_KEY: 'wrong' } });
    const drift = await badKeys.drift();
    expect(drift.code).toBe(1);
    expect(drift.stdout).toMatch(
      /share-workload-b: could not be checked: terraform plan failed: the AWS credentials were refused: Cannot assume IAM Role: .*InvalidClientTokenId: The security token included in the request is invalid/,
    );
    expect(drift.stdout).toContain('Could not check 3 of 3 stacks; nothing was changed (exit 1).');
    expect(stateHashes(path.join(world.dir, 'state'))).toEqual(before);
  });
});
