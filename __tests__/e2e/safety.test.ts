import * as fs from 'fs';
import * as path from 'path';
import { DescribeImagesCommand, DescribeSnapshotsCommand, ModifyImageAttributeCommand, ModifySnapshotAttributeCommand } from '@aws-sdk/client-ec2';
import { KMSClient, ListGrantsCommand } from '@aws-sdk/client-kms';
import {
  ACCOUNTS,
  describeWithTerraform,
  ec2As,
  expectSuccess,
  GOLDEN_AMI,
  GOLDEN_SNAPSHOT,
  launchAccounts,
  ownedCopies,
  PROJECT,
  runIn,
  SOURCE_ACCOUNT,
  startWorld,
  synthAndDeploy,
  withManifest,
  World,
} from './harness';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'e2e');
const EXAMPLE = fs.readFileSync(path.join(PROJECT, 'shares.yaml'), 'utf8');
const SOURCE_KEY = 'arn:aws:kms:ap-northeast-1:651700000002:key/0b5e1a2c-3d4e-4f60-8a7b-9c0d1e2f3a4b';
const TARGET_KEY = 'arn:aws:kms:ap-northeast-1:120500000013:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

describeWithTerraform('end to end: encrypted AMIs', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(path.join(FIXTURES, 'encrypted.yaml'));
  });
  afterAll(async () => {
    await world?.emulator.close();
  });

  test('without the KMS grant the copy fails as AWS would', async () => {
    const { run } = world;
    expectSuccess(await run.synth());
    const stackFile = path.join(run.stackDir('share-workload-b'), 'cdk.tf.json');
    const stack = JSON.parse(fs.readFileSync(stackFile, 'utf8'));
    delete stack.resource.aws_kms_grant;
    const copy = stack.resource.aws_ami_copy['copy_golden-cmk_ap-northeast-1'];
    copy.depends_on = copy.depends_on.filter((address: string) => !address.startsWith('aws_kms_grant.'));
    fs.writeFileSync(stackFile, JSON.stringify(stack));
    expectSuccess(await run.terraform('share-workload-b', ['init', '-input=false']));
    const failed = await run.terraform('share-workload-b', ['apply', '-auto-approve', '-input=false']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('You do not have permission to access the storage of this ami');
    expect(await ownedCopies(world.emulator, 'workload-b', 'ap-northeast-1')).toEqual([]);
  });

  test('with the grant the copy succeeds, encrypted under the target\'s key', async () => {
    await synthAndDeploy(world.run);
    const grants = await new KMSClient({
      endpoint: world.emulator.endpoint,
      region: 'ap-northeast-1',
      credentials: world.emulator.credentialsFor(SOURCE_ACCOUNT),
    }).send(new ListGrantsCommand({ KeyId: SOURCE_KEY }));
    expect(grants.Grants?.map((g) => g.GranteePrincipal)).toEqual([`arn:aws:iam::${ACCOUNTS['workload-b']}:root`]);

    const owned = await ec2As(world.emulator, 'workload-b').send(
      new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: ['ami-share/golden-cmk/ami-0c3c0000000000001'] }] }),
    );
    expect(owned.Images).toHaveLength(1);
    expect(owned.Images![0].State).toBe('available');
    // DescribeImages does not name the key; the copy's own snapshots do.
    const snapshotIds = owned.Images![0].BlockDeviceMappings!.map((m) => m.Ebs!.SnapshotId!);
    expect(snapshotIds).toHaveLength(2);
    const snapshots = await ec2As(world.emulator, 'workload-b').send(new DescribeSnapshotsCommand({ SnapshotIds: snapshotIds }));
    expect(snapshots.Snapshots?.map((s) => [s.OwnerId, s.Encrypted, s.KmsKeyId])).toEqual([
      [ACCOUNTS['workload-b'], true, TARGET_KEY],
      [ACCOUNTS['workload-b'], true, TARGET_KEY],
    ]);
  });

  test('an AMI under the AWS managed key aws/ebs stops the plan with a message that says what to do', async () => {
    const run = runIn(world, { manifest: path.join(FIXTURES, 'aws-managed-key.yaml'), folder: 'aws-ebs' });
    expectSuccess(await run.synth());
    expectSuccess(await run.terraform('share-workload-b', ['init', '-input=false']));
    const plan = await run.terraform('share-workload-b', ['plan', '-input=false']);
    expect(plan.code).toBe(1);
    const message = plan.stderr.replace(/[\s│]+/g, ' ');
    expect(message).toContain('Snapshots of AMI ami-0eb50000000000001 (images.golden-aws-ebs) are encrypted with the AWS managed key');
    expect(message).toContain('(aws/ebs), which AWS lets no other account use');
    expect(message).toContain('Expected a customer managed key');
  });
});

describeWithTerraform('end to end: copies are protected, console shares are adopted', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    await world?.emulator.close();
  });

  test('a console share is imported on first deploy, not created again', async () => {
    const source = ec2As(world.emulator, SOURCE_ACCOUNT);
    await source.send(
      new ModifyImageAttributeCommand({
        ImageId: GOLDEN_AMI,
        Attribute: 'launchPermission',
        LaunchPermission: { Add: [{ UserId: ACCOUNTS['workload-b'] }] },
      }),
    );
    await source.send(
      new ModifySnapshotAttributeCommand({
        SnapshotId: GOLDEN_SNAPSHOT,
        Attribute: 'createVolumePermission',
        CreateVolumePermission: { Add: [{ UserId: ACCOUNTS['workload-b'] }] },
      }),
    );
    const adopting = withManifest(
      world,
      'adopt.yaml',
      EXAMPLE.replace('    tags:\n      team: platform\n', '    tags:\n      team: platform\n    adopt: true\n'),
    );
    expectSuccess(await adopting.synth());
    for (const init of await adopting.initStacks()) {
      expectSuccess(init);
    }
    const diff = await adopting.diff('share-workload-b');
    expectSuccess(diff);
    expect(diff.stdout).toMatch(/aws_ami_launch_permission\.launch_demo-base .*will be imported/);
    expect(diff.stdout).not.toMatch(/aws_ami_launch_permission\.launch_demo-base .*will be created/);
    expect(diff.stdout).toMatch(/Plan: 1 to import, 2 to add, 0 to change, 0 to destroy/);

    world.emulator.resetCalls();
    expectSuccess(await adopting.deploy(['share-workload-b']));
    const modified = world.emulator.calls().filter((call) => call.action === 'ModifyImageAttribute');
    expect(modified).toEqual([]);
    expect(await launchAccounts(world.emulator)).toEqual([ACCOUNTS['workload-b']]);
    expect(await ownedCopies(world.emulator, 'workload-b', 'ap-northeast-1')).toHaveLength(1);
  });

  test('a new AMI id for a protected image is refused at plan: the copy would be replaced', async () => {
    await synthAndDeploy(world.run);
    const copyBefore = (await ownedCopies(world.emulator, 'analytics-c', 'us-west-2'))[0].ImageId;
    const renamed = withManifest(world, 'new-ami.yaml', EXAMPLE.replace('amiId: ami-0abc1234def567890', 'amiId: ami-0c3c0000000000001'));
    expectSuccess(await renamed.synth());
    const plan = await renamed.terraform('share-analytics-c', ['plan', '-input=false']);
    expect(plan.code).toBe(1);
    const message = plan.stderr.replace(/[\s│]+/g, ' ');
    expect(message).toContain('Instance cannot be destroyed');
    expect(message).toContain('aws_ami_copy.copy_demo-base_us-west-2');
    const copyAfter = (await ownedCopies(world.emulator, 'analytics-c', 'us-west-2'))[0].ImageId;
    expect(copyAfter).toBe(copyBefore);
  });

  test('a share removed from the manifest leaves the copy available in the target account', async () => {
    const copyBefore = (await ownedCopies(world.emulator, 'workload-b', 'ap-northeast-1'))[0];
    const without = withManifest(world, 'without-b.yaml', EXAMPLE.replace('to: [workload-b, analytics-c]', 'to: [analytics-c]'));
    expectSuccess(await without.synth());
    const diff = await without.diff('share-workload-b');
    expectSuccess(diff);
    expect(diff.stdout).toMatch(/aws_ami_copy\.copy_demo-base_ap-northeast-1 will no longer be managed by Terraform/);
    expect(diff.stdout).toMatch(/Plan: 0 to add, 0 to change, 2 to destroy/);

    expectSuccess(await without.deploy(['share-workload-b']));
    const copies = await ownedCopies(world.emulator, 'workload-b', 'ap-northeast-1');
    expect(copies.map((c) => [c.ImageId, c.State])).toEqual([[copyBefore.ImageId, 'available']]);
    const state = await without.terraform('share-workload-b', ['state', 'list']);
    expect(state.stdout).not.toContain('aws_ami_copy');
    expect(await launchAccounts(world.emulator)).toEqual([ACCOUNTS['analytics-c']]);
  });
});
