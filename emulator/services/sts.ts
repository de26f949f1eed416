import { AwsError } from '../protocol/errors';
import type { QueryParams } from '../protocol/query';
import { renderXml, type XmlNode } from '../protocol/xml';
import type { Caller } from '../model/directory';
import { newTemporaryCredentials } from '../model/ids';
import type { World } from '../model/world';

/** The STS API namespace. */
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** STS actions the emulator implements. */
export const STS_ACTIONS = ['AssumeRole', 'GetCallerIdentity'] as const;

function getCallerIdentity(caller: Caller): XmlNode {
  return { Arn: caller.arn, UserId: caller.userId, Account: caller.accountId };
}

/**
 * AssumeRole: the role must be declared in the seed and trust the caller's
 * account; the answer is temporary credentials of the role's account.
 */
function assumeRole(world: World, caller: Caller, params: QueryParams): XmlNode {
  const roleArn = params.require('RoleArn');
  const sessionName = params.require('RoleSessionName');
  if (!SESSION_NAME.test(sessionName)) {
    throw new AwsError('ValidationError', `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  }
  if (!/^arn:aws:iam::\d{12}:role\/.+$/.test(roleArn)) {
    throw new AwsError('ValidationError', `${roleArn} is invalid`);
  }
  const role = world.directory.role(roleArn);
  if (!role || !role.trustedAccounts.includes(caller.accountId)) {
    throw new AwsError('AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
  }
  const maxDuration = caller.kind === 'assumed-role' ? 3600 : role.maxSessionDurationSeconds;
  const duration = params.int('DurationSeconds') ?? 3600;
  if (duration < 900) {
    throw new AwsError('ValidationError', `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`);
  }
  if (duration > maxDuration) {
    throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  const expiresAt = world.now() + duration * 1000;
  const credentials = newTemporaryCredentials();
  world.state.sessions.push({ ...credentials, roleArn, sessionName, accountId: role.accountId, expiresAt });
  world.commit();
  const assumed = world.directory.callerForSession(role, sessionName, credentials.accessKeyId);
  return {
    AssumedRoleUser: { Arn: assumed.arn, AssumedRoleId: assumed.userId },
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: new Date(expiresAt).toISOString(),
    },
    PackedPolicySize: params.get('Policy') !== undefined ? 6 : undefined,
  };
}

/** Runs one STS query-protocol action and returns the XML response body. */
export function handleSts(world: World, caller: Caller, action: string, params: QueryParams, requestId: string): string {
  let result: XmlNode;
  switch (action) {
    case 'GetCallerIdentity':
      result = getCallerIdentity(caller);
      break;
    case 'AssumeRole':
      result = assumeRole(world, caller, params);
      break;
    default:
      throw new AwsError('InvalidAction', `The action ${action} is not implemented by the ami-share emulator`);
  }
  return renderXml(`${action}Response`, STS_NAMESPACE, {
    [`${action}Result`]: result,
    ResponseMetadata: { RequestId: requestId },
  });
}

/** The STS error document. */
export function renderStsError(error: AwsError, requestId: string): string {
  return renderXml('ErrorResponse', STS_NAMESPACE, {
    Error: { Type: error.httpStatus >= 500 ? 'Receiver' : 'Sender', Code: error.code, Message: error.message },
    RequestId: requestId,
  });
}
