import { Finding } from '../drift/findings';
import { Manifest } from '../manifest/types';

/** A planned deletion of a copy that nothing in the manifest allows. */
export interface RefusedDeletion {
  /** The stack. */
  readonly stack: string;
  /** The finding that deletes or replaces the copy. */
  readonly finding: Finding;
  /** Why it is refused and what to write to allow it, or to keep the copy. */
  readonly message: string;
}

/**
 * The last guard before apply: a plan may delete or replace a target's copy
 * only when a share of that image to that target says `protect: false`.
 * Terraform's own guards (prevent_destroy, removed blocks) cover every copy
 * the manifest still names; this one also covers an image key deleted from
 * `images`, whose copies no configuration mentions any more.
 */
export function refusedDeletions(findings: readonly Finding[], manifest: Manifest): RefusedDeletion[] {
  const refused: RefusedDeletion[] = [];
  for (const finding of findings) {
    const match = finding.address.match(/^aws_ami_copy\.copy_([a-z][a-z0-9-]*)_([a-z0-9-]+)$/);
    if (!match || !finding.actions.includes('delete')) {
      continue;
    }
    const [, imageKey, region] = match;
    const targetKey = finding.stack.replace(/^share-/, '');
    const unprotected = manifest.shares.some((share) => share.image === imageKey && share.to.includes(targetKey) && !share.protect);
    if (unprotected) {
      continue;
    }
    refused.push({
      stack: finding.stack,
      finding,
      message:
        `refusing to delete the copy of image ${imageKey} in ${region} for ${targetKey}: ${finding.message}. ` +
        `To keep the copy and stop managing it, keep images.${imageKey} in the manifest (ami-share then forgets the copy instead). ` +
        `To delete it, add or keep a share of ${imageKey} to ${targetKey} with protect: false.`,
    });
  }
  return refused;
}
