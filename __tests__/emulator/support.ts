import { join } from 'path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { KMSClient } from '@aws-sdk/client-kms';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { RunningEmulator } from '../../emulator';

/** Shared fixtures of the emulator tests: the example seed's ids and SDK clients pointed at an emulator. */

export const SEED_PATH = join(__dirname, '..', '..', 'emulator', 'seeds', 'example.yaml');
export const REGION = 'ap-northeast-1';
export const SOURCE = '651700000002';
export const TARGET_B = '120500000013';
export const TARGET_C = '230600000024';
export const GOLDEN_AMI = 'ami-0abc1234def567890';
export const GOLDEN_SNAPSHOT = 'snap-0abc1234def567890';
export const CMK_AMI = 'ami-0c3c0000000000001';
export const CMK_SNAPSHOTS = ['snap-0c3c0000000000001', 'snap-0c3c0000000000002'];
export const CMK_KEY_ARN = `arn:aws:kms:${REGION}:${SOURCE}:key/0b5e1a2c-3d4e-4f60-8a7b-9c0d1e2f3a4b`;
export const AWS_EBS_AMI = 'ami-0eb50000000000001';
export const AWS_EBS_SNAPSHOT = 'snap-0eb50000000000001';
export const ORG_ARN = 'arn:aws:organizations::651700000002:organization/o-abc123def4';
export const OU_ARN = 'arn:aws:organizations::651700000002:ou/o-abc123def4/ou-ab12-cdef3456';

/** Credentials as the SDK takes them. */
export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** EC2, STS and KMS clients of one identity. */
export interface Clients {
  ec2: EC2Client;
  sts: STSClient;
  kms: KMSClient;
}

/** Clients for an account name/id of the seed, or explicit credentials. */
export function clientsFor(emulator: RunningEmulator, who: string | Creds, region = REGION): Clients {
  const credentials = typeof who === 'string' ? emulator.credentialsFor(who) : who;
  const config = { endpoint: emulator.endpoint, region, credentials, maxAttempts: 1 };
  return { ec2: new EC2Client(config), sts: new STSClient(config), kms: new KMSClient(config) };
}

/** Assumes a role with the given clients' identity and returns the temporary credentials. */
export async function assumeRole(clients: Clients, roleArn: string, sessionName = 'test'): Promise<Creds> {
  const out = await clients.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }));
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
    throw new Error('AssumeRole returned no credentials');
  }
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

/** Awaits a rejection and returns the SDK error, failing when the promise resolves. */
export async function awsError(promise: Promise<unknown>): Promise<{ name: string; message: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (e) {
    return e as { name: string; message: string };
  }
  throw new Error('expected the AWS call to fail, but it succeeded');
}

/** Sleeps. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
