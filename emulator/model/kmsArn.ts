/** Helpers for KMS ARNs. */

/** The ARN of a key. */
export function keyArn(region: string, accountId: string, keyId: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${keyId}`;
}

/** The ARN of an alias. */
export function aliasArn(region: string, accountId: string, aliasName: string): string {
  return `arn:aws:kms:${region}:${accountId}:${aliasName}`;
}

/** The parts of a KMS key or alias ARN, or undefined when `value` is no KMS ARN. */
export function parseKmsArn(value: string): { region: string; accountId: string; resource: string } | undefined {
  const match = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):(key\/.+|alias\/.+)$/.exec(value);
  if (!match) {
    return undefined;
  }
  return { region: match[1], accountId: match[2], resource: match[3] };
}

/** The account id in an IAM/STS principal ARN (`arn:aws:iam::A:root`, role, user, assumed-role), or undefined. */
export function principalAccount(principal: string): string | undefined {
  const match = /^arn:aws:(iam|sts)::(\d{12}):.+$/.exec(principal);
  if (match) {
    return match[2];
  }
  return /^\d{12}$/.test(principal) ? principal : undefined;
}
