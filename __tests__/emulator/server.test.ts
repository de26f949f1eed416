import { spawn } from 'child_process';
import { readdirSync, rmSync } from 'fs';
import { join } from 'path';
import { DescribeImagesCommand, DescribeSnapshotAttributeCommand, ModifySnapshotAttributeCommand, CopyImageCommand, ModifyImageAttributeCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CreateGrantCommand, ListGrantsCommand } from '@aws-sdk/client-kms';
import { loadSeed, SeedError, startEmulator, type RunningEmulator, type Seed } from '../../emulator';
import {
  assumeRole, clientsFor, CMK_KEY_ARN, GOLDEN_AMI, GOLDEN_SNAPSHOT, REGION, SEED_PATH, SOURCE, TARGET_B,
} from './support';

const SCRATCH = join(__dirname, '..', '..', '.tmp', 'emulator', 'server-test');

/** Sends a raw, fake-signed request (the emulator reads the credential scope, not the signature). */
async function rawCall(emulator: RunningEmulator, service: string, body: string, headers: Record<string, string> = {}, accessKeyId?: string): Promise<{ status: number; text: string }> {
  const key = accessKeyId ?? emulator.credentialsFor('image-factory').accessKeyId;
  const response = await fetch(emulator.endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `AWS4-HMAC-SHA256 Credential=${key}/20250101/${REGION}/${service}/aws4_request, SignedHeaders=host, Signature=00`,
      ...headers,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe('emulator server', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: SEED_PATH });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('listens on 127.0.0.1 only', () => {
    expect(emulator.endpoint).toBe(`http://127.0.0.1:${emulator.port}`);
  });

  it('names an unimplemented action in each protocol\'s error', async () => {
    const ec2 = await rawCall(emulator, 'ec2', 'Action=RunInstances&Version=2016-11-15');
    expect(ec2.status).toBe(400);
    expect(ec2.text).toContain('<Code>InvalidAction</Code>');
    expect(ec2.text).toContain('The action RunInstances is not implemented by the ami-share emulator');
    expect(ec2.text).toMatch(/<Response><Errors><Error>.*<\/Error><\/Errors><RequestID>[0-9a-f-]+<\/RequestID><\/Response>/);
    const sts = await rawCall(emulator, 'sts', 'Action=GetSessionToken&Version=2011-06-15');
    expect(sts.text).toContain('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
    expect(sts.text).toContain('The action GetSessionToken is not implemented by the ami-share emulator');
    const kms = await rawCall(emulator, 'kms', '{}', { 'X-Amz-Target': 'TrentService.Encrypt', 'Content-Type': 'application/x-amz-json-1.1' });
    expect(JSON.parse(kms.text)).toEqual({ __type: 'UnknownOperationException', message: 'The action Encrypt is not implemented by the ami-share emulator' });
    const s3 = await rawCall(emulator, 's3', '');
    expect(s3.text).toContain('The service s3 is not implemented by the ami-share emulator');
  });

  it('answers GetInstanceUefiData (called by the provider with an AMI id) as AWS does', async () => {
    const out = await rawCall(emulator, 'ec2', `Action=GetInstanceUefiData&InstanceId=${GOLDEN_AMI}&Version=2016-11-15`);
    expect(out.text).toContain('<Code>InvalidInstanceID.Malformed</Code>');
  });

  it('refuses requests without credentials', async () => {
    const response = await fetch(emulator.endpoint, { method: 'POST', body: 'Action=DescribeImages' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('MissingAuthenticationToken');
  });

  it('escapes XML in values it echoes', async () => {
    const out = await rawCall(emulator, 'ec2', `Action=DescribeImages&Version=2016-11-15&Filter.1.Name=${encodeURIComponent('<x>&')}&Filter.1.Value.1=a`);
    expect(out.text).toContain('&lt;x&gt;&amp;');
    expect(out.text).not.toContain('<x>');
  });

  it('serves the call log over HTTP', async () => {
    emulator.resetCalls();
    await clientsFor(emulator, 'workload-b').sts.send(new GetCallerIdentityCommand({}));
    const response = await fetch(`${emulator.endpoint}/_emulator/calls`);
    const body = (await response.json()) as { counts: Record<string, number> };
    expect(body.counts).toEqual({ [`${TARGET_B} sts:GetCallerIdentity`]: 1 });
  });
});

describe('emulator persistence', () => {
  const stateFile = join(SCRATCH, 'state', 'world.json');
  beforeAll(() => {
    rmSync(join(SCRATCH, 'state'), { recursive: true, force: true });
  });

  it('loses nothing across a restart', async () => {
    const first = await startEmulator({ seed: SEED_PATH, stateFile });
    const src = clientsFor(first, 'image-factory');
    await src.ec2.send(new ModifyImageAttributeCommand({ ImageId: GOLDEN_AMI, LaunchPermission: { Add: [{ UserId: TARGET_B }] } }));
    await src.ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: GOLDEN_SNAPSHOT, CreateVolumePermission: { Add: [{ UserId: TARGET_B }] } }));
    await src.kms.send(new CreateGrantCommand({ KeyId: CMK_KEY_ARN, GranteePrincipal: `arn:aws:iam::${TARGET_B}:root`, Operations: ['Decrypt'] }));
    const creds = await assumeRole(src, `arn:aws:iam::${TARGET_B}:role/ami-share-target`);
    const { ImageId } = await clientsFor(first, creds).ec2.send(new CopyImageCommand({ SourceImageId: GOLDEN_AMI, SourceRegion: REGION, Name: 'persisted-copy' }));
    await first.close();
    expect(readdirSync(join(SCRATCH, 'state'))).toEqual(['world.json']);

    const second = await startEmulator({ seed: SEED_PATH, stateFile });
    try {
      const session = clientsFor(second, creds);
      expect((await session.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(TARGET_B);
      const copied = await session.ec2.send(new DescribeImagesCommand({ ImageIds: [ImageId ?? ''] }));
      expect(copied.Images?.[0]).toMatchObject({ Name: 'persisted-copy', OwnerId: TARGET_B, State: 'available' });
      const perms = await clientsFor(second, 'image-factory').ec2.send(new DescribeSnapshotAttributeCommand({ SnapshotId: GOLDEN_SNAPSHOT, Attribute: 'createVolumePermission' }));
      expect(perms.CreateVolumePermissions).toEqual([{ UserId: TARGET_B }]);
      const grants = await clientsFor(second, 'image-factory').kms.send(new ListGrantsCommand({ KeyId: CMK_KEY_ARN }));
      expect(grants.Grants).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

describe('emulator seed validation', () => {
  const base = (): Seed => ({
    accounts: [{ id: SOURCE, name: 'src', users: [{ name: 'u', accessKeyId: 'AKIAEMULATORSRC00001', secretAccessKey: 'secret-secret' }] }],
  });

  it('loads the example seed', () => {
    const seed = loadSeed(SEED_PATH);
    expect(seed.accounts.map((a) => a.id)).toEqual([SOURCE, TARGET_B, '230600000024']);
    expect(seed.images?.map((i) => i.id)).toContain(GOLDEN_AMI);
  });

  it('lists every problem of a bad seed', () => {
    const seed: Seed = {
      ...base(),
      roles: [{ arn: 'arn:aws:iam::999999999999:role/x', trustedAccounts: [SOURCE] }],
      images: [{
        id: 'ami-0000000000000000a', account: SOURCE, region: REGION, name: 'img',
        launchPermissions: [{ userId: '888888888888' }],
        blockDeviceMappings: [
          { deviceName: '/dev/xvda', ebs: { snapshotId: 'snap-0000000000000000a', volumeSize: 8, kmsKey: 'alias/missing' } },
          { deviceName: '/dev/xvdb', ebs: { snapshotId: 'snap-0000000000000000a', volumeSize: 8, kmsKey: 'alias/aws/ebs', createVolumePermissions: [{ userId: '888888888888' }] } },
        ],
      }],
    };
    let error: unknown;
    try {
      loadSeed(seed);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SeedError);
    const problems = (error as SeedError).problems.join('\n');
    expect(problems).toContain('account 999999999999 is not declared');
    expect(problems).toContain('account 888888888888 is not declared');
    expect(problems).toContain('kmsKey alias/missing is not a key of account');
    expect(problems).toContain('duplicate snap-0000000000000000a');
    expect(problems).toContain('AWS managed key aws/ebs be shared');
  });

  it('reports schema errors with their place', () => {
    expect(() => loadSeed({ accounts: [{ id: '123', name: 'x' }] } as Seed)).toThrow(/\/accounts\/0\/id must match pattern/);
    expect(() => loadSeed({ ...base(), colour: 'blue' } as unknown as Seed)).toThrow(/unknown property 'colour'/);
    expect(() => loadSeed(join(SCRATCH, 'does-not-exist.yaml'))).toThrow(/cannot read the file/);
  });

  it('coerces unquoted YAML account ids', () => {
    const seed = loadSeed({ accounts: [{ id: 651700000002 as unknown as string, name: 'n' }] });
    expect(seed.accounts[0].id).toBe('651700000002');
  });
});

describe('emulator CLI', () => {
  it('prints the endpoint and environment, serves, and stops on SIGTERM', async () => {
    const root = join(__dirname, '..', '..');
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'emulator/cli.ts', '--seed', SEED_PATH, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`CLI did not start: ${output}`)), 60000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /export AWS_ENDPOINT_URL=(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match && output.includes('[profile analytics-c-analytics-c-admin]')) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`CLI exited with ${code}: ${output}`)));
    });
    expect(output).toContain('AWS_ACCESS_KEY_ID=AKIAEMULATORDEPLOYER1');
    const health = await fetch(`${endpoint}/_emulator/health`);
    expect(await health.json()).toEqual({ ok: true });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('fails clearly on a bad seed', async () => {
    const root = join(__dirname, '..', '..');
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'emulator/cli.ts', '--seed', join(SCRATCH, 'missing.yaml')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr).toContain('Invalid emulator seed');
  });
});
