import { Access, Manifest } from '../manifest/types';
import { forgottenCopies, targetStackName } from '../share-plan';
import { compare, Recipient, recipientId, recipientMarkdown } from './deliveries';

/** What changed between a base and a head manifest, as Markdown snippets. */
export interface ManifestChanges {
  /** Changes that replace or drop copies, or leave things unmanaged: one line each. */
  readonly warnings: readonly string[];
  /** Source account and region, and the state backend. */
  readonly source: readonly string[];
  readonly images: readonly string[];
  readonly targets: readonly string[];
  readonly shares: readonly string[];
}

/** True when nothing changed. */
export function isUnchanged(changes: ManifestChanges): boolean {
  return [changes.warnings, changes.source, changes.images, changes.targets, changes.shares].every((list) => list.length === 0);
}

/** One image granted to one recipient by one share (regions aside). */
interface Grant {
  readonly imageKey: string;
  readonly recipient: Recipient;
  readonly copy: boolean;
  readonly access: Access;
  readonly protect: boolean;
  readonly tags: Readonly<Record<string, string>>;
}

/** One copy: an image in a target account and region. */
interface Copy {
  readonly imageKey: string;
  readonly targetKey: string;
  readonly region: string;
  readonly amiId: string;
  readonly kmsKeyArn?: string;
  readonly sourceRegion: string;
  readonly protect: boolean;
}

/**
 * Compares two manifests: images, targets, regions, shares and source, and
 * warns about every change that would replace or drop a copy, saying what
 * Terraform will do with it (replace, refuse because it is protected,
 * destroy, or forget), or that would leave a target's stack unmanaged.
 */
export function manifestChanges(base: Manifest, head: Manifest): ManifestChanges {
  return {
    warnings: [
      ...sourceWarnings(base, head),
      ...stateWarnings(base, head),
      ...publicWarnings(base, head),
      ...targetWarnings(base, head),
      ...replacedCopyWarnings(base, head),
      ...droppedCopyWarnings(base, head),
    ],
    source: [...sourceChanges(base, head), ...stateChanges(base, head)],
    images: imageChanges(base, head),
    targets: targetChanges(base, head),
    shares: shareChanges(base, head),
  };
}

function code(text: string): string {
  return `\`${text}\``;
}

function list(items: readonly string[]): string {
  return items.join(', ');
}

function encryption(kmsKeyArn: string | undefined): string {
  return kmsKeyArn === undefined ? "source's" : code(kmsKeyArn);
}

function sourceChanges(base: Manifest, head: Manifest): string[] {
  const changes: string[] = [];
  if (base.source.accountId !== head.source.accountId) {
    changes.push(`account ${code(base.source.accountId)} → ${code(head.source.accountId)}`);
  }
  if (base.source.region !== head.source.region) {
    changes.push(`region ${code(base.source.region)} → ${code(head.source.region)}`);
  }
  return changes;
}

function stateChanges(base: Manifest, head: Manifest): string[] {
  if (JSON.stringify(base.state) === JSON.stringify(head.state)) {
    return [];
  }
  const before = describeState(base);
  const after = describeState(head);
  return [before === after ? `state settings of ${after} changed` : `state backend ${before} → ${after}`];
}

/** `local`, `s3 bucket/prefix`, `cloud organization/prefix`: how a state backend reads in a change line. */
function describeState(manifest: Manifest): string {
  const state = manifest.state;
  switch (state.backend) {
    case 's3':
      return `s3 ${code(`${state.bucket}/${state.keyPrefix}`)}`;
    case 'cloud':
      return `cloud ${code(`${state.organization}/${state.workspacePrefix}`)}`;
    default:
      return 'local';
  }
}

function stateWarnings(base: Manifest, head: Manifest): string[] {
  if (JSON.stringify(base.state) === JSON.stringify(head.state)) {
    return [];
  }
  return describeState(base) === describeState(head)
    ? []
    : [
        `⚠️ **The state backend changes** (${describeState(base)} → ${describeState(head)}): move each stack's state first (\`terraform init -migrate-state\` in each stack folder); a deploy that starts from an empty state tries to create every share and copy again.`,
      ];
}

function sourceWarnings(base: Manifest, head: Manifest): string[] {
  return sourceChanges(base, head).length === 0
    ? []
    : [
        `⚠️ **The source changes** (${list(sourceChanges(base, head))}): every lookup, launch permission, snapshot permission and key grant is made again in the new source, and the old ones are removed from it.`,
      ];
}

/** Images that become launchable by every AWS account. */
function publicWarnings(base: Manifest, head: Manifest): string[] {
  const wasPublic = new Set(grants(base).filter((g) => g.recipient.kind === 'public' && g.access === 'granted').map((g) => g.imageKey));
  return grants(head)
    .filter((g) => g.recipient.kind === 'public' && g.access === 'granted' && !wasPublic.has(g.imageKey))
    .map((g) => `⚠️ **Makes ${code(g.imageKey)} public**: every AWS account can launch ${code(head.images.get(g.imageKey)?.amiId ?? '?')}.`);
}

function imageChanges(base: Manifest, head: Manifest): string[] {
  const changes: string[] = [];
  for (const [key, image] of sorted(head.images)) {
    const before = base.images.get(key);
    if (before === undefined) {
      changes.push(`added ${code(key)} (${code(image.amiId)})`);
    } else if (before.amiId !== image.amiId) {
      changes.push(`${code(key)}: AMI id ${code(before.amiId)} → ${code(image.amiId)}`);
    }
  }
  for (const [key, image] of sorted(base.images)) {
    if (!head.images.has(key)) {
      changes.push(`removed ${code(key)} (${code(image.amiId)})`);
    }
  }
  return changes;
}

function targetChanges(base: Manifest, head: Manifest): string[] {
  const changes: string[] = [];
  for (const [key, target] of sorted(head.targets)) {
    const before = base.targets.get(key);
    if (before === undefined) {
      changes.push(`added ${code(key)} (${code(target.accountId)}), regions ${list(target.regions.map((r) => r.region))}`);
      continue;
    }
    const details: string[] = [];
    if (before.accountId !== target.accountId) {
      details.push(`account ${code(before.accountId)} → ${code(target.accountId)}`);
    }
    const beforeRegions = new Map(before.regions.map((r) => [r.region, r.kmsKeyArn]));
    const headRegions = new Map(target.regions.map((r) => [r.region, r.kmsKeyArn]));
    for (const [region, key] of headRegions) {
      if (!beforeRegions.has(region)) {
        details.push(`region ${region} added`);
      } else if (beforeRegions.get(region) !== key) {
        details.push(`${region} encryption ${encryption(beforeRegions.get(region))} → ${encryption(key)}`);
      }
    }
    for (const region of beforeRegions.keys()) {
      if (!headRegions.has(region)) {
        details.push(`region ${region} removed`);
      }
    }
    if (details.length > 0) {
      changes.push(`${code(key)}: ${details.join('; ')}`);
    }
  }
  for (const [key, target] of sorted(base.targets)) {
    if (!head.targets.has(key)) {
      changes.push(`removed ${code(key)} (${code(target.accountId)})`);
    }
  }
  return changes;
}

function targetWarnings(base: Manifest, head: Manifest): string[] {
  const warnings: string[] = [];
  const baseCopies = [...copies(base).values()];
  const baseGrants = grants(base);
  for (const [key, target] of sorted(base.targets)) {
    const after = head.targets.get(key);
    const copyCount = baseCopies.filter((c) => c.targetKey === key).length;
    const granted = baseGrants.some((g) => g.recipient.kind === 'target' && g.recipient.key === key);
    if (after === undefined) {
      if (granted) {
        warnings.push(
          `⚠️ **Target ${code(key)} leaves the manifest**: its stack ${code(targetStackName(key))} is no longer synthesized, so no deploy touches it again. Its launch and snapshot permissions stay granted and its ${copyCount} cop${copyCount === 1 ? 'y stays' : 'ies stay'} in account ${code(target.accountId)}, unmanaged. To stop sharing, set \`access: revoked\` and deploy first.`,
        );
      }
    } else if (after.accountId !== target.accountId && granted) {
      warnings.push(
        `⚠️ **Target ${code(key)} moves from account ${code(target.accountId)} to ${code(after.accountId)}**: its permissions move to the new account and its copies are made again there; the ${copyCount} cop${copyCount === 1 ? 'y' : 'ies'} in ${code(target.accountId)} stay, unmanaged.`,
      );
    }
  }
  return warnings;
}

function shareChanges(base: Manifest, head: Manifest): string[] {
  const changes: string[] = [];
  const baseGrants = new Map(grants(base).map((g) => [grantId(g), g]));
  const headGrants = new Map(grants(head).map((g) => [grantId(g), g]));
  for (const [id, grant] of headGrants) {
    const before = baseGrants.get(id);
    if (before === undefined) {
      changes.push(`added ${describeGrant(grant)}`);
      continue;
    }
    const details: string[] = [];
    if (before.access !== grant.access) {
      details.push(`access ${before.access} → **${grant.access}**`);
    }
    if (grant.recipient.kind === 'target') {
      if (before.copy !== grant.copy) {
        details.push(`copy ${yesNo(before.copy)} → **${yesNo(grant.copy)}**`);
      }
      if (before.protect !== grant.protect) {
        details.push(`protect ${yesNo(before.protect)} → **${yesNo(grant.protect)}**`);
      }
      const tags = tagChanges(before.tags, grant.tags);
      if (tags !== undefined) {
        details.push(`tags ${tags}`);
      }
    }
    if (details.length > 0) {
      changes.push(`${code(grant.imageKey)} → ${recipientMarkdown(grant.recipient)}: ${details.join('; ')}`);
    }
  }
  for (const [id, grant] of baseGrants) {
    if (!headGrants.has(id)) {
      changes.push(`removed ${describeGrant(grant)}`);
    }
  }
  return changes;
}

function describeGrant(grant: Grant): string {
  const what =
    grant.recipient.kind === 'target' ? `${grant.copy ? 'copy' : 'no copy'}, ${grant.access}` : `launch only, ${grant.access}`;
  return `${code(grant.imageKey)} → ${recipientMarkdown(grant.recipient)} (${what})`;
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

function tagChanges(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): string | undefined {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compare);
  const parts = keys.flatMap((key) => {
    if (!(key in before)) {
      return [`+${code(key)}`];
    }
    if (!(key in after)) {
      return [`-${code(key)}`];
    }
    return before[key] !== after[key] ? [`~${code(key)}`] : [];
  });
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** Copies whose arguments that force a new copy change: new AMI id, key, or source region. */
function replacedCopyWarnings(base: Manifest, head: Manifest): string[] {
  const baseCopies = copies(base);
  const groups = new Map<string, { imageKey: string; reason: string; protect: boolean; where: Map<string, string[]> }>();
  for (const [id, copy] of copies(head)) {
    const before = baseCopies.get(id);
    if (before === undefined || base.targets.get(copy.targetKey)?.accountId !== head.targets.get(copy.targetKey)?.accountId) {
      continue;
    }
    const reasons: string[] = [];
    if (before.amiId !== copy.amiId) {
      reasons.push(`new AMI id ${code(before.amiId)} → ${code(copy.amiId)}`);
    }
    if (before.kmsKeyArn !== copy.kmsKeyArn) {
      reasons.push(`encryption ${encryption(before.kmsKeyArn)} → ${encryption(copy.kmsKeyArn)}`);
    }
    if (before.sourceRegion !== copy.sourceRegion) {
      reasons.push(`source region ${code(before.sourceRegion)} → ${code(copy.sourceRegion)}`);
    }
    if (reasons.length === 0) {
      continue;
    }
    const reason = reasons.join(', ');
    const groupKey = `${copy.imageKey}\n${reason}\n${copy.protect}`;
    const group = groups.get(groupKey) ?? { imageKey: copy.imageKey, reason, protect: copy.protect, where: new Map<string, string[]>() };
    group.where.set(copy.targetKey, [...(group.where.get(copy.targetKey) ?? []), copy.region]);
    groups.set(groupKey, group);
  }
  return [...groups.values()].map(({ imageKey, reason, protect, where }) => {
    const fate = protect
      ? 'They are protected, so the plan **fails** (prevent_destroy): set `protect: false` on the share to let Terraform replace them (the old copies are then deregistered and their snapshots deleted), or add the new AMI under a new image key to keep both.'
      : 'Terraform **replaces** them: each old copy is deregistered and its snapshots deleted, under whoever still uses it.';
    return `⚠️ **Replaces copies** of ${code(imageKey)} in ${placeList(where)}: ${reason}. ${fate}`;
  });
}

/** Copies that leave the configuration of a target that stays: destroyed, or forgotten where a removed block keeps them. */
function droppedCopyWarnings(base: Manifest, head: Manifest): string[] {
  const headCopies = copies(head);
  const headGrantIds = new Set(grants(head).map(grantId));
  const groups = new Map<string, { imageKey: string; cause: string; forgotten: boolean; where: Map<string, string[]> }>();
  for (const [id, copy] of copies(base)) {
    const target = head.targets.get(copy.targetKey);
    if (headCopies.has(id) || target === undefined || target.accountId !== base.targets.get(copy.targetKey)?.accountId) {
      continue; // kept, or reported with the target
    }
    const cause = !head.images.has(copy.imageKey)
      ? `image ${code(copy.imageKey)} leaves the manifest`
      : !target.regions.some((r) => r.region === copy.region)
        ? 'the region leaves the target'
        : !headGrantIds.has(`${copy.imageKey}\ntarget:${copy.targetKey}`)
          ? 'the share leaves the manifest'
          : 'the share now says `copy: false`';
    const forgotten = forgottenCopies(head, copy.targetKey).some((f) => f.imageKey === copy.imageKey && f.region === copy.region);
    const groupKey = `${copy.imageKey}\n${cause}\n${forgotten}`;
    const group = groups.get(groupKey) ?? { imageKey: copy.imageKey, cause, forgotten, where: new Map<string, string[]>() };
    group.where.set(copy.targetKey, [...(group.where.get(copy.targetKey) ?? []), copy.region]);
    groups.set(groupKey, group);
  }
  return [...groups.values()].map(({ imageKey, cause, forgotten, where }) => {
    const fate = forgotten
      ? 'They are **forgotten**, not deleted: each stays in its account, no longer managed by ami-share.'
      : 'They are **destroyed**: each AMI is deregistered and its snapshots deleted, under whoever still uses it.';
    return `⚠️ **Drops copies** of ${code(imageKey)} in ${placeList(where)}: ${cause}. ${fate}`;
  });
}

/** `workload-b` (ap-northeast-1), `analytics-c` (ap-northeast-1, us-west-2), targets in key order. */
function placeList(where: ReadonlyMap<string, readonly string[]>): string {
  return [...where.keys()]
    .sort(compare)
    .map((target) => `${code(target)} (${[...(where.get(target) ?? [])].sort(compare).join(', ')})`)
    .join(', ');
}

function grantId(grant: Grant): string {
  return `${grant.imageKey}\n${recipientId(grant.recipient)}`;
}

/** Every (image, recipient) a manifest grants, sorted. */
function grants(manifest: Manifest): Grant[] {
  const list: Grant[] = [];
  for (const share of manifest.shares) {
    const common = { imageKey: share.image, copy: share.copy, access: share.access, protect: share.protect, tags: share.tags };
    for (const key of share.to) {
      list.push({ ...common, recipient: { kind: 'target', key, accountId: manifest.targets.get(key)?.accountId ?? '?' } });
    }
    share.organizations.forEach((arn) => list.push({ ...common, recipient: { kind: 'organization', arn } }));
    share.organizationalUnits.forEach((arn) => list.push({ ...common, recipient: { kind: 'organizational-unit', arn } }));
    if (share.public) {
      list.push({ ...common, recipient: { kind: 'public' } });
    }
  }
  return list.sort((a, b) => compare(grantId(a), grantId(b)));
}

/** Every copy a manifest configures (granted or revoked: revoking keeps copies), by image, target and region. */
function copies(manifest: Manifest): Map<string, Copy> {
  const map = new Map<string, Copy>();
  for (const grant of grants(manifest)) {
    if (grant.recipient.kind !== 'target' || !grant.copy) {
      continue;
    }
    const target = manifest.targets.get(grant.recipient.key);
    const image = manifest.images.get(grant.imageKey);
    if (target === undefined || image === undefined) {
      continue;
    }
    for (const { region, kmsKeyArn } of target.regions) {
      map.set(`${grant.imageKey}\n${target.key}\n${region}`, {
        imageKey: grant.imageKey,
        targetKey: target.key,
        region,
        amiId: image.amiId,
        kmsKeyArn,
        sourceRegion: manifest.source.region,
        protect: grant.protect,
      });
    }
  }
  return map;
}

function sorted<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map].sort(([a], [b]) => compare(a, b));
}
