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
}

/** Launch permission of one image for one organization or OU. */
export interface OrganizationGrant {
  /** The image shared. */
  readonly image: Image;
  /** Organization or OU ARN. */
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
    }))
    .sort((a, b) => compare(a.image.key, b.image.key));
}

/** Organization and OU launch permissions, in (image key, ARN) order. */
export function organizationGrants(manifest: Manifest): OrganizationGrant[] {
  return manifest.shares
    .flatMap((share) =>
      [...share.organizations, ...share.organizationalUnits].map((principalArn) => ({
        image: imageOf(manifest, share.image),
        principalArn,
        access: share.access,
      })),
    )
    .sort((a, b) => compare(a.image.key, b.image.key) || compare(a.principalArn, b.principalArn));
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
