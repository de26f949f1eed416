import * as fs from 'fs';
import * as path from 'path';
import { DescribeImageAttributeCommand, DescribeImagesCommand, DescribeSnapshotAttributeCommand, EC2Client, Image } from '@aws-sdk/client-ec2';
import { RunningEmulator, startEmulator } from '../../emulator';
import { emulatorEnv } from '../../local/emulator-env';
import { CommandResult, ProjectRun } from '../../local/project-run';
import { tempDir } from '../support/synth';
import { findTerraform } from '../support/terraform';

/** The project folder. */
export const PROJECT = path.join(__dirname, '..', '..');
/** The example seed of the emulator, matching the example shares.yaml. */
export const SEED = path.join(PROJECT, 'emulator', 'seeds', 'example.yaml');
export const SOURCE_REGION = 'ap-northeast-1';
export const SOURCE_ACCOUNT = '651700000002';
export const GOLDEN_AMI = 'ami-0abc1234def567890';
export const GOLDEN_SNAPSHOT = 'snap-0abc1234def567890';
export const ACCOUNTS = { 'workload-b': '120500000013', 'analytics-c': '230600000024' } as const;

/**
 * End-to-end tests need terraform. Without it they are skipped on a
 * workstation; under CI=true the suite runs anyway, and its first step fails.
 */
export const describeWithTerraform = findTerraform() || process.env.CI === 'true' ? describe : describe.skip;

/** An emulator with the example seed, and the project run against it in a fresh folder. */
export interface World {
  readonly emulator: RunningEmulator;
  readonly run: ProjectRun;
  /** The temporary folder holding output, state and edited manifests. */
  readonly dir: string;
}

/** Starts the emulator and prepares a project run; the caller closes the emulator. */
export async function startWorld(manifest = path.join(PROJECT, 'shares.yaml')): Promise<World> {
  if (!findTerraform()) {
    throw new Error('terraform is not on PATH: the end-to-end tests cannot run (CI=true makes this a failure)');
  }
  const emulator = await startEmulator({ seed: SEED, copyDelayMs: 300 });
  const dir = tempDir('ami-share-e2e-');
  return { emulator, dir, run: runIn({ emulator, dir }, { manifest }) };
}

/** What {@link runIn} may change from a world's own run. */
export interface RunVariant {
  /** Manifest file. @default the example shares.yaml */
  readonly manifest?: string;
  /** Subfolder of the world for output and state, for a run apart from the world's. @default the world's own */
  readonly folder?: string;
  /** Environment on top of the emulator's. @default {} */
  readonly env?: NodeJS.ProcessEnv;
}

/** A project run against a world's emulator: the world's output and state unless a folder is named. */
export function runIn(world: Pick<World, 'emulator' | 'dir'>, variant: RunVariant = {}): ProjectRun {
  const base = variant.folder ? path.join(world.dir, variant.folder) : world.dir;
  return new ProjectRun({
    projectDir: PROJECT,
    manifest: variant.manifest ?? path.join(PROJECT, 'shares.yaml'),
    outdir: path.join(base, 'cdktf.out'),
    stateDir: path.join(base, 'state'),
    env: { ...emulatorEnv(world.emulator), ...variant.env },
  });
}

/** A run reading another manifest, written as `name` in the world's folder; same output and state. */
export function withManifest(world: World, name: string, text: string): ProjectRun {
  const file = path.join(world.dir, name);
  fs.writeFileSync(file, text);
  return runIn(world, { manifest: file });
}

/** Synth, init and deploy every stack; fails the test with the output when a step fails. */
export async function synthAndDeploy(run: ProjectRun, stacks: string[] = ['*']): Promise<CommandResult> {
  expectSuccess(await run.synth());
  for (const init of await run.initStacks()) {
    expectSuccess(init);
  }
  const deployed = await run.deploy(stacks);
  expectSuccess(deployed);
  return deployed;
}

/** Expects exit code 0, showing the output when not. */
export function expectSuccess(result: CommandResult): void {
  expect({ code: result.code, output: result.code === 0 ? '' : `${result.stdout}\n${result.stderr}` }).toEqual({ code: 0, output: '' });
}

/** An EC2 client acting as an account of the seed (by name or id), in a region. */
export function ec2As(emulator: RunningEmulator, who: string, region = SOURCE_REGION): EC2Client {
  return new EC2Client({ endpoint: emulator.endpoint, region, credentials: emulator.credentialsFor(who), maxAttempts: 1 });
}

/** The images an account owns whose name is the copy name of the golden AMI. */
export async function ownedCopies(emulator: RunningEmulator, who: string, region: string): Promise<Image[]> {
  const out = await ec2As(emulator, who, region).send(
    new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: [`ami-share/demo-base/${GOLDEN_AMI}`] }] }),
  );
  return out.Images ?? [];
}

/** Account ids with launch permission on the golden AMI, as the source sees it. */
export async function launchAccounts(emulator: RunningEmulator): Promise<string[]> {
  const out = await ec2As(emulator, SOURCE_ACCOUNT).send(new DescribeImageAttributeCommand({ ImageId: GOLDEN_AMI, Attribute: 'launchPermission' }));
  return (out.LaunchPermissions ?? []).flatMap((p) => (p.UserId ? [p.UserId] : [])).sort();
}

/** Account ids with createVolumePermission on the golden AMI's snapshot. */
export async function snapshotAccounts(emulator: RunningEmulator): Promise<string[]> {
  const out = await ec2As(emulator, SOURCE_ACCOUNT).send(
    new DescribeSnapshotAttributeCommand({ SnapshotId: GOLDEN_SNAPSHOT, Attribute: 'createVolumePermission' }),
  );
  return (out.CreateVolumePermissions ?? []).flatMap((p) => (p.UserId ? [p.UserId] : [])).sort();
}
