import type { Directory } from './directory';
import type { GrantRecord, ImageRecord, KmsKeyRecord, LaunchPermission, SnapshotRecord, WorldState } from './state';
import { saveState } from './persistence';
import { newAwsManagedEbsKey } from './seedState';
import { aliasArn, parseKmsArn, principalAccount } from './kmsArn';

/** Options of a {@link World}. */
export interface WorldOptions {
  /** Where to persist every mutation, if anywhere. */
  stateFile?: string;
  /** How long a copied image stays `pending` (ms). */
  copyDelayMs: number;
}

/** KMS operations that give an account the use of a key shared with it through a grant. */
export const KEY_USE_OPERATIONS: readonly string[] = ['Decrypt', 'ReEncryptFrom', 'CreateGrant'];

/**
 * The emulated world: the static {@link Directory} plus the mutable
 * {@link WorldState}, with the visibility and permission rules AWS applies.
 * Request handlers mutate `state` and then call {@link World.commit}.
 */
export class World {
  constructor(
    readonly directory: Directory,
    readonly state: WorldState,
    readonly options: WorldOptions,
  ) {}

  /** Current time in epoch ms. */
  now(): number {
    return Date.now();
  }

  /** Writes the state file when persistence is on. */
  commit(): void {
    if (this.options.stateFile !== undefined) {
      saveState(this.options.stateFile, this.state);
    }
  }

  /**
   * Applies time-driven transitions: pending copies whose delay elapsed become
   * available (and their snapshots completed); expired sessions are dropped.
   * Persists when anything changed.
   */
  advanceClock(): void {
    const now = this.now();
    let changed = false;
    for (const image of this.state.images) {
      if (image.state === 'pending' && image.availableAt !== undefined && image.availableAt <= now) {
        image.state = 'available';
        delete image.availableAt;
        changed = true;
      }
    }
    for (const snapshot of this.state.snapshots) {
      if (snapshot.state === 'pending' && snapshot.availableAt !== undefined && snapshot.availableAt <= now) {
        snapshot.state = 'completed';
        delete snapshot.availableAt;
        changed = true;
      }
    }
    const before = this.state.sessions.length;
    this.state.sessions = this.state.sessions.filter((s) => s.expiresAt > now);
    changed = changed || before !== this.state.sessions.length;
    if (changed) {
      this.commit();
    }
  }

  // ---- images and snapshots -------------------------------------------------

  /** The image with this id in this region, whoever owns it. */
  image(imageId: string, region: string): ImageRecord | undefined {
    return this.state.images.find((i) => i.imageId === imageId && i.region === region);
  }

  /** The snapshot with this id in this region, whoever owns it. */
  snapshot(snapshotId: string, region: string): SnapshotRecord | undefined {
    return this.state.snapshots.find((s) => s.snapshotId === snapshotId && s.region === region);
  }

  /** True when this launch permission lets `accountId` launch the image. */
  launchPermissionCovers(permission: LaunchPermission, accountId: string): boolean {
    if (permission.group === 'all') {
      return true;
    }
    if (permission.userId !== undefined) {
      return permission.userId === accountId;
    }
    if (permission.organizationArn !== undefined) {
      return this.directory.isInOrganization(accountId, permission.organizationArn);
    }
    if (permission.organizationalUnitArn !== undefined) {
      return this.directory.isInOrganizationalUnit(accountId, permission.organizationalUnitArn);
    }
    return false;
  }

  /** True when the image is public (launch permission group `all`). */
  isPublic(image: ImageRecord): boolean {
    return image.launchPermissions.some((p) => p.group === 'all');
  }

  /** True when the account has an explicit (account, organization or OU) launch permission. */
  hasExplicitLaunchPermission(image: ImageRecord, accountId: string): boolean {
    return image.launchPermissions.some((p) => p.group === undefined && this.launchPermissionCovers(p, accountId));
  }

  /** True when the account may see (describe, launch, copy) the image. */
  canSeeImage(image: ImageRecord, accountId: string): boolean {
    return image.ownerId === accountId || image.launchPermissions.some((p) => this.launchPermissionCovers(p, accountId));
  }

  /** True when the account may create volumes from (and so copy) the snapshot. */
  canUseSnapshot(snapshot: SnapshotRecord, accountId: string): boolean {
    return snapshot.ownerId === accountId
      || snapshot.createVolumePermissions.some((p) => p.group === 'all' || p.userId === accountId);
  }

  /** Images using the snapshot (in its region). */
  imagesUsingSnapshot(snapshot: SnapshotRecord): ImageRecord[] {
    return this.state.images.filter((i) => i.region === snapshot.region
      && i.blockDeviceMappings.some((m) => m.ebs?.snapshotId === snapshot.snapshotId));
  }

  // ---- KMS --------------------------------------------------------------------

  /** The AWS managed `alias/aws/ebs` key of the account and region, created on first use. */
  awsManagedEbsKey(accountId: string, region: string): KmsKeyRecord {
    let key = this.state.kmsKeys.find((k) => k.keyManager === 'AWS' && k.accountId === accountId && k.region === region
      && k.aliases.includes('alias/aws/ebs'));
    if (!key) {
      key = newAwsManagedEbsKey(accountId, region, new Date(this.now()).toISOString());
      this.state.kmsKeys.push(key);
      this.commit();
    }
    return key;
  }

  /** The key with this ARN. */
  keyByArn(arn: string): KmsKeyRecord | undefined {
    return this.state.kmsKeys.find((k) => k.arn === arn);
  }

  /**
   * Resolves a key reference as KMS does: key id or alias name in the caller's
   * account and the request's region; key ARN or alias ARN in any account.
   * `alias/aws/ebs` is created on demand for the caller's own account.
   */
  resolveKey(ref: string, callerAccount: string, region: string): KmsKeyRecord | undefined {
    const arn = parseKmsArn(ref);
    const accountId = arn?.accountId ?? callerAccount;
    const keyRegion = arn?.region ?? region;
    const resource = arn?.resource ?? (ref.startsWith('alias/') ? ref : `key/${ref}`);
    if (resource.startsWith('alias/')) {
      if (resource === 'alias/aws/ebs' && this.directory.account(accountId) !== undefined) {
        return this.awsManagedEbsKey(accountId, keyRegion);
      }
      return this.state.kmsKeys.find((k) => k.accountId === accountId && k.region === keyRegion && k.aliases.includes(resource));
    }
    const keyId = resource.slice('key/'.length);
    return this.state.kmsKeys.find((k) => k.accountId === accountId && k.region === keyRegion && k.keyId === keyId);
  }

  /** The alias ARN of a key's alias. */
  aliasArnOf(key: KmsKeyRecord, alias: string): string {
    return aliasArn(key.region, key.accountId, alias);
  }

  /** Grants of a key. */
  grantsOf(key: KmsKeyRecord): GrantRecord[] {
    return this.state.grants.filter((g) => g.keyArn === key.arn);
  }

  /** True when the key policy lets the account administer grants on / use the key (owner or allowed account). */
  keyPolicyAllows(key: KmsKeyRecord, accountId: string): boolean {
    if (key.accountId === accountId) {
      return true;
    }
    return key.keyManager === 'CUSTOMER' && key.allowedAccounts.includes(accountId);
  }

  /**
   * True when the account may use the key to read data it protects: its owner;
   * for a customer managed key also an account the key policy allows or one
   * holding a grant with Decrypt (or ReEncryptFrom/CreateGrant). An AWS managed
   * key is never usable by another account.
   */
  canUseKey(key: KmsKeyRecord, accountId: string): boolean {
    if (!key.enabled) {
      return false;
    }
    if (this.keyPolicyAllows(key, accountId)) {
      return true;
    }
    if (key.keyManager === 'AWS') {
      return false;
    }
    return this.grantsOf(key).some((g) => principalAccount(g.granteePrincipal) === accountId
      && g.operations.some((op) => KEY_USE_OPERATIONS.includes(op)));
  }
}
