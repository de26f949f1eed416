import { randomBytes, randomUUID } from 'crypto';

/** Generators for AWS-shaped identifiers. */

function hex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

function upperAlnum(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) {
    out += alphabet[byte % alphabet.length];
  }
  return out;
}

/** A new AMI id, `ami-` and 17 hex digits. */
export function newImageId(): string {
  return `ami-${hex(17)}`;
}

/** A new snapshot id, `snap-` and 17 hex digits. */
export function newSnapshotId(): string {
  return `snap-${hex(17)}`;
}

/** A new volume id, `vol-` and 17 hex digits. */
export function newVolumeId(): string {
  return `vol-${hex(17)}`;
}

/** A request id (UUID). */
export function newRequestId(): string {
  return randomUUID();
}

/** A KMS key id (UUID). */
export function newKeyId(): string {
  return randomUUID();
}

/** A KMS grant id (64 hex digits). */
export function newGrantId(): string {
  return hex(64);
}

/** A KMS grant token (opaque). */
export function newGrantToken(): string {
  return randomBytes(96).toString('base64url');
}

/** Temporary credentials as STS issues them. */
export function newTemporaryCredentials(): { accessKeyId: string; secretAccessKey: string; sessionToken: string } {
  return {
    accessKeyId: `ASIA${upperAlnum(16)}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: `FwoGZXIvYXdzE${randomBytes(150).toString('base64')}`,
  };
}

/**
 * A stable IAM unique id (e.g. `AIDA...` for users, `AROA...` for roles)
 * derived from a name, so it survives restarts without being stored.
 */
export function stableUniqueId(prefix: 'AIDA' | 'AROA', seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let hash = 2166136261;
  let out = '';
  for (let round = 0; out.length < 17; round++) {
    for (const ch of `${seed}#${round}`) {
      hash ^= ch.charCodeAt(0);
      hash = Math.imul(hash, 16777619) >>> 0;
    }
    out += alphabet[hash % alphabet.length];
  }
  return `${prefix}${out}`;
}
