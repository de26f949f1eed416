import { existsSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { runCommand } from '../../lib/process/run-command';
import { mirrorCliConfig, PROVIDER_MIRROR } from '../../local/terraform-cli-config';
import { clientsFor, GOLDEN_AMI, GOLDEN_SNAPSHOT, REGION, SEED_PATH, SOURCE, TARGET_B } from './support';

/**
 * Runs the REAL terraform and AWS provider 5.100.0 (from the filesystem mirror)
 * against the emulator: share the golden AMI and its snapshots from the source
 * account, copy it in the target account, then a plan must show no changes.
 */

const TERRAFORM = process.env.TERRAFORM_BIN ?? '/usr/local/bin/terraform';
const WORK = join(__dirname, '..', '..', '.tmp', 'emulator', 'terraform-test');
const toolsPresent = existsSync(TERRAFORM) && existsSync(join(PROVIDER_MIRROR, 'registry.terraform.io', 'hashicorp', 'aws'));
const mustRun = toolsPresent || process.env.CI === 'true';

/** Provider settings: only what keeps the provider off the network besides the emulator. */
function provider(alias: string, roleArn: string): Record<string, unknown> {
  return {
    alias,
    region: REGION,
    skip_metadata_api_check: true,
    assume_role: [{ role_arn: roleArn, session_name: 'ami-share-test' }],
  };
}

const CONFIG = {
  terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } },
  provider: {
    aws: [
      provider('source', `arn:aws:iam::${SOURCE}:role/ami-share-source`),
      provider('target', `arn:aws:iam::${TARGET_B}:role/ami-share-target`),
    ],
  },
  data: {
    aws_ami: {
      golden: {
        provider: 'aws.source',
        owners: ['self'],
        most_recent: true,
        filter: [{ name: 'name', values: ['demo-share-ami'] }, { name: 'state', values: ['available'] }],
      },
    },
  },
  resource: {
    aws_ami_launch_permission: {
      target: { provider: 'aws.source', image_id: '${data.aws_ami.golden.id}', account_id: TARGET_B },
    },
    aws_snapshot_create_volume_permission: {
      target: {
        provider: 'aws.source',
        for_each: '${{ for m in data.aws_ami.golden.block_device_mappings : m.device_name => m.ebs.snapshot_id if lookup(m.ebs, "snapshot_id", "") != "" }}',
        snapshot_id: '${each.value}',
        account_id: TARGET_B,
      },
    },
    aws_ami_copy: {
      target: {
        provider: 'aws.target',
        name: 'demo-share-ami-copy',
        description: 'Copy of the golden AMI',
        source_ami_id: '${data.aws_ami.golden.id}',
        source_ami_region: REGION,
        tags: { Name: 'demo-share-ami-copy' },
        depends_on: ['aws_ami_launch_permission.target', 'aws_snapshot_create_volume_permission.target'],
      },
    },
  },
  output: {
    copy_id: { value: '${aws_ami_copy.target.id}' },
  },
};

interface RunResult {
  code: number | null;
  output: string;
}

/** Runs terraform asynchronously (the emulator lives in this process's event loop). */
async function terraform(args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  const result = await runCommand(TERRAFORM, args, WORK, env);
  return { code: result.code, output: result.stdout + result.stderr };
}

const maybe = mustRun ? it : it.skip;

describe('real terraform against the emulator', () => {
  let emulator: RunningEmulator | undefined;
  afterAll(async () => {
    await emulator?.close();
  });

  maybe('applies sharing + copy, then plans no changes, then destroys', async () => {
    if (!toolsPresent) {
      throw new Error(`terraform (${TERRAFORM}) or the AWS provider mirror (${PROVIDER_MIRROR}) is missing; CI must have them`);
    }
    emulator = await startEmulator({ seed: SEED_PATH, copyDelayMs: 2000 });
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    writeFileSync(join(WORK, 'main.tf.json'), JSON.stringify(CONFIG, null, 2));
    const deployer = emulator.credentialsFor('image-factory');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: WORK,
      TF_CLI_CONFIG_FILE: mirrorCliConfig(),
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      AWS_ENDPOINT_URL: emulator.endpoint,
      AWS_ACCESS_KEY_ID: deployer.accessKeyId,
      AWS_SECRET_ACCESS_KEY: deployer.secretAccessKey,
      AWS_EC2_METADATA_DISABLED: 'true',
    };

    const init = await terraform(['init', '-input=false', '-no-color'], env);
    expect(init.output).toContain('Terraform has been successfully initialized');
    expect(init.code).toBe(0);

    const apply = await terraform(['apply', '-auto-approve', '-input=false', '-no-color'], env);
    expect(apply.output).toContain('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.');
    expect(apply.code).toBe(0);

    const copyId = /copy_id = "(ami-[0-9a-f]+)"/.exec(apply.output)?.[1] ?? '';
    const copy = (await clientsFor(emulator, 'workload-b').ec2.send(new DescribeImagesCommand({ ImageIds: [copyId] }))).Images?.[0];
    expect(copy).toMatchObject({ OwnerId: TARGET_B, State: 'available', Name: 'demo-share-ami-copy', Description: 'Copy of the golden AMI' });
    expect(copy?.BlockDeviceMappings?.[0].Ebs?.SnapshotId).not.toBe(GOLDEN_SNAPSHOT);
    const state = emulator.snapshotState();
    expect(state.images.find((i) => i.imageId === GOLDEN_AMI)?.launchPermissions).toEqual([{ userId: TARGET_B }]);
    expect(state.snapshots.find((s) => s.snapshotId === GOLDEN_SNAPSHOT)?.createVolumePermissions).toEqual([{ userId: TARGET_B }]);
    const unexpected = emulator.calls().filter((c) => c.errorCode !== undefined && c.errorCode !== 'InvalidInstanceID.Malformed');
    expect(unexpected).toEqual([]);

    emulator.resetCalls();
    const plan = await terraform(['plan', '-detailed-exitcode', '-input=false', '-no-color'], env);
    expect(plan.output).toContain('No changes.');
    expect(plan.code).toBe(0);
    const planActions = Object.keys(emulator.callCounts()).map((k) => k.split(' ')[1]);
    expect(planActions).toEqual(expect.arrayContaining(['sts:AssumeRole', 'ec2:DescribeImages', 'ec2:DescribeImageAttribute', 'ec2:DescribeSnapshotAttribute']));
    expect(planActions.filter((a) => /Modify|Copy|Create|Delete|Deregister/.test(a))).toEqual([]);

    const destroy = await terraform(['destroy', '-auto-approve', '-input=false', '-no-color'], env);
    expect(destroy.output).toContain('Destroy complete! Resources: 3 destroyed.');
    expect(destroy.code).toBe(0);
    const after = emulator.snapshotState();
    expect(after.images.some((i) => i.imageId === copyId)).toBe(false);
    expect(after.images.find((i) => i.imageId === GOLDEN_AMI)?.launchPermissions).toEqual([]);
    expect(after.snapshots.filter((s) => s.ownerId === TARGET_B)).toEqual([]);
  });
});
