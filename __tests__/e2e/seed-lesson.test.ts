import * as fs from 'fs';
import * as path from 'path';
import { describeWithTerraform, expectSuccess, ownedCopies, startWorld, World } from './harness';

/**
 * The seed's lesson, with the real terraform: launch permission alone is not
 * enough to copy an AMI into another account; the copy fails until every
 * snapshot behind it is shared too.
 */
describeWithTerraform('end to end: the seed\'s lesson', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    await world?.emulator.close();
  });

  test('without the snapshot permissions the copy fails with the storage error; with them it succeeds', async () => {
    const { run } = world;
    expectSuccess(await run.synth());
    const stackFile = path.join(run.stackDir('share-workload-b'), 'cdk.tf.json');
    const stack = JSON.parse(fs.readFileSync(stackFile, 'utf8'));

    // The console user's first try: share the AMI, then copy it.
    delete stack.resource.aws_snapshot_create_volume_permission;
    const copy = stack.resource.aws_ami_copy['copy_demo-base_ap-northeast-1'];
    copy.depends_on = copy.depends_on.filter((address: string) => !address.startsWith('aws_snapshot_create_volume_permission.'));
    fs.writeFileSync(stackFile, JSON.stringify(stack, null, 2));
    expectSuccess(await run.terraform('share-workload-b', ['init', '-input=false']));
    const failed = await run.terraform('share-workload-b', ['apply', '-auto-approve', '-input=false']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('You do not have permission to access the storage of this ami');
    expect(await ownedCopies(world.emulator, 'workload-b', 'ap-northeast-1')).toEqual([]);

    // ami-share's stack shares the snapshots too, and the copy goes through.
    expectSuccess(await run.synth());
    const applied = await run.terraform('share-workload-b', ['apply', '-auto-approve', '-input=false']);
    expectSuccess(applied);
    expect(applied.stdout).toMatch(/aws_snapshot_create_volume_permission\.snapshots_demo-base\["\/dev\/xvda"\]: Creation complete/);
    const copies = await ownedCopies(world.emulator, 'workload-b', 'ap-northeast-1');
    expect(copies.map((c) => c.State)).toEqual(['available']);
  });
});
