import type { Seed, SeedEbs, SeedImage, SeedKmsKey } from './types';
import { DEFAULT_REGIONS } from '../model/regions';

/** True when `ref` names the AWS managed EBS key. */
export function isAwsManagedEbsKeyRef(ref: string): boolean {
  return ref === 'alias/aws/ebs' || ref === 'aws/ebs';
}

/** Finds the seed's customer key that `ref` (id, ARN or alias) names in that account and region. */
export function findSeedKey(seed: Seed, accountId: string, region: string, ref: string): SeedKmsKey | undefined {
  return (seed.kmsKeys ?? []).find((key) => {
    if (key.account !== accountId || key.region !== region) {
      return false;
    }
    if (key.keyId !== undefined && (ref === key.keyId || ref === `arn:aws:kms:${region}:${accountId}:key/${key.keyId}`)) {
      return true;
    }
    return (key.aliases ?? []).some((alias) => ref === alias || ref === `arn:aws:kms:${region}:${accountId}:${alias}`);
  });
}

/**
 * Checks what the JSON schema cannot: unique ids, known accounts, regions,
 * organizations and keys, and AWS's own rules (e.g. no sharing of snapshots
 * under the AWS managed key). Returns the problems found (empty when valid).
 */
export function validateSeedReferences(seed: Seed): string[] {
  const problems: string[] = [];
  const accounts = new Set(seed.accounts.map((a) => a.id));
  const regions = new Set(seed.regions ?? DEFAULT_REGIONS);
  const requireAccount = (where: string, id: string): void => {
    if (!accounts.has(id)) {
      problems.push(`${where}: account ${id} is not declared under accounts`);
    }
  };
  const requireRegion = (where: string, region: string): void => {
    if (!regions.has(region)) {
      problems.push(`${where}: region ${region} is not among the seed's regions`);
    }
  };

  unique(problems, 'accounts[].id', seed.accounts.map((a) => a.id));
  unique(problems, 'accounts[].name', seed.accounts.map((a) => a.name));
  unique(problems, 'accounts[].users[].accessKeyId', seed.accounts.flatMap((a) => (a.users ?? []).map((u) => u.accessKeyId)));

  (seed.roles ?? []).forEach((role, i) => {
    requireAccount(`roles[${i}] (${role.arn})`, role.arn.split(':')[4]);
  });
  unique(problems, 'roles[].arn', (seed.roles ?? []).map((r) => r.arn));

  const orgArns = new Set<string>();
  const ouArns = new Set<string>();
  (seed.organizations ?? []).forEach((org, i) => {
    orgArns.add(org.arn);
    const orgId = org.arn.slice(org.arn.lastIndexOf('/') + 1);
    const management = org.arn.split(':')[4];
    (org.accounts ?? []).forEach((a) => requireAccount(`organizations[${i}].accounts`, a));
    const localOus = new Set((org.organizationalUnits ?? []).map((ou) => ou.arn));
    (org.organizationalUnits ?? []).forEach((ou, j) => {
      const where = `organizations[${i}].organizationalUnits[${j}] (${ou.arn})`;
      ouArns.add(ou.arn);
      if (!ou.arn.includes(`:ou/${orgId}/`) || ou.arn.split(':')[4] !== management) {
        problems.push(`${where}: the OU ARN does not belong to organization ${org.arn}`);
      }
      if (ou.parent !== undefined && !localOus.has(ou.parent)) {
        problems.push(`${where}: parent ${ou.parent} is not an OU of the same organization`);
      }
      (ou.accounts ?? []).forEach((a) => requireAccount(`${where}.accounts`, a));
    });
  });

  (seed.kmsKeys ?? []).forEach((key, i) => {
    requireAccount(`kmsKeys[${i}]`, key.account);
    requireRegion(`kmsKeys[${i}]`, key.region);
  });
  unique(problems, 'kmsKeys[].keyId', (seed.kmsKeys ?? []).flatMap((k) => (k.keyId === undefined ? [] : [k.keyId])));
  unique(problems, 'kmsKeys[].aliases (per account and region)', (seed.kmsKeys ?? []).flatMap((k) => (k.aliases ?? []).map((a) => `${k.account}/${k.region}/${a}`)));

  (seed.images ?? []).forEach((image, i) => checkImage(seed, image, `images[${i}] (${image.id})`, problems, requireAccount, requireRegion, orgArns, ouArns));
  unique(problems, 'images[].id', (seed.images ?? []).map((img) => img.id));
  unique(problems, 'images[].name (per account and region)', (seed.images ?? []).map((img) => `${img.account}/${img.region}/${img.name}`));
  unique(problems, 'snapshot ids (images[].blockDeviceMappings[].ebs.snapshotId)', (seed.images ?? []).flatMap((img) => img.blockDeviceMappings.flatMap((m) => (m.ebs ? [m.ebs.snapshotId] : []))));
  return problems;
}

function checkImage(
  seed: Seed,
  image: SeedImage,
  where: string,
  problems: string[],
  requireAccount: (where: string, id: string) => void,
  requireRegion: (where: string, region: string) => void,
  orgArns: Set<string>,
  ouArns: Set<string>,
): void {
  requireAccount(where, image.account);
  requireRegion(where, image.region);
  let awsManaged = false;
  image.blockDeviceMappings.forEach((mapping, j) => {
    const at = `${where}.blockDeviceMappings[${j}] (${mapping.deviceName})`;
    if ((mapping.ebs === undefined) === (mapping.virtualName === undefined)) {
      problems.push(`${at}: give exactly one of ebs or virtualName`);
    }
    if (mapping.ebs) {
      awsManaged = checkEbs(seed, image, mapping.ebs, at, problems) || awsManaged;
    }
  });
  unique(problems, `${where}.blockDeviceMappings[].deviceName`, image.blockDeviceMappings.map((m) => m.deviceName));
  const root = image.rootDeviceName ?? image.blockDeviceMappings[0].deviceName;
  if (!image.blockDeviceMappings.some((m) => m.deviceName === root && m.ebs !== undefined)) {
    problems.push(`${where}: the root device ${root} must be an EBS mapping`);
  }
  (image.launchPermissions ?? []).forEach((perm, j) => {
    const at = `${where}.launchPermissions[${j}]`;
    if (perm.userId !== undefined) {
      requireAccount(at, perm.userId);
    }
    if (perm.organizationArn !== undefined && !orgArns.has(perm.organizationArn)) {
      problems.push(`${at}: organization ${perm.organizationArn} is not declared under organizations`);
    }
    if (perm.organizationalUnitArn !== undefined && !ouArns.has(perm.organizationalUnitArn)) {
      problems.push(`${at}: OU ${perm.organizationalUnitArn} is not declared under organizations[].organizationalUnits`);
    }
    const sharedOutside = perm.group === 'all' || (perm.userId !== undefined && perm.userId !== image.account)
      || perm.organizationArn !== undefined || perm.organizationalUnitArn !== undefined;
    if (awsManaged && sharedOutside) {
      problems.push(`${at}: AWS does not let an AMI whose snapshots use the AWS managed key aws/ebs be shared`);
    }
  });
}

function checkEbs(seed: Seed, image: SeedImage, ebs: SeedEbs, at: string, problems: string[]): boolean {
  let awsManaged = false;
  if (ebs.kmsKey !== undefined) {
    if (ebs.encrypted === false) {
      problems.push(`${at}: kmsKey is given but encrypted is false`);
    }
    if (isAwsManagedEbsKeyRef(ebs.kmsKey)) {
      awsManaged = true;
    } else if (findSeedKey(seed, image.account, image.region, ebs.kmsKey) === undefined) {
      problems.push(`${at}: kmsKey ${ebs.kmsKey} is not a key of account ${image.account} in ${image.region} under kmsKeys (nor alias/aws/ebs)`);
    }
  } else if (ebs.encrypted === true) {
    awsManaged = true;
  }
  for (const perm of ebs.createVolumePermissions ?? []) {
    const isEncrypted = ebs.encrypted === true || ebs.kmsKey !== undefined;
    if (perm.group === 'all' && isEncrypted) {
      problems.push(`${at}: AWS does not let an encrypted snapshot be public (group all)`);
    }
    if (awsManaged && perm.userId !== undefined && perm.userId !== image.account) {
      problems.push(`${at}: AWS does not let a snapshot encrypted with the AWS managed key aws/ebs be shared`);
    }
  }
  return awsManaged;
}

function unique(problems: string[], what: string, values: string[]): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) {
      problems.push(`${what}: duplicate ${value}`);
    }
    seen.add(value);
  }
}
