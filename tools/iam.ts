/**
 * `npm run iam`: prints, as JSON, the IAM policies and trust-policy skeletons
 * the manifest's stacks need (see lib/iam/). Exit 1 on a bad manifest or bad
 * arguments, with the reason on stderr.
 */
import { IAM_USAGE, parseIamArgs, UsageError } from '../lib/iam/iam-args';
import { iamReport } from '../lib/iam/iam-report';
import { loadManifest, manifestPath } from '../lib/manifest/load';
import { ManifestError } from '../lib/manifest/problems';

function main(argv: readonly string[]): number {
  try {
    const args = parseIamArgs(argv);
    if (args.help) {
      process.stdout.write(`${IAM_USAGE}\n`);
      return 0;
    }
    const manifest = loadManifest(manifestPath());
    process.stdout.write(`${JSON.stringify(iamReport(manifest, args), null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ManifestError) {
      process.stderr.write(`ami-share: ${error.message}\n`);
      return 1;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`ami-share iam: ${error.message}\n${IAM_USAGE}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
