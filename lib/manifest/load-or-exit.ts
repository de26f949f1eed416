import { loadManifest, manifestPath } from './load';
import { ManifestError } from './problems';
import { Manifest } from './types';

/**
 * Loads the manifest named by AMI_SHARE_MANIFEST (else shares.yaml) for a
 * command-line entry point. On a bad manifest it prints every problem to
 * stderr and exits 1 before anything is synthesized, so no stack is written.
 */
export function loadManifestOrExit(env: NodeJS.ProcessEnv = process.env): Manifest {
  try {
    return loadManifest(manifestPath(env));
  } catch (error) {
    if (error instanceof ManifestError) {
      process.stderr.write(`ami-share: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
