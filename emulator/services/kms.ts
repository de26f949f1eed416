import { AwsError } from '../protocol/errors';
import type { Caller } from '../model/directory';
import { newGrantId, newGrantToken, newKeyId } from '../model/ids';
import { keyArn, principalAccount } from '../model/kmsArn';
import type { GrantRecord, KmsKeyRecord } from '../model/state';
import type { World } from '../model/world';

/** The KMS JSON request body. */
type Json = Record<string, unknown>;

/** What a KMS handler gets. */
interface KmsContext {
  world: World;
  caller: Caller;
  region: string;
  input: Json;
}

const GRANT_OPERATIONS = [
  'Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo', 'Sign',
  'Verify', 'GetPublicKey', 'CreateGrant', 'RetireGrant', 'DescribeKey', 'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext', 'GenerateMac', 'VerifyMac', 'DeriveSharedSecret',
];

function str(input: Json, name: string, required: true): string;
function str(input: Json, name: string, required?: false): string | undefined;
function str(input: Json, name: string, required = false): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) {
    if (required) {
      throw new AwsError('ValidationException', `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
    }
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new AwsError('ValidationException', `Value at '${lowerFirst(name)}' must be a string`);
  }
  return value;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function epochSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

function notAuthorized(caller: Caller, operation: string, resource: string): AwsError {
  return new AwsError('AccessDeniedException', `User: ${caller.arn} is not authorized to perform: kms:${operation} on resource: ${resource} because no resource-based policy allows the kms:${operation} action`);
}

/** Resolves KeyId; throws NotFoundException as KMS does. */
function findKey(ctx: KmsContext, ref: string): KmsKeyRecord {
  const key = ctx.world.resolveKey(ref, ctx.caller.accountId, ctx.region);
  if (!key) {
    if (ref.includes('alias/')) {
      throw new AwsError('NotFoundException', `Alias ${ref.startsWith('arn:') ? ref : `arn:aws:kms:${ctx.region}:${ctx.caller.accountId}:${ref}`} is not found.`);
    }
    throw new AwsError('NotFoundException', `Key '${ref.startsWith('arn:') ? ref : keyArn(ctx.region, ctx.caller.accountId, ref)}' does not exist`);
  }
  return key;
}

/** True when the caller's account holds a grant on the key for `operation`. */
function hasGrantFor(ctx: KmsContext, key: KmsKeyRecord, operation: string): boolean {
  return ctx.world.grantsOf(key).some((g) => principalAccount(g.granteePrincipal) === ctx.caller.accountId && g.operations.includes(operation));
}

function requireKeyAccess(ctx: KmsContext, key: KmsKeyRecord, operation: string): void {
  if (!ctx.world.keyPolicyAllows(key, ctx.caller.accountId) && !hasGrantFor(ctx, key, operation)) {
    throw notAuthorized(ctx.caller, operation, key.arn);
  }
}

function keyMetadata(key: KmsKeyRecord): Json {
  return {
    AWSAccountId: key.accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: epochSeconds(key.creationDate),
    Enabled: key.enabled,
    Description: key.description,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: key.enabled ? 'Enabled' : 'Disabled',
    Origin: 'AWS_KMS',
    KeyManager: key.keyManager,
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
  };
}

/** Accounts other than the owner that an IAM key policy document allows (Allow statements' AWS principals). */
function policyAccounts(policy: string, owner: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    throw new AwsError('MalformedPolicyDocumentException', 'The key policy is not valid JSON');
  }
  const statements = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  const out = new Set<string>();
  for (const s of list as Array<{ Effect?: string; Principal?: unknown }>) {
    if (s.Effect !== 'Allow' || s.Principal === undefined) {
      continue;
    }
    const aws = typeof s.Principal === 'object' && s.Principal !== null ? (s.Principal as { AWS?: unknown }).AWS : undefined;
    const principals = Array.isArray(aws) ? aws : aws === undefined ? [] : [aws];
    for (const p of principals) {
      const account = typeof p === 'string' ? principalAccount(p) : undefined;
      if (account !== undefined && account !== owner) {
        out.add(account);
      }
    }
  }
  return [...out];
}

function createKey(ctx: KmsContext): Json {
  const usage = str(ctx.input, 'KeyUsage') ?? 'ENCRYPT_DECRYPT';
  const spec = str(ctx.input, 'KeySpec') ?? str(ctx.input, 'CustomerMasterKeySpec') ?? 'SYMMETRIC_DEFAULT';
  if (usage !== 'ENCRYPT_DECRYPT' || spec !== 'SYMMETRIC_DEFAULT') {
    throw new AwsError('UnsupportedOperationException', 'The ami-share emulator supports symmetric ENCRYPT_DECRYPT keys only');
  }
  const policy = str(ctx.input, 'Policy');
  const keyId = newKeyId();
  const key: KmsKeyRecord = {
    keyId,
    arn: keyArn(ctx.region, ctx.caller.accountId, keyId),
    accountId: ctx.caller.accountId,
    region: ctx.region,
    description: str(ctx.input, 'Description') ?? '',
    keyManager: 'CUSTOMER',
    aliases: [],
    allowedAccounts: policy === undefined ? [] : policyAccounts(policy, ctx.caller.accountId),
    creationDate: new Date(ctx.world.now()).toISOString(),
    enabled: true,
  };
  ctx.world.state.kmsKeys.push(key);
  ctx.world.commit();
  return { KeyMetadata: keyMetadata(key) };
}

function describeKey(ctx: KmsContext): Json {
  const key = findKey(ctx, str(ctx.input, 'KeyId', true));
  requireKeyAccess(ctx, key, 'DescribeKey');
  return { KeyMetadata: keyMetadata(key) };
}

function listKeys(ctx: KmsContext): Json {
  const keys = ctx.world.state.kmsKeys.filter((k) => k.accountId === ctx.caller.accountId && k.region === ctx.region);
  return { Keys: keys.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })), Truncated: false };
}

function listAliases(ctx: KmsContext): Json {
  const keyRef = str(ctx.input, 'KeyId');
  const target = keyRef === undefined ? undefined : findKey(ctx, keyRef);
  const own = ctx.world.state.kmsKeys.filter((k) => k.accountId === ctx.caller.accountId && k.region === ctx.region);
  const aliases = own.flatMap((k) => k.aliases.map((alias) => ({ key: k, alias })))
    .filter((a) => target === undefined || a.key === target);
  const rows: Json[] = aliases.map(({ key, alias }) => ({
    AliasName: alias,
    AliasArn: ctx.world.aliasArnOf(key, alias),
    TargetKeyId: key.keyId,
    CreationDate: epochSeconds(key.creationDate),
    LastUpdatedDate: epochSeconds(key.creationDate),
  }));
  if (target === undefined && !aliases.some((a) => a.alias === 'alias/aws/ebs')) {
    // AWS lists the predefined alias even before the AWS managed key exists.
    rows.push({ AliasName: 'alias/aws/ebs', AliasArn: `arn:aws:kms:${ctx.region}:${ctx.caller.accountId}:alias/aws/ebs` });
  }
  return { Aliases: rows, Truncated: false };
}

function grantJson(grant: GrantRecord): Json {
  return {
    KeyId: grant.keyArn,
    GrantId: grant.grantId,
    Name: grant.name,
    CreationDate: epochSeconds(grant.creationDate),
    GranteePrincipal: grant.granteePrincipal,
    RetiringPrincipal: grant.retiringPrincipal,
    IssuingAccount: `arn:aws:iam::${grant.issuingAccount}:root`,
    Operations: grant.operations,
  };
}

function checkPrincipal(value: string, field: string): void {
  if (principalAccount(value) === undefined || /^\d{12}$/.test(value)) {
    throw new AwsError('ValidationException', `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must be the ARN of an AWS principal (e.g. arn:aws:iam::111122223333:root)`);
  }
}

function createGrant(ctx: KmsContext): Json {
  const key = findKey(ctx, str(ctx.input, 'KeyId', true));
  const grantee = str(ctx.input, 'GranteePrincipal', true);
  checkPrincipal(grantee, 'granteePrincipal');
  const retiring = str(ctx.input, 'RetiringPrincipal');
  if (retiring !== undefined) {
    checkPrincipal(retiring, 'retiringPrincipal');
  }
  const operations = ctx.input.Operations;
  if (!Array.isArray(operations) || operations.length === 0 || operations.some((op) => typeof op !== 'string' || !GRANT_OPERATIONS.includes(op))) {
    throw new AwsError('ValidationException', `1 validation error detected: Value '${JSON.stringify(operations)}' at 'operations' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${GRANT_OPERATIONS.join(', ')}]]`);
  }
  requireKeyAccess(ctx, key, 'CreateGrant');
  if (key.keyManager === 'AWS' && key.accountId !== ctx.caller.accountId) {
    throw notAuthorized(ctx.caller, 'CreateGrant', key.arn);
  }
  const name = str(ctx.input, 'Name');
  const ops = [...(operations as string[])].sort();
  if (name !== undefined) {
    const same = ctx.world.grantsOf(key).find((g) => g.name === name && g.granteePrincipal === grantee
      && g.retiringPrincipal === retiring && JSON.stringify(g.operations) === JSON.stringify(ops));
    if (same) {
      return { GrantId: same.grantId, GrantToken: same.grantToken };
    }
  }
  const grant: GrantRecord = {
    grantId: newGrantId(),
    grantToken: newGrantToken(),
    keyArn: key.arn,
    name,
    granteePrincipal: grantee,
    retiringPrincipal: retiring,
    operations: ops,
    issuingAccount: ctx.caller.accountId,
    creationDate: new Date(ctx.world.now()).toISOString(),
  };
  ctx.world.state.grants.push(grant);
  ctx.world.commit();
  return { GrantId: grant.grantId, GrantToken: grant.grantToken };
}

function listGrants(ctx: KmsContext): Json {
  const key = findKey(ctx, str(ctx.input, 'KeyId', true));
  requireKeyAccess(ctx, key, 'ListGrants');
  const grantId = str(ctx.input, 'GrantId');
  const grantee = str(ctx.input, 'GranteePrincipal');
  const grants = ctx.world.grantsOf(key)
    .filter((g) => (grantId === undefined || g.grantId === grantId) && (grantee === undefined || g.granteePrincipal === grantee));
  return { Grants: grants.map(grantJson), Truncated: false };
}

function removeGrant(ctx: KmsContext, grant: GrantRecord): void {
  ctx.world.state.grants = ctx.world.state.grants.filter((g) => g !== grant);
  ctx.world.commit();
}

function findGrant(ctx: KmsContext, key: KmsKeyRecord, grantId: string): GrantRecord {
  const grant = ctx.world.grantsOf(key).find((g) => g.grantId === grantId);
  if (!grant) {
    throw new AwsError('NotFoundException', `Grant ID ${grantId} not found`);
  }
  return grant;
}

function revokeGrant(ctx: KmsContext): Json {
  const key = findKey(ctx, str(ctx.input, 'KeyId', true));
  if (!ctx.world.keyPolicyAllows(key, ctx.caller.accountId)) {
    throw notAuthorized(ctx.caller, 'RevokeGrant', key.arn);
  }
  removeGrant(ctx, findGrant(ctx, key, str(ctx.input, 'GrantId', true)));
  return {};
}

function retireGrant(ctx: KmsContext): Json {
  const token = str(ctx.input, 'GrantToken');
  let grant: GrantRecord | undefined;
  if (token !== undefined) {
    grant = ctx.world.state.grants.find((g) => g.grantToken === token);
    if (!grant) {
      throw new AwsError('InvalidGrantTokenException', 'The grant token is not valid');
    }
  } else {
    const keyRef = str(ctx.input, 'KeyId');
    const grantId = str(ctx.input, 'GrantId');
    if (keyRef === undefined || grantId === undefined) {
      throw new AwsError('ValidationException', 'Either GrantToken or both KeyId and GrantId are required');
    }
    grant = findGrant(ctx, findKey(ctx, keyRef), grantId);
  }
  const account = ctx.caller.accountId;
  const allowed = grant.issuingAccount === account
    || (grant.retiringPrincipal !== undefined && principalAccount(grant.retiringPrincipal) === account)
    || (principalAccount(grant.granteePrincipal) === account && grant.operations.includes('RetireGrant'));
  if (!allowed) {
    throw notAuthorized(ctx.caller, 'RetireGrant', grant.keyArn);
  }
  removeGrant(ctx, grant);
  return {};
}

/** KMS operations the emulator implements (X-Amz-Target `TrentService.<name>`). */
export const KMS_ACTIONS: Readonly<Record<string, (ctx: KmsContext) => Json>> = {
  CreateGrant: createGrant,
  CreateKey: createKey,
  DescribeKey: describeKey,
  ListAliases: listAliases,
  ListGrants: listGrants,
  ListKeys: listKeys,
  RetireGrant: retireGrant,
  RevokeGrant: revokeGrant,
};

/** Runs one KMS JSON 1.1 operation; returns the JSON response body. */
export function handleKms(world: World, caller: Caller, region: string, action: string, body: string): string {
  const handler = KMS_ACTIONS[action];
  if (handler === undefined) {
    throw new AwsError('UnknownOperationException', `The action ${action} is not implemented by the ami-share emulator`);
  }
  let input: Json;
  try {
    input = body.trim() === '' ? {} : (JSON.parse(body) as Json);
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON');
  }
  return JSON.stringify(handler({ world, caller, region, input }));
}

/** The KMS JSON error body. */
export function renderKmsError(error: AwsError): string {
  return JSON.stringify({ __type: error.code, message: error.message });
}
