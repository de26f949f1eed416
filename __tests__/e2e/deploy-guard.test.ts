import * as fs from 'fs';
import * as path from 'path';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { CommandResult } from '../../local/project-run';
import { describeWithTerraform, ec2As, expectSuccess, PROJECT, startWorld, withManifest, World } from './harness';

const EXAMPLE = fs.readFileSync(path.join(PROJECT, 'shares.yaml'), 'utf8');
const CMK_AMI = 'ami-0c3c0000000000001';
const WITH_EXTRA = EXAMPLE.replace('images:', `images:\n  extra:\n    amiId: ${CMK_AMI}`).concat('  - image: extra\n    to: [workload-b]\n');

/** The copies of the extra image that workload-b owns, by state. */
async function extraCopies(world: World): Promise<string[]> {
  const out = await ec2As(world.emulator, 'workload-b').send(
    new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: [`ami-share/extra/${CMK_AMI}`] }] }),
  );
  return (out.Images ?? []).map((image) => image.State ?? '?');
}

describeWithTerraform('end to end: the guarded deploy (npm run deploy)', () => {
  let world: World;
  const deploy = (name: string, text: string, args: string[] = ['--auto-approve']): Promise<CommandResult> =>
    withManifest(world, name, text).npm('deploy', ['--output', path.join(world.dir, 'cdktf.out'), ...args]);

  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    await world?.emulator.close();
  });

  test('without --auto-approve it plans and applies nothing', async () => {
    const planned = await deploy('extra.yaml', WITH_EXTRA, []);
    expectSuccess(planned);
    expect(planned.stdout).toMatch(/Not applied: run again with --auto-approve/);
    expect(await extraCopies(world)).toEqual([]);
  });

  test('with --auto-approve it applies the saved plans', async () => {
    const applied = await deploy('extra.yaml', WITH_EXTRA);
    expectSuccess(applied);
    expect(applied.stdout).toMatch(/^\[\d\/3\] share-workload-b: applied \(/m);
    expect(await extraCopies(world)).toEqual(['available']);
  });

  test('deleting an image key from the manifest would destroy its copies: the deploy refuses, and applies nothing', async () => {
    const refused = await deploy('without-extra.yaml', EXAMPLE);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      'share-workload-b: refusing to delete the copy of image extra in ap-northeast-1 for workload-b: copy ami-',
    );
    expect(refused.stdout).toContain('To delete it, add or keep a share of extra to workload-b with protect: false.');
    expect(refused.stdout).toMatch(/Nothing was applied: 1 protected copy would be deleted\./);
    expect(await extraCopies(world)).toEqual(['available']);
  });

  test('protect: false with copy: false is the explicit, reviewable line that deletes the copy', async () => {
    const deleting = WITH_EXTRA.replace('  - image: extra\n    to: [workload-b]\n', '  - image: extra\n    to: [workload-b]\n    copy: false\n    protect: false\n');
    const applied = await deploy('delete-extra.yaml', deleting);
    expectSuccess(applied);
    expect(applied.stdout).toMatch(/deploy DELETES it/);
    expect(await extraCopies(world)).toEqual([]);
  });
});
