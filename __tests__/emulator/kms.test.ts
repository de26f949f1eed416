import {
  CreateGrantCommand, CreateKeyCommand, DescribeKeyCommand, ListAliasesCommand, ListGrantsCommand, RetireGrantCommand,
  RevokeGrantCommand,
} from '@aws-sdk/client-kms';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { awsError, clientsFor, CMK_KEY_ARN, REGION, SEED_PATH, SOURCE, TARGET_B, TARGET_C } from './support';

describe('emulator KMS', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ seed: SEED_PATH });
  });
  afterEach(async () => {
    await emulator.close();
  });
  const kmsOf = (who: string) => clientsFor(emulator, who).kms;

  it('creates and describes customer managed keys', async () => {
    const kms = kmsOf('workload-b');
    const created = await kms.send(new CreateKeyCommand({ Description: 'copy key' }));
    const meta = created.KeyMetadata;
    expect(meta).toMatchObject({ AWSAccountId: TARGET_B, KeyManager: 'CUSTOMER', KeyState: 'Enabled', Enabled: true, Description: 'copy key' });
    expect(meta?.Arn).toBe(`arn:aws:kms:${REGION}:${TARGET_B}:key/${meta?.KeyId}`);
    expect(meta?.CreationDate).toBeInstanceOf(Date);
    const byId = await kms.send(new DescribeKeyCommand({ KeyId: meta?.KeyId }));
    expect(byId.KeyMetadata?.Arn).toBe(meta?.Arn);
  });

  it('resolves aliases, including the AWS managed aws/ebs key', async () => {
    const kms = kmsOf('image-factory');
    const golden = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/ami-share-golden' }));
    expect(golden.KeyMetadata?.Arn).toBe(CMK_KEY_ARN);
    const ebs = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/ebs' }));
    expect(ebs.KeyMetadata).toMatchObject({ KeyManager: 'AWS', AWSAccountId: SOURCE });
    const aliases = await kms.send(new ListAliasesCommand({}));
    expect(aliases.Aliases?.map((a) => a.AliasName).sort()).toEqual(['alias/ami-share-golden', 'alias/aws/ebs']);
    const missing = await awsError(kms.send(new DescribeKeyCommand({ KeyId: 'alias/nope' })));
    expect(missing.name).toBe('NotFoundException');
    const missingKey = await awsError(kms.send(new DescribeKeyCommand({ KeyId: '00000000-0000-4000-8000-000000000000' })));
    expect(missingKey.name).toBe('NotFoundException');
  });

  it('creates, lists, revokes and retires grants; only the key owner may create them', async () => {
    const owner = kmsOf('image-factory');
    const granted = await owner.send(new CreateGrantCommand({
      KeyId: CMK_KEY_ARN, GranteePrincipal: `arn:aws:iam::${TARGET_B}:root`, Operations: ['Decrypt', 'DescribeKey', 'CreateGrant', 'RetireGrant'], Name: 'share-b',
    }));
    expect(granted.GrantId).toMatch(/^[0-9a-f]{64}$/);
    expect(granted.GrantToken).toBeTruthy();
    const again = await owner.send(new CreateGrantCommand({
      KeyId: CMK_KEY_ARN, GranteePrincipal: `arn:aws:iam::${TARGET_B}:root`, Operations: ['Decrypt', 'DescribeKey', 'CreateGrant', 'RetireGrant'], Name: 'share-b',
    }));
    expect(again.GrantId).toBe(granted.GrantId);
    const listed = await owner.send(new ListGrantsCommand({ KeyId: CMK_KEY_ARN }));
    expect(listed.Grants).toHaveLength(1);
    expect(listed.Grants?.[0]).toMatchObject({ KeyId: CMK_KEY_ARN, GranteePrincipal: `arn:aws:iam::${TARGET_B}:root`, IssuingAccount: `arn:aws:iam::${SOURCE}:root`, Name: 'share-b' });

    // The grantee can now describe the key by ARN; a stranger cannot.
    expect((await kmsOf('workload-b').send(new DescribeKeyCommand({ KeyId: CMK_KEY_ARN }))).KeyMetadata?.KeyId).toBe('0b5e1a2c-3d4e-4f60-8a7b-9c0d1e2f3a4b');
    const stranger = await awsError(kmsOf('analytics-c').send(new DescribeKeyCommand({ KeyId: CMK_KEY_ARN })));
    expect(stranger.name).toBe('AccessDeniedException');
    const strangerGrant = await awsError(kmsOf('analytics-c').send(new CreateGrantCommand({ KeyId: CMK_KEY_ARN, GranteePrincipal: `arn:aws:iam::${TARGET_C}:root`, Operations: ['Decrypt'] })));
    expect(strangerGrant.name).toBe('AccessDeniedException');

    // The grantee retires its grant (it holds RetireGrant); a second grant is revoked by the owner.
    await kmsOf('workload-b').send(new RetireGrantCommand({ KeyId: CMK_KEY_ARN, GrantId: granted.GrantId }));
    expect((await owner.send(new ListGrantsCommand({ KeyId: CMK_KEY_ARN }))).Grants).toEqual([]);
    const second = await owner.send(new CreateGrantCommand({ KeyId: CMK_KEY_ARN, GranteePrincipal: `arn:aws:iam::${TARGET_C}:root`, Operations: ['Decrypt'] }));
    await owner.send(new RevokeGrantCommand({ KeyId: CMK_KEY_ARN, GrantId: second.GrantId }));
    expect((await owner.send(new ListGrantsCommand({ KeyId: CMK_KEY_ARN }))).Grants).toEqual([]);
    expect((await awsError(owner.send(new RevokeGrantCommand({ KeyId: CMK_KEY_ARN, GrantId: second.GrantId })))).name).toBe('NotFoundException');
  });

  it('validates grant operations and principals', async () => {
    const owner = kmsOf('image-factory');
    const badOp = await awsError(owner.send(new CreateGrantCommand({ KeyId: CMK_KEY_ARN, GranteePrincipal: `arn:aws:iam::${TARGET_B}:root`, Operations: ['Explode' as 'Decrypt'] })));
    expect(badOp.name).toBe('ValidationException');
    const badPrincipal = await awsError(owner.send(new CreateGrantCommand({ KeyId: CMK_KEY_ARN, GranteePrincipal: 'someone', Operations: ['Decrypt'] })));
    expect(badPrincipal.name).toBe('ValidationException');
  });

  it('reads cross-account permissions from a CreateKey policy', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TARGET_C}:root` }, Action: 'kms:*', Resource: '*' }] });
    const key = await kmsOf('workload-b').send(new CreateKeyCommand({ Policy: policy }));
    const seen = await kmsOf('analytics-c').send(new DescribeKeyCommand({ KeyId: key.KeyMetadata?.Arn }));
    expect(seen.KeyMetadata?.AWSAccountId).toBe(TARGET_B);
  });
});
