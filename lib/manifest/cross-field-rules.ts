import { accountOfArn, matchesShape, regionOfArn, SHAPES } from './patterns';
import { PathSegment, Problem } from './problems';

/**
 * Rules that relate one field to another, which a schema cannot say. They
 * run even when the schema found problems, so that one run reports
 * everything; each rule looks only at values of the right type.
 */

type Loose = Record<string, unknown>;

/** Target key whose stack name, share-organizations, is the organizations stack's. */
export const RESERVED_TARGET_KEY = 'organizations';

/** AWS shares an AMI with at most this many principals per region. */
export const MAX_PRINCIPALS_PER_IMAGE = 1000;

export function crossFieldProblems(data: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!isObject(data)) {
    return problems;
  }
  const source = isObject(data.source) ? data.source : {};
  const sourceAccount = validString(source.accountId, SHAPES.accountId.pattern);
  checkCredentials(['source'], source, sourceAccount, problems);

  const images = isObject(data.images) ? data.images : {};
  const targets = isObject(data.targets) ? data.targets : {};
  const policy = isObject(data.policy) ? data.policy : {};
  checkImages(images, problems);
  checkTargets(targets, sourceAccount, problems);
  checkAllowedAccounts(policy, targets, problems);
  checkStateFields(isObject(data.state) ? data.state : {}, problems);
  checkShares(Array.isArray(data.shares) ? data.shares : [], images, targets, policy.allowPublic === true, problems);
  return problems;
}

function checkCredentials(path: PathSegment[], account: Loose, accountId: string | undefined, problems: Problem[]): void {
  if (account.roleArn !== undefined && account.profile !== undefined) {
    problems.push({
      path: [...path, 'profile'],
      atKey: true,
      message: 'give either roleArn or profile, not both: the provider authenticates one way',
    });
  }
  if (account.externalId !== undefined && account.roleArn === undefined) {
    problems.push({
      path: [...path, 'externalId'],
      atKey: true,
      message: 'externalId goes with roleArn, which is missing: add the role to assume, or drop externalId',
    });
  }
  const roleArn = validString(account.roleArn, SHAPES.roleArn.pattern);
  if (roleArn && accountId && accountOfArn(roleArn) !== accountId) {
    problems.push({
      path: [...path, 'roleArn'],
      message: `role ${roleArn} is in account ${accountOfArn(roleArn)}; expected a role in account ${accountId}, the account this provider acts in`,
    });
  }
}

function checkImages(images: Loose, problems: Problem[]): void {
  const keyOfAmi = new Map<string, string>();
  for (const [key, image] of Object.entries(images)) {
    const amiId = isObject(image) ? validString(image.amiId, SHAPES.amiId.pattern) : undefined;
    if (!amiId) {
      continue;
    }
    const other = keyOfAmi.get(amiId);
    if (other !== undefined) {
      problems.push({
        path: ['images', key, 'amiId'],
        message: `${amiId} is also image "${other}"; expected each AMI under one key only`,
      });
    } else {
      keyOfAmi.set(amiId, key);
    }
  }
}

function checkTargets(targets: Loose, sourceAccount: string | undefined, problems: Problem[]): void {
  const keyOfAccount = new Map<string, string>();
  for (const [key, target] of Object.entries(targets)) {
    if (!isObject(target)) {
      continue;
    }
    const path = ['targets', key];
    if (key === RESERVED_TARGET_KEY) {
      problems.push({
        path,
        atKey: true,
        message: `target key "${key}" is reserved: its stack name would be the organizations stack's; expected another key`,
      });
    }
    const accountId = validString(target.accountId, SHAPES.accountId.pattern);
    if (accountId && accountId === sourceAccount) {
      problems.push({
        path: [...path, 'accountId'],
        message: `${accountId} is the source account; expected another account (the source already owns its images)`,
      });
    }
    if (accountId) {
      const other = keyOfAccount.get(accountId);
      if (other !== undefined) {
        problems.push({
          path: [...path, 'accountId'],
          message: `account ${accountId} is also target "${other}"; expected each account under one target key only`,
        });
      } else {
        keyOfAccount.set(accountId, key);
      }
    }
    checkCredentials(path, target, accountId, problems);
    checkRegions(path, target.regions, accountId, problems);
  }
}

function checkRegions(path: PathSegment[], regions: unknown, accountId: string | undefined, problems: Problem[]): void {
  if (!Array.isArray(regions)) {
    return;
  }
  const seen = new Map<string, number>();
  regions.forEach((item, i) => {
    const region = validString(isObject(item) ? item.region : item, SHAPES.region.pattern);
    if (!region) {
      return;
    }
    const first = seen.get(region);
    if (first !== undefined) {
      problems.push({
        path: [...path, 'regions', i],
        message: `region ${region} is listed twice (also at regions[${first}]); expected each region once`,
      });
    } else {
      seen.set(region, i);
    }
    const keyArn = isObject(item) ? validString(item.kmsKeyArn, SHAPES.kmsKeyArn.pattern) : undefined;
    if (keyArn && regionOfArn(keyArn) !== region) {
      problems.push({
        path: [...path, 'regions', i, 'kmsKeyArn'],
        message: `key ${keyArn} is in region ${regionOfArn(keyArn)}; expected a key in ${region}, where this copy lands`,
      });
    }
    if (keyArn && accountId && accountOfArn(keyArn) !== accountId) {
      problems.push({
        path: [...path, 'regions', i, 'kmsKeyArn'],
        message: `key ${keyArn} belongs to account ${accountOfArn(keyArn)}; expected a key of the target account ${accountId}, which owns the copy`,
      });
    }
  });
}

/** Which state fields belong to which backend. */
const STATE_FIELDS: Record<string, readonly string[]> = {
  local: [],
  s3: ['bucket', 'keyPrefix', 'region', 'roleArn', 'useLockfile'],
  cloud: ['organization', 'workspacePrefix', 'hostname'],
};

function checkStateFields(state: Loose, problems: Problem[]): void {
  const backend = typeof state.backend === 'string' ? state.backend : undefined;
  const allowed = backend !== undefined ? STATE_FIELDS[backend] : undefined;
  if (!allowed) {
    return;
  }
  for (const field of Object.keys(state)) {
    if (field !== 'backend' && !allowed.includes(field)) {
      const owner = Object.keys(STATE_FIELDS).find((name) => STATE_FIELDS[name].includes(field));
      problems.push({
        path: ['state', field],
        atKey: true,
        message: `${field} belongs to state.backend ${owner ?? '(none)'}, not ${backend}; expected ${allowed.length > 0 ? `only ${allowed.join(', ')}` : 'no other field'} with backend ${backend}`,
      });
    }
  }
}

function checkAllowedAccounts(policy: Loose, targets: Loose, problems: Problem[]): void {
  if (!Array.isArray(policy.allowedAccounts)) {
    return;
  }
  const allowed = new Set(policy.allowedAccounts.filter((id): id is string => typeof id === 'string'));
  for (const [key, target] of Object.entries(targets)) {
    const accountId = isObject(target) ? validString(target.accountId, SHAPES.accountId.pattern) : undefined;
    if (accountId && !allowed.has(accountId)) {
      problems.push({
        path: ['targets', key, 'accountId'],
        message: `account ${accountId} is not in policy.allowedAccounts; expected one of ${[...allowed].join(', ') || '(none)'}, or the account added to policy.allowedAccounts after review`,
      });
    }
  }
}

function checkShares(shares: unknown[], images: Loose, targets: Loose, allowPublic: boolean, problems: Problem[]): void {
  const firstShareOf = new Map<string, number>();
  const principalsOf = new Map<string, number>();
  shares.forEach((share, i) => {
    if (!isObject(share)) {
      return;
    }
    const path: PathSegment[] = ['shares', i];
    const image = typeof share.image === 'string' ? share.image : undefined;
    if (image !== undefined && !(image in images)) {
      problems.push({
        path: [...path, 'image'],
        message: `unknown image "${image}"; expected one of the keys in images: ${Object.keys(images).join(', ') || '(none)'}`,
      });
    }
    const lists = ['to', 'organizations', 'organizationalUnits'] as const;
    if (lists.every((field) => share[field] === undefined) && share.public !== true) {
      problems.push({
        path,
        message: 'a share needs at least one of to, organizations, organizationalUnits, public; expected whom to share the image with',
      });
    }
    if (share.public === true && !allowPublic) {
      problems.push({
        path: [...path, 'public'],
        message:
          'public sharing is refused: it lets every AWS account launch the image; expected public: false, or policy.allowPublic: true at the top of the manifest after review',
      });
    }
    if (share.public === true && image !== undefined) {
      const pair = `${image}\u0000(public)`;
      const first = firstShareOf.get(pair);
      if (first !== undefined) {
        problems.push({ path: [...path, 'public'], message: `image "${image}" is already public in shares[${first}]; expected it public in one share only` });
      } else {
        firstShareOf.set(pair, i);
      }
    }
    for (const field of lists) {
      const list = share[field];
      if (!Array.isArray(list)) {
        continue;
      }
      const seen = new Set<string>();
      list.forEach((principal, j) => {
        if (typeof principal !== 'string') {
          return;
        }
        const at = [...path, field, j];
        if (seen.has(principal)) {
          problems.push({ path: at, message: `"${principal}" is listed twice in this share; expected each once` });
          return;
        }
        seen.add(principal);
        if (field === 'to' && !(principal in targets)) {
          problems.push({
            path: at,
            message: `unknown target "${principal}"; expected one of the keys in targets: ${Object.keys(targets).join(', ') || '(none)'}`,
          });
          return;
        }
        if (image === undefined) {
          return;
        }
        const pair = `${image}\u0000${principal}`;
        const first = firstShareOf.get(pair);
        if (first !== undefined) {
          problems.push({
            path: at,
            message: `image "${image}" already goes to "${principal}" in shares[${first}]; expected each image and recipient in one share only`,
          });
          return;
        }
        firstShareOf.set(pair, i);
        const count = (principalsOf.get(image) ?? 0) + 1;
        principalsOf.set(image, count);
        if (count === MAX_PRINCIPALS_PER_IMAGE + 1) {
          problems.push({
            path: at,
            message: `image "${image}" would be shared with more than ${MAX_PRINCIPALS_PER_IMAGE} principals, the AWS limit per AMI and region; expected fewer targets, or an organization or OU instead`,
          });
        }
      });
    }
  });
}

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validString(value: unknown, pattern: string): string | undefined {
  return typeof value === 'string' && matchesShape({ pattern, expected: '' }, value) ? value : undefined;
}
