import type { IncomingHttpHeaders } from 'http';

/** The SigV4 credential scope of a request. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

/**
 * The credential scope from the `Authorization` header (or a presigned
 * `X-Amz-Credential` query parameter). Signatures are not verified.
 */
export function credentialScope(headers: IncomingHttpHeaders, query: URLSearchParams): CredentialScope | undefined {
  const header = headers.authorization;
  const source = typeof header === 'string' && header.startsWith('AWS4-HMAC-SHA256')
    ? header
    : query.has('X-Amz-Credential') ? `Credential=${query.get('X-Amz-Credential') ?? ''}` : undefined;
  if (source === undefined) {
    return undefined;
  }
  const match = CREDENTIAL.exec(source);
  if (!match) {
    return undefined;
  }
  return { accessKeyId: match[1], date: match[2], region: match[3], service: match[4] };
}

/** The session token of the request, if any. */
export function securityToken(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const header = headers['x-amz-security-token'];
  if (typeof header === 'string') {
    return header;
  }
  return query.get('X-Amz-Security-Token') ?? undefined;
}
