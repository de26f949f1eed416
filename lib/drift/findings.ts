import { Manifest } from '../manifest/types';
import { ORGANIZATIONS_STACK } from '../share-plan';
import { PlanJson, ResourceChange } from './plan-json';

/** What kind of difference a finding is. */
export type FindingKind =
  | 'removed-outside' // deleted outside Terraform; deploy makes it again
  | 'changed-outside' // changed outside Terraform; deploy sets it back
  | 'pending-create' // in the manifest, not deployed yet
  | 'pending-delete' // no longer in the manifest; deploy removes it
  | 'pending-update' // differs from the manifest; deploy updates it
  | 'pending-replace' // must be replaced
  | 'pending-forget' // leaves the manifest; deploy stops managing it, leaves it in AWS
  | 'pending-import'; // exists in AWS; deploy brings it under management

/** One difference between the manifest and the accounts, in words. */
export interface Finding {
  /** Stack it was found in. */
  readonly stack: string;
  /** Terraform address. */
  readonly address: string;
  /** Kind. */
  readonly kind: FindingKind;
  /** Terraform's actions for it. */
  readonly actions: readonly string[];
  /** What it means, for a platform engineer. */
  readonly message: string;
}

/**
 * Turns a stack's plan into findings: one per resource instance that a
 * deploy would touch, saying what it is in manifest terms (image key, AMI,
 * target key and account, region) and what happened to it.
 */
export function findingsOf(stack: string, plan: PlanJson, manifest: Manifest): Finding[] {
  const drifted = new Map<string, ResourceChange>();
  for (const drift of plan.resource_drift ?? []) {
    drifted.set(drift.address, drift);
  }
  const findings: Finding[] = [];
  for (const change of plan.resource_changes ?? []) {
    if (change.mode !== 'managed') {
      continue;
    }
    const actions = change.change.actions;
    const kind = kindOf(actions, drifted.get(change.address), Boolean(change.change.importing));
    if (!kind) {
      continue;
    }
    const what = describe(stack, change, manifest);
    findings.push({ stack, address: change.address, kind, actions, message: `${what} ${consequence(kind, change)}` });
  }
  return findings;
}

function kindOf(actions: readonly string[], drift: ResourceChange | undefined, importing: boolean): FindingKind | undefined {
  const key = actions.join(',');
  if (importing) {
    return 'pending-import';
  }
  switch (key) {
    case 'no-op':
    case 'read':
      return undefined;
    case 'create':
      return drift?.change.actions.includes('delete') ? 'removed-outside' : 'pending-create';
    case 'delete':
      return 'pending-delete';
    case 'update':
      return drift ? 'changed-outside' : 'pending-update';
    case 'forget':
      return 'pending-forget';
    default:
      return actions.includes('delete') && actions.includes('create') ? 'pending-replace' : 'pending-update';
  }
}

function consequence(kind: FindingKind, change: ResourceChange): string {
  const isCopy = change.type === 'aws_ami_copy';
  switch (kind) {
    case 'removed-outside':
      return isCopy ? 'was deleted outside Terraform; deploy makes a new copy' : 'was removed outside Terraform; deploy restores it';
    case 'changed-outside':
      return `was changed outside Terraform (${changedFields(change).join(', ') || 'attributes'}); deploy sets it back`;
    case 'pending-create':
      return 'is not deployed yet; deploy creates it';
    case 'pending-delete':
      return isCopy
        ? 'is no longer in the manifest; deploy DELETES it (deregisters the AMI and deletes its snapshots)'
        : 'is no longer in the manifest; deploy revokes it';
    case 'pending-update':
      return `differs from the manifest (${changedFields(change).join(', ') || 'attributes'}); deploy updates it`;
    case 'pending-replace':
      return isCopy
        ? 'must be replaced (a changed name, source AMI or key); deploy deletes the old copy and makes a new one'
        : 'must be replaced; deploy revokes and grants it again';
    case 'pending-forget':
      return 'has left the manifest; deploy stops managing it and leaves it in the account';
    case 'pending-import':
      return 'exists already; deploy imports it into state without changing it';
  }
}

function changedFields(change: ResourceChange): string[] {
  const before = change.change.before ?? {};
  const after = change.change.after ?? {};
  return Object.keys(after)
    .filter((k) => k in before && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .sort();
}

/** The resource in manifest terms, from its address and attributes. */
function describe(stack: string, change: ResourceChange, manifest: Manifest): string {
  const values = { ...(change.change.before ?? {}), ...(change.change.after ?? {}) };
  const recipient = recipientOf(stack, manifest);
  const [, imageKey = '?', rest] = change.name.match(/^[a-z]+_([a-z][a-z0-9-]*)(?:_(.+))?$/) ?? [];
  const image = `image ${imageKey} (${manifest.images.get(imageKey)?.amiId ?? String(values.image_id ?? values.source_ami_id ?? 'unknown AMI')})`;
  switch (change.type) {
    case 'aws_ami_launch_permission':
      return stack === ORGANIZATIONS_STACK
        ? `launch permission for ${image} to ${organizationRecipient(rest ?? '', values)}`
        : `launch permission for ${image} to ${recipient}`;
    case 'aws_snapshot_create_volume_permission':
      return `snapshot permission on ${String(values.snapshot_id ?? 'a snapshot')} (${image}, ${String(change.index ?? '')}) for ${recipient}`;
    case 'aws_kms_grant':
      return `KMS grant on ${String(values.key_id ?? change.index ?? 'a key')} (${image}) for ${recipient}`;
    case 'aws_ami_copy':
      return `copy${values.id ? ` ${String(values.id)}` : ''} of ${image} in ${rest ?? '?'} for ${recipient}`;
    default:
      return `${change.type} ${change.address}`;
  }
}

function recipientOf(stack: string, manifest: Manifest): string {
  const targetKey = stack.replace(/^share-/, '');
  const target = manifest.targets.get(targetKey);
  return target ? `${target.key} (${target.accountId})` : targetKey;
}

function organizationRecipient(principal: string, values: Record<string, unknown>): string {
  if (principal === 'public' || values.group === 'all') {
    return 'everyone (public)';
  }
  if (principal.startsWith('ou-')) {
    return `organizational unit ${principal}`;
  }
  return `organization ${principal}`;
}
