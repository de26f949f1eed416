/**
 * `npm run review`: prints Markdown for a pull-request comment about the
 * manifest (see lib/review/). Exit 1 on a bad head manifest or bad
 * arguments; a bad or missing base is reported in the Markdown instead.
 */
import { writeFileSync } from 'fs';
import { loadManifest, manifestPath } from '../lib/manifest/load';
import { ManifestError } from '../lib/manifest/problems';
import { baseFromFile, baseFromGitRef, BaseOutcome } from '../lib/review/base-manifest';
import { parseReviewArgs, REVIEW_USAGE, ReviewUsageError } from '../lib/review/review-args';
import { reviewMarkdown } from '../lib/review/review-markdown';

function main(argv: readonly string[]): number {
  try {
    const args = parseReviewArgs(argv);
    if (args.help) {
      process.stdout.write(`${REVIEW_USAGE}\n`);
      return 0;
    }
    const file = manifestPath();
    const head = loadManifest(file);
    let base: BaseOutcome | undefined;
    if (args.baseFile !== undefined) {
      base = baseFromFile(args.baseFile);
    } else if (args.baseRef !== undefined) {
      base = baseFromGitRef(args.baseRef, file);
    }
    const markdown = reviewMarkdown(head, base);
    if (args.output !== undefined) {
      writeFileSync(args.output, markdown);
    } else {
      process.stdout.write(markdown);
    }
    return 0;
  } catch (error) {
    if (error instanceof ManifestError) {
      process.stderr.write(`ami-share: ${error.message}\n`);
      return 1;
    }
    if (error instanceof ReviewUsageError) {
      process.stderr.write(`ami-share review: ${error.message}\n${REVIEW_USAGE}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
