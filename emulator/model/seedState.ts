import type { Seed } from '../seed/types';
import { findSeedKey, isAwsManagedEbsKeyRef } from '../seed/references';
import { emptyState, type KmsKeyRecord, type WorldState } from './state';
import { newKeyId, newVolumeId } from './ids';
import { keyArn } from './kmsArn';

const SEED_TIME = '2024-01-01T00:00:00.000Z';

/** Creates the AWS managed `alias/aws/ebs` key record of an account and region. */
export function newAwsManagedEbsKey(accountId: string, region: string, creationDate: string): KmsKeyRecord {
  const keyId = newKeyId();
  return {
    keyId,
    arn: keyArn(region, accountId, keyId),
    accountId,
    region,
    description: 'Default key that protects my EBS volumes when no other key is defined',
    keyManager: 'AWS',
    aliases: ['alias/aws/ebs'],
    allowedAccounts: [],
    creationDate,
    enabled: true,
  };
}

/** Builds the initial world state from a validated seed. */
export function stateFromSeed(seed: Seed): WorldState {
  const state = emptyState();
  const keyIds = new Map<object, string>();
  for (const key of seed.kmsKeys ?? []) {
    const keyId = key.keyId ?? newKeyId();
    keyIds.set(key, keyId);
    state.kmsKeys.push({
      keyId,
      arn: keyArn(key.region, key.account, keyId),
      accountId: key.account,
      region: key.region,
      description: key.description ?? '',
      keyManager: 'CUSTOMER',
      aliases: [...(key.aliases ?? [])],
      allowedAccounts: [...(key.allowedAccounts ?? [])],
      creationDate: SEED_TIME,
      enabled: true,
    });
  }
  const awsManagedKey = (accountId: string, region: string): string => {
    let key = state.kmsKeys.find((k) => k.keyManager === 'AWS' && k.accountId === accountId && k.region === region);
    if (!key) {
      key = newAwsManagedEbsKey(accountId, region, SEED_TIME);
      state.kmsKeys.push(key);
    }
    return key.arn;
  };

  for (const image of seed.images ?? []) {
    const creationDate = image.creationDate ?? SEED_TIME;
    for (const mapping of image.blockDeviceMappings) {
      const ebs = mapping.ebs;
      if (!ebs) {
        continue;
      }
      const encrypted = ebs.encrypted === true || ebs.kmsKey !== undefined;
      let kmsKeyId: string | undefined;
      if (encrypted) {
        if (ebs.kmsKey === undefined || isAwsManagedEbsKeyRef(ebs.kmsKey)) {
          kmsKeyId = awsManagedKey(image.account, image.region);
        } else {
          const seedKey = findSeedKey(seed, image.account, image.region, ebs.kmsKey);
          kmsKeyId = seedKey ? keyArn(image.region, image.account, keyIds.get(seedKey) ?? '') : undefined;
        }
      }
      state.snapshots.push({
        snapshotId: ebs.snapshotId,
        ownerId: image.account,
        region: image.region,
        volumeId: newVolumeId(),
        volumeSize: ebs.volumeSize,
        description: `Created by CreateImage for ${image.id}`,
        state: 'completed',
        startTime: creationDate,
        encrypted,
        kmsKeyId,
        createVolumePermissions: (ebs.createVolumePermissions ?? []).map((p) => ({ ...p })),
        tags: { ...(ebs.tags ?? {}) },
      });
    }
    state.images.push({
      imageId: image.id,
      ownerId: image.account,
      region: image.region,
      name: image.name,
      description: image.description,
      state: image.state ?? 'available',
      creationDate,
      architecture: image.architecture ?? 'x86_64',
      rootDeviceName: image.rootDeviceName ?? image.blockDeviceMappings[0].deviceName,
      virtualizationType: image.virtualizationType ?? 'hvm',
      enaSupport: image.enaSupport ?? true,
      bootMode: image.bootMode,
      imdsSupport: image.imdsSupport,
      deprecationTime: image.deprecationTime,
      blockDeviceMappings: image.blockDeviceMappings.map((m) => ({
        deviceName: m.deviceName,
        virtualName: m.virtualName,
        ebs: m.ebs
          ? {
            snapshotId: m.ebs.snapshotId,
            volumeSize: m.ebs.volumeSize,
            volumeType: m.ebs.volumeType ?? 'gp3',
            deleteOnTermination: m.ebs.deleteOnTermination ?? true,
            encrypted: m.ebs.encrypted === true || m.ebs.kmsKey !== undefined,
          }
          : undefined,
      })),
      launchPermissions: (image.launchPermissions ?? []).map((p) => ({ ...p })),
      tags: { ...(image.tags ?? {}) },
    });
  }
  return state;
}
