import { spawnSync } from 'child_process';
import * as path from 'path';
import { loadManifest, parseManifest } from '../manifest/load';
import { ManifestError } from '../manifest/problems';
import { Manifest } from '../manifest/types';

/** Where the base manifest came from, as the report names it. */
export type BaseOutcome =
  | { readonly kind: 'loaded'; readonly name: string; readonly manifest: Manifest }
  | { readonly kind: 'invalid'; readonly name: string; readonly message: string }
  | { readonly kind: 'absent'; readonly name: string }
  | { readonly kind: 'unreadable'; readonly name: string; readonly message: string };

/** Reads a base manifest from a file; a bad one is reported, not thrown. */
export function baseFromFile(file: string): BaseOutcome {
  try {
    return { kind: 'loaded', name: file, manifest: loadManifest(file) };
  } catch (error) {
    if (error instanceof ManifestError) {
      return { kind: 'invalid', name: file, message: error.message };
    }
    throw error;
  }
}

/**
 * Reads the manifest as it is at a git revision (`git show REF:./PATH`, run
 * in the current folder). A path missing at that revision is `absent` (the
 * manifest is new); an unknown revision or any other git failure is
 * `unreadable`, with git's message; a manifest that does not validate is
 * `invalid`.
 */
export function baseFromGitRef(ref: string, manifestFile: string, cwd: string = process.cwd()): BaseOutcome {
  const relative = path.relative(cwd, path.resolve(cwd, manifestFile)).split(path.sep).join('/');
  const name = `${ref}:${relative}`;
  if (ref.startsWith('-') || ref.trim() === '') {
    return { kind: 'unreadable', name, message: `"${ref}" is not a git revision; expected a branch, tag or commit such as origin/main` };
  }
  const result = spawnSync('git', ['show', `${ref}:./${relative}`], { cwd, encoding: 'utf8' });
  if (result.error !== undefined) {
    return { kind: 'unreadable', name, message: `cannot run git: ${result.error.message}` };
  }
  if (result.status !== 0) {
    const message = result.stderr.trim().split('\n')[0] ?? '';
    if (/does not exist in|exists on disk, but not in/.test(message)) {
      return { kind: 'absent', name };
    }
    return { kind: 'unreadable', name, message: message !== '' ? message : `git show exited with ${result.status}` };
  }
  try {
    return { kind: 'loaded', name, manifest: parseManifest(result.stdout, name) };
  } catch (error) {
    if (error instanceof ManifestError) {
      return { kind: 'invalid', name, message: error.message };
    }
    throw error;
  }
}
