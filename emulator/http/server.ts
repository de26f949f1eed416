import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { AwsError, isAwsError } from '../protocol/errors';
import { QueryParams } from '../protocol/query';
import { renderXml } from '../protocol/xml';
import type { Caller } from '../model/directory';
import { newRequestId } from '../model/ids';
import type { World } from '../model/world';
import { handleEc2, renderEc2Error } from '../services/ec2';
import { handleKms, renderKmsError } from '../services/kms';
import { handleSts, renderStsError } from '../services/sts';
import { credentialScope, securityToken } from './auth';
import { subjectsOf, type CallLog } from './callLog';
import { resolveCaller, type CredentialProblem } from './identity';

type Service = 'ec2' | 'sts' | 'kms';

const MAX_BODY = 10 * 1024 * 1024;
const ADMIN_PREFIX = '/_emulator';

interface Answer {
  requestId?: string;
  status: number;
  contentType: string;
  body: string;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new AwsError('RequestEntityTooLarge', 'The request body is too large', 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function errorAnswer(service: Service, error: AwsError, requestId: string): Answer {
  switch (service) {
    case 'kms':
      return { requestId, status: error.httpStatus, contentType: 'application/x-amz-json-1.1', body: renderKmsError(error) };
    case 'sts':
      return { requestId, status: error.httpStatus, contentType: 'text/xml', body: renderStsError(error, requestId) };
    default:
      return { requestId, status: error.httpStatus, contentType: 'text/xml;charset=UTF-8', body: renderEc2Error(error, requestId) };
  }
}

function credentialError(service: Service, problem: CredentialProblem): AwsError {
  const expired = problem === 'expired';
  switch (service) {
    case 'sts':
      return expired
        ? new AwsError('ExpiredToken', 'The security token included in the request is expired', 403)
        : new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
    case 'kms':
      return expired
        ? new AwsError('ExpiredTokenException', 'The security token included in the request is expired')
        : new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.');
    default:
      return expired
        ? new AwsError('RequestExpired', 'The security token included in the request is expired')
        : new AwsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
  }
}

/** Answers the `/_emulator/*` admin routes (call log, health). */
function adminAnswer(method: string, path: string, log: CallLog): Answer {
  const json = (value: unknown, status = 200): Answer => ({ status, contentType: 'application/json', body: JSON.stringify(value, null, 1) });
  if (path === `${ADMIN_PREFIX}/health`) {
    return json({ ok: true });
  }
  if (path === `${ADMIN_PREFIX}/calls` && method === 'GET') {
    return json({ counts: log.counts(), calls: log.all() });
  }
  if (path === `${ADMIN_PREFIX}/calls/reset` && method === 'POST') {
    log.reset();
    return json({ ok: true });
  }
  return json({ error: `no admin route ${method} ${path}` }, 404);
}

/**
 * Handles one AWS API request: finds the service and region from the SigV4
 * credential scope, the caller from the access key, runs the action and
 * renders the answer (or the error) in the service's protocol.
 */
async function answer(world: World, log: CallLog, req: IncomingMessage): Promise<Answer> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname.startsWith(ADMIN_PREFIX)) {
    return adminAnswer(req.method ?? 'GET', url.pathname, log);
  }
  const requestId = newRequestId();
  const target = req.headers['x-amz-target'];
  const scope = credentialScope(req.headers, url.searchParams);
  const guessed: Service = typeof target === 'string' && target.startsWith('TrentService.') ? 'kms' : scope?.service === 'sts' ? 'sts' : 'ec2';
  let body: string;
  try {
    body = await readBody(req);
  } catch (e) {
    return errorAnswer(guessed, isAwsError(e) ? e : new AwsError('InternalError', String(e), 500), requestId);
  }
  if (!scope) {
    return errorAnswer(guessed, new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403), requestId);
  }
  if (scope.service !== 'ec2' && scope.service !== 'sts' && scope.service !== 'kms') {
    const error = new AwsError('InvalidAction', `The service ${scope.service} is not implemented by the ami-share emulator (it serves ec2, sts and kms)`);
    log.add({ time: new Date().toISOString(), service: scope.service, action: 'unknown', accountId: 'unknown', region: scope.region, errorCode: error.code });
    return errorAnswer('ec2', error, requestId);
  }
  const service: Service = scope.service;
  let action: string;
  let params: QueryParams | undefined;
  let subjects: string[] | undefined;
  if (service === 'kms') {
    action = typeof target === 'string' ? target.slice(target.indexOf('.') + 1) : '';
  } else {
    const merged = new URLSearchParams(url.search);
    for (const [k, v] of new URLSearchParams(body)) {
      merged.set(k, v);
    }
    params = QueryParams.parse(merged.toString());
    action = params.get('Action') ?? '';
    subjects = subjectsOf(merged);
  }
  world.advanceClock();
  const resolved = resolveCaller(world, scope.accessKeyId, securityToken(req.headers, url.searchParams));
  const caller: Caller | undefined = typeof resolved === 'string' ? undefined : resolved;
  const record = {
    time: new Date().toISOString(),
    service,
    action: action === '' ? 'unknown' : action,
    accountId: caller?.accountId ?? 'unknown',
    region: scope.region,
    ...(subjects && subjects.length > 0 ? { subjects } : {}),
  };
  try {
    if (typeof resolved === 'string') {
      throw credentialError(service, resolved);
    }
    if (action === '') {
      throw new AwsError('MissingAction', 'The request must contain the parameter Action');
    }
    let responseBody: string;
    if (service === 'kms') {
      responseBody = handleKms(world, resolved, scope.region, action, body);
    } else if (service === 'sts') {
      responseBody = handleSts(world, resolved, action, params as QueryParams, requestId);
    } else {
      responseBody = handleEc2(world, resolved, scope.region, action, params as QueryParams, requestId);
    }
    log.add(record);
    const contentType = service === 'kms' ? 'application/x-amz-json-1.1' : 'text/xml;charset=UTF-8';
    return { requestId, status: 200, contentType, body: responseBody };
  } catch (e) {
    const error = isAwsError(e) ? e : new AwsError('InternalError', `Internal emulator error: ${(e as Error).message}`, 500);
    if (!isAwsError(e)) {
      process.stderr.write(`ami-share emulator: internal error in ${service}:${action}: ${(e as Error).stack ?? String(e)}\n`);
    }
    log.add({ ...record, errorCode: error.code });
    return errorAnswer(service, error, requestId);
  }
}

function send(res: ServerResponse, result: Answer): void {
  const requestId = result.requestId ?? newRequestId();
  res.writeHead(result.status, {
    'Content-Type': result.contentType,
    'Content-Length': Buffer.byteLength(result.body),
    'x-amzn-RequestId': requestId,
    'x-amz-request-id': requestId,
  });
  res.end(result.body);
}

/** Creates the HTTP server answering every service on one endpoint. */
export function createEmulatorServer(world: World, log: CallLog): Server {
  return createServer((req, res) => {
    answer(world, log, req)
      .then((result) => send(res, result))
      .catch((e: unknown) => {
        const body = renderXml('Response', undefined, { Errors: { Error: { Code: 'InternalError', Message: String(e) } } });
        send(res, { status: 500, contentType: 'text/xml', body });
      });
  });
}
