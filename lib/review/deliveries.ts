import { Access, Manifest } from '../manifest/types';

/** Who receives an image: a target account, an organization, an OU, or everyone. */
export type Recipient =
  | { readonly kind: 'target'; readonly key: string; readonly accountId: string }
  | { readonly kind: 'organization'; readonly arn: string }
  | { readonly kind: 'organizational-unit'; readonly arn: string }
  | { readonly kind: 'public' };

/** One image going to one recipient in one region: a row of the review table. */
export interface Delivery {
  readonly imageKey: string;
  readonly amiId: string;
  readonly recipient: Recipient;
  /** Target: a region of the target (where the copy lands). Others: the source region (launch permission only). */
  readonly region: string;
  /** Whether a copy is made (targets only). */
  readonly copy: boolean;
  /** Key that encrypts the copy; undefined: the copy keeps the source's encryption. */
  readonly kmsKeyArn?: string;
  /** Whether the copy is guarded against replacement and deletion. */
  readonly protect: boolean;
  readonly access: Access;
  readonly tags: Readonly<Record<string, string>>;
}

const RECIPIENT_ORDER: Readonly<Record<Recipient['kind'], number>> = {
  target: 0,
  organization: 1,
  'organizational-unit': 2,
  public: 3,
};

/** A stable id of a recipient, e.g. `target:workload-b`, for matching base and head. */
export function recipientId(recipient: Recipient): string {
  switch (recipient.kind) {
    case 'target':
      return `target:${recipient.key}`;
    case 'organization':
    case 'organizational-unit':
      return `${recipient.kind}:${recipient.arn}`;
    case 'public':
      return 'public';
  }
}

/** How a recipient reads in Markdown: `workload-b` (`120500000013`), or the org/OU ARN, or everyone. */
export function recipientMarkdown(recipient: Recipient): string {
  switch (recipient.kind) {
    case 'target':
      return `\`${recipient.key}\` (\`${recipient.accountId}\`)`;
    case 'organization':
      return `organization \`${recipient.arn}\``;
    case 'organizational-unit':
      return `OU \`${recipient.arn}\``;
    case 'public':
      return '**everyone (public)**';
  }
}

/**
 * Every (image, recipient, region) the manifest delivers, sorted by image
 * key, then targets by key, organizations, OUs and public, then region.
 * Targets get one entry per region; organizations, OUs and public one entry
 * in the source region, where the launch permission is.
 */
export function deliveries(manifest: Manifest): Delivery[] {
  const list: Delivery[] = [];
  for (const share of manifest.shares) {
    const image = manifest.images.get(share.image);
    if (image === undefined) {
      throw new Error(`internal: share names image "${share.image}", which the validated manifest lacks`);
    }
    const common = { imageKey: image.key, amiId: image.amiId, access: share.access, tags: share.tags, protect: share.protect };
    for (const key of share.to) {
      const target = manifest.targets.get(key);
      if (target === undefined) {
        throw new Error(`internal: share names target "${key}", which the validated manifest lacks`);
      }
      for (const { region, kmsKeyArn } of target.regions) {
        list.push({ ...common, recipient: { kind: 'target', key, accountId: target.accountId }, region, copy: share.copy, kmsKeyArn });
      }
    }
    const launchOnly = { ...common, region: manifest.source.region, copy: false };
    share.organizations.forEach((arn) => list.push({ ...launchOnly, recipient: { kind: 'organization', arn } }));
    share.organizationalUnits.forEach((arn) => list.push({ ...launchOnly, recipient: { kind: 'organizational-unit', arn } }));
    if (share.public) {
      list.push({ ...launchOnly, recipient: { kind: 'public' } });
    }
  }
  return list.sort(compareDeliveries);
}

function compareDeliveries(a: Delivery, b: Delivery): number {
  return (
    compare(a.imageKey, b.imageKey) ||
    RECIPIENT_ORDER[a.recipient.kind] - RECIPIENT_ORDER[b.recipient.kind] ||
    compare(recipientId(a.recipient), recipientId(b.recipient)) ||
    compare(a.region, b.region)
  );
}

/** Plain string order (not locale order), so output is the same on every machine. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
