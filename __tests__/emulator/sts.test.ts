import { GetCallerIdentityCommand, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { ListKeysCommand } from '@aws-sdk/client-kms';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { assumeRole, awsError, clientsFor, SEED_PATH, SOURCE, TARGET_B } from './support';

describe('emulator STS and credentials', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: SEED_PATH });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('answers GetCallerIdentity truthfully for a static key', async () => {
    const { sts } = clientsFor(emulator, 'image-factory');
    const id = await sts.send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe(SOURCE);
    expect(id.Arn).toBe(`arn:aws:iam::${SOURCE}:user/ami-share-deployer`);
    expect(id.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });

  it('assumes a trusting role and identifies the session as the assumed role', async () => {
    const deployer = clientsFor(emulator, 'image-factory');
    const out = await deployer.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TARGET_B}:role/ami-share-target`, RoleSessionName: 'ci-run' }));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(out.Credentials?.SessionToken).toBeTruthy();
    expect(out.Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now());
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${TARGET_B}:assumed-role/ami-share-target/ci-run`);
    const creds = await assumeRole(deployer, `arn:aws:iam::${TARGET_B}:role/ami-share-target`, 'second');
    const id = await clientsFor(emulator, creds).sts.send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe(TARGET_B);
    expect(id.Arn).toBe(`arn:aws:sts::${TARGET_B}:assumed-role/ami-share-target/second`);
    expect(id.UserId).toMatch(/^AROA[A-Z2-7]{17}:second$/);
  });

  it('refuses a role that does not trust the caller, or does not exist, with AccessDenied', async () => {
    const workload = clientsFor(emulator, 'workload-b');
    const untrusted = await awsError(workload.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${SOURCE}:role/ami-share-source`, RoleSessionName: 's1' })));
    expect(untrusted.name).toBe('AccessDenied');
    expect(untrusted.message).toBe(`User: arn:aws:iam::${TARGET_B}:user/workload-b-admin is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${SOURCE}:role/ami-share-source`);
    expect(untrusted.$metadata?.httpStatusCode).toBe(403);
    const missing = await awsError(clientsFor(emulator, 'image-factory').sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${SOURCE}:role/nope`, RoleSessionName: 's1' })));
    expect(missing.name).toBe('AccessDenied');
  });

  it('validates the session name', async () => {
    const err = await awsError(clientsFor(emulator, 'image-factory').sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${SOURCE}:role/ami-share-source`, RoleSessionName: 'bad name!' })));
    expect(err.name).toBe('ValidationError');
  });

  it('rejects unknown access keys with each service\'s own error', async () => {
    const stranger = clientsFor(emulator, { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' });
    expect((await awsError(stranger.sts.send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');
    expect((await awsError(stranger.ec2.send(new DescribeImagesCommand({})))).name).toBe('AuthFailure');
    expect((await awsError(stranger.kms.send(new ListKeysCommand({})))).name).toBe('UnrecognizedClientException');
  });

  it('rejects temporary credentials presented with a wrong session token', async () => {
    const creds = await assumeRole(clientsFor(emulator, 'image-factory'), `arn:aws:iam::${SOURCE}:role/ami-share-source`);
    const forged = clientsFor(emulator, { ...creds, sessionToken: 'forged' });
    expect((await awsError(forged.sts.send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');
  });
});
