import * as fs from 'fs';
import * as path from 'path';
import { DeregisterImageCommand, DescribeImageAttributeCommand, DescribeImagesCommand, ModifyImageAttributeCommand } from '@aws-sdk/client-ec2';
import {
  ACCOUNTS,
  describeWithTerraform,
  ec2As,
  expectSuccess,
  GOLDEN_AMI,
  launchAccounts,
  ownedCopies,
  PROJECT,
  snapshotAccounts,
  SOURCE_ACCOUNT,
  startWorld,
  synthAndDeploy,
  withManifest,
  World,
} from './harness';

/**
 * The example shares.yaml deployed with the real cdktf and terraform against
 * the local emulator, then the seed's scenarios: drift, revoke, source gone.
 * The steps share one emulator and one state, in order.
 */
describeWithTerraform('end to end: the example against the local emulator', () => {
  let world: World;
  const copyIds: Record<string, string> = {};

  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    await world?.emulator.close();
  });

  test('deploy: every target owns an available copy in each of its regions', async () => {
    await synthAndDeploy(world.run);
    const expected: [string, string][] = [
      ['workload-b', 'ap-northeast-1'],
      ['analytics-c', 'ap-northeast-1'],
      ['analytics-c', 'us-west-2'],
    ];
    for (const [target, region] of expected) {
      const copies = await ownedCopies(world.emulator, target, region);
      expect(copies).toHaveLength(1);
      expect(copies[0]).toMatchObject({ State: 'available', OwnerId: ACCOUNTS[target as keyof typeof ACCOUNTS] });
      expect(copies[0].Tags).toEqual(
        expect.arrayContaining([
          { Key: 'ami-share:source-ami', Value: GOLDEN_AMI },
          { Key: 'ami-share:source-account', Value: SOURCE_ACCOUNT },
          { Key: 'team', Value: 'platform' },
        ]),
      );
      copyIds[`${target} ${region}`] = copies[0].ImageId!;
    }
    // The stack outputs name the same copies.
    const outputs = JSON.parse((await world.run.terraform('share-analytics-c', ['output', '-json'])).stdout);
    expect(outputs['copy_demo-base_us-west-2_ami_id'].value).toBe(copyIds['analytics-c us-west-2']);
    // The source shares the AMI and its snapshot with both targets, and launch with the org and OU.
    expect(await launchAccounts(world.emulator)).toEqual([ACCOUNTS['workload-b'], ACCOUNTS['analytics-c']].sort());
    expect(await snapshotAccounts(world.emulator)).toEqual([ACCOUNTS['workload-b'], ACCOUNTS['analytics-c']].sort());
    const attribute = await ec2As(world.emulator, SOURCE_ACCOUNT).send(
      new DescribeImageAttributeCommand({ ImageId: GOLDEN_AMI, Attribute: 'launchPermission' }),
    );
    expect(attribute.LaunchPermissions).toEqual(
      expect.arrayContaining([
        { OrganizationArn: 'arn:aws:organizations::651700000002:organization/o-abc123def4' },
        { OrganizationalUnitArn: 'arn:aws:organizations::651700000002:ou/o-abc123def4/ou-ab12-cdef3456' },
      ]),
    );
  });

  test('a second plan of every stack has no changes (terraform plan -detailed-exitcode exits 0)', async () => {
    for (const stack of world.run.stacks()) {
      const plan = await world.run.terraform(stack, ['plan', '-detailed-exitcode', '-input=false']);
      expect({ stack, code: plan.code, output: plan.code === 0 ? '' : plan.stdout + plan.stderr }).toEqual({ stack, code: 0, output: '' });
    }
  });

  test('a launch permission removed in the console shows in cdktf diff as a re-create, and deploy restores it', async () => {
    await ec2As(world.emulator, SOURCE_ACCOUNT).send(
      new ModifyImageAttributeCommand({
        ImageId: GOLDEN_AMI,
        Attribute: 'launchPermission',
        LaunchPermission: { Remove: [{ UserId: ACCOUNTS['workload-b'] }] },
      }),
    );
    expect(await launchAccounts(world.emulator)).toEqual([ACCOUNTS['analytics-c']]);

    const diff = await world.run.diff('share-workload-b');
    expectSuccess(diff);
    expect(diff.stdout).toMatch(/aws_ami_launch_permission\.launch_demo-base .*will be created/);
    expect(diff.stdout).toMatch(/Plan: 1 to add, 0 to change, 0 to destroy/);

    expectSuccess(await world.run.deploy(['share-workload-b']));
    expect(await launchAccounts(world.emulator)).toEqual([ACCOUNTS['workload-b'], ACCOUNTS['analytics-c']].sort());
  });

  test('access: revoked drops the permissions, keeps the copy, and hides the source AMI from the target', async () => {
    const example = fs.readFileSync(path.join(PROJECT, 'shares.yaml'), 'utf8');
    const revoked = example.replace(
      '    to: [workload-b, analytics-c]      # launch + snapshot permissions, and a copy per region\n    tags:\n      team: platform\n',
      '    to: [analytics-c]\n    tags:\n      team: platform\n  - image: demo-base\n    to: [workload-b]\n    access: revoked\n    tags:\n      team: platform\n',
    )
      // The OU holds workload-b too: revoke that share as well, or the OU keeps the AMI visible to it.
      .replace(
        '    organizationalUnits: [arn:aws:organizations::651700000002:ou/o-abc123def4/ou-ab12-cdef3456]\n',
        '    organizationalUnits: [arn:aws:organizations::651700000002:ou/o-abc123def4/ou-ab12-cdef3456]\n    access: revoked\n',
      );
    expect(revoked.match(/access: revoked/g)).toHaveLength(2);
    const run = withManifest(world, 'revoked.yaml', revoked);
    const deployed = await synthAndDeploy(run);
    // share-workload-b: launch and snapshot permission; share-organizations: organization and OU.
    expect(deployed.stdout.match(/Resources: 0 added, 0 changed, 2 destroyed/g)).toHaveLength(2);

    expect(await launchAccounts(world.emulator)).toEqual([ACCOUNTS['analytics-c']]);
    expect(await snapshotAccounts(world.emulator)).toEqual([ACCOUNTS['analytics-c']]);
    const copies = await ownedCopies(world.emulator, 'workload-b', 'ap-northeast-1');
    expect(copies.map((c) => [c.ImageId, c.State])).toEqual([[copyIds['workload-b ap-northeast-1'], 'available']]);
    const seen = await ec2As(world.emulator, 'workload-b')
      .send(new DescribeImagesCommand({ ExecutableUsers: ['self'] }))
      .then((out) => (out.Images ?? []).map((image) => image.ImageId));
    expect(seen).not.toContain(GOLDEN_AMI);

    const plan = await run.terraform('share-workload-b', ['plan', '-detailed-exitcode', '-input=false']);
    expect(plan.code).toBe(0);
  });

  test('deregistering the source AMI leaves every target copy available', async () => {
    await ec2As(world.emulator, SOURCE_ACCOUNT).send(new DeregisterImageCommand({ ImageId: GOLDEN_AMI }));
    for (const [key, id] of Object.entries(copyIds)) {
      const [target, region] = key.split(' ');
      const out = await ec2As(world.emulator, target, region).send(new DescribeImagesCommand({ ImageIds: [id] }));
      expect(out.Images?.map((image) => image.State)).toEqual(['available']);
    }
  });
});
