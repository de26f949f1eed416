import { AwsError } from '../../protocol/errors';
import { itemSet } from '../../protocol/xml';
import type { Ec2Context, Ec2Handler } from './context';
import { RETURN_TRUE } from './context';
import { compileFilters, paginate, parseFilters } from './filters';
import { imageNotFound, snapshotNotFound } from './ids';
import { checkTagLimit, validateTag } from './tagSpecifications';

interface Taggable {
  id: string;
  type: 'image' | 'snapshot';
  tags: Record<string, string>;
}

/** The caller's own image or snapshot with this id in the request's region. */
function ownedResource(ctx: Ec2Context, id: string): Taggable {
  const { world, caller, region } = ctx;
  if (/^ami-[0-9a-f]+$/.test(id)) {
    const image = world.image(id, region);
    if (!image || image.ownerId !== caller.accountId) {
      throw imageNotFound([id]);
    }
    return { id, type: 'image', tags: image.tags };
  }
  if (/^snap-[0-9a-f]+$/.test(id)) {
    const snapshot = world.snapshot(id, region);
    if (!snapshot || snapshot.ownerId !== caller.accountId) {
      throw snapshotNotFound([id]);
    }
    return { id, type: 'snapshot', tags: snapshot.tags };
  }
  throw new AwsError('InvalidID', `The ID '${id}' is not valid (the ami-share emulator tags images and snapshots only)`);
}

function resourceIds(ctx: Ec2Context): Taggable[] {
  const ids = ctx.params.list('ResourceId');
  if (ids.length === 0) {
    throw new AwsError('MissingParameter', 'The request must contain the parameter resourceIdSet');
  }
  return ids.map((id) => ownedResource(ctx, id));
}

/** CreateTags on the caller's images and snapshots. */
export const createTags: Ec2Handler = (ctx) => {
  const resources = resourceIds(ctx);
  const tags = ctx.params.structs('Tag').map((t) => ({ key: t.require('Key'), value: t.get('Value') ?? '' }));
  if (tags.length === 0) {
    throw new AwsError('MissingParameter', 'The request must contain the parameter tagSet');
  }
  tags.forEach((t) => validateTag(t.key, t.value));
  for (const resource of resources) {
    const next = { ...resource.tags };
    tags.forEach((t) => { next[t.key] = t.value; });
    checkTagLimit(next);
  }
  for (const resource of resources) {
    tags.forEach((t) => { resource.tags[t.key] = t.value; });
  }
  ctx.world.commit();
  return RETURN_TRUE;
};

/** DeleteTags: named keys (optionally only with a given value), or every tag when no Tag is given. */
export const deleteTags: Ec2Handler = (ctx) => {
  const resources = resourceIds(ctx);
  const tags = ctx.params.structs('Tag').map((t) => ({ key: t.require('Key'), value: t.get('Value') }));
  for (const resource of resources) {
    const keys = tags.length === 0 ? Object.keys(resource.tags).map((key) => ({ key, value: undefined })) : tags;
    for (const { key, value } of keys) {
      if (value === undefined || resource.tags[key] === value) {
        delete resource.tags[key];
      }
    }
  }
  ctx.world.commit();
  return RETURN_TRUE;
};

interface TagRow {
  resourceId: string;
  resourceType: string;
  key: string;
  value: string;
  tags: Record<string, string>;
}

/** DescribeTags over the caller's images and snapshots in the region. */
export const describeTags: Ec2Handler = (ctx) => {
  const { world, caller, region, params } = ctx;
  const rows: TagRow[] = [];
  const add = (resourceId: string, resourceType: string, tags: Record<string, string>): void => {
    for (const [key, value] of Object.entries(tags)) {
      rows.push({ resourceId, resourceType, key, value, tags });
    }
  };
  world.state.images.filter((i) => i.ownerId === caller.accountId && i.region === region).forEach((i) => add(i.imageId, 'image', i.tags));
  world.state.snapshots.filter((s) => s.ownerId === caller.accountId && s.region === region).forEach((s) => add(s.snapshotId, 'snapshot', s.tags));
  const matches = compileFilters(parseFilters(params), {
    'key': (r: TagRow) => r.key,
    'value': (r: TagRow) => r.value,
    'resource-id': (r: TagRow) => r.resourceId,
    'resource-type': (r: TagRow) => r.resourceType,
  });
  const { page, nextToken } = paginate(rows.filter(matches), params);
  return {
    tagSet: itemSet(page.map((r) => ({ resourceId: r.resourceId, resourceType: r.resourceType, key: r.key, value: r.value }))),
    nextToken,
  };
};
