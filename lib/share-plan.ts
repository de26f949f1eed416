import { PUBLIC } from './constructs/organization-permission';
import { Access, Image, Manifest } from './manifest/types';

/** Everything one target receives of one image. */
export interface TargetGrant {
  /** The image shared. */
  readonly image: Image;
  /** Whether the target gets a copy in each of its regions. */
  readonly copy: boolean;
  /** Whether the permissions stand. */
  readonly access: Access;
  /** Tags for the copies. */
  readonly tags: Readonly<Record<string, string>>;
  /** Whether the copies are guarded against replacement and deletion. */
  readonly protect: boolean;
  /** Whether the launch permission exists already and is imported. */
  readonly adopt: boolean;
}

/** A copy address that the configuration no longer has: forgotten (kept in the account), never destroyed. */
export interface ForgottenCopyAddress {
  /** Image key. */
  readonly imageKey: string;
  /** Region. */
  readonly region: string;
}

/** Launch permission of one image for one organization or OU. */
export interface OrganizationGrant {
  /** The image shared. */
  readonly image: Image;
  /** Organization or OU ARN, or `public`. */
  readonly principalArn: string;
  /** Whether the permission stands. */
  readonly access: Access;
}

/** Stack name of a target: `share-<targetKey>`. */
export function targetStackName(targetKey: string): string {
  return `share-${targetKey}`;
}

/** Name of the stack for organization and OU launch permissions. */
export const ORGANIZATIONS_STACK = 'share-organizations';

/** What a target receives, one entry per image, in image-key order (never file order). */
export function grantsForTarget(manifest: Manifest, targetKey: string): TargetGrant[] {
  return manifest.shares
    .filter((share) => share.to.includes(targetKey))
    .map((share) => ({
      image: imageOf(manifest, share.image),
      copy: share.copy,
      access: share.access,
      tags: share.tags,
      protect: share.protect,
      adopt: share.adopt,
    }))
    .sort((a, b) => compare(a.image.key, b.image.key));
}

/** Organization and OU launch permissions, in (image key, ARN) order. */
export function organizationGrants(manifest: Manifest): OrganizationGrant[] {
  return manifest.shares
    .flatMap((share) =>
      [...share.organizations, ...share.organizationalUnits, ...(share.public ? [PUBLIC] : [])].map((principalArn) => ({
        image: imageOf(manifest, share.image),
        principalArn,
        access: share.access,
      })),
    )
    .sort((a, b) => compare(a.image.key, b.image.key) || compare(a.principalArn, b.principalArn));
}

/**
 * Copy addresses a target's stack could have held but does not configure now,
 * for every image key and every region the manifest names: each gets a
 * `removed` block with `destroy = false`, so that a copy whose share, target
 * entry or region leaves the manifest stays in the target account. Not for
 * images whose share to this target says `protect: false`: there, leaving
 * the configuration deletes the copy, as asked.
 */
export function forgottenCopies(manifest: Manifest, targetKey: string): ForgottenCopyAddress[] {
  const target = manifest.targets.get(targetKey);
  if (!target) {
    return [];
  }
  const grants = grantsForTarget(manifest, targetKey);
  const copied = new Set(grants.filter((g) => g.copy).map((g) => g.image.key));
  const unprotected = new Set(grants.filter((g) => !g.protect).map((g) => g.image.key));
  const targetRegions = new Set(target.regions.map((r) => r.region));
  const forgotten: ForgottenCopyAddress[] = [];
  for (const imageKey of manifest.images.keys()) {
    if (unprotected.has(imageKey)) {
      continue;
    }
    for (const region of manifestRegions(manifest)) {
      if (!(copied.has(imageKey) && targetRegions.has(region))) {
        forgotten.push({ imageKey, region });
      }
    }
  }
  return forgotten;
}

/** Every region the manifest names: the source's and every target's, sorted. */
export function manifestRegions(manifest: Manifest): string[] {
  const regions = new Set([manifest.source.region]);
  for (const target of manifest.targets.values()) {
    target.regions.forEach((r) => regions.add(r.region));
  }
  return [...regions].sort(compare);
}

function imageOf(manifest: Manifest, key: string): Image {
  const image = manifest.images.get(key);
  if (!image) {
    throw new Error(`internal: share names image "${key}", which the validated manifest lacks`);
  }
  return image;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
