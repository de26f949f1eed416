/** Usage of `npm run review`. */
export const REVIEW_USAGE = [
  'usage: npm run review -- [--base FILE | --base-ref GITREF] [--output FILE]',
  '',
  'Prints Markdown for a pull-request comment about the manifest (AMI_SHARE_MANIFEST,',
  'else shares.yaml): what goes to which account and region, a Mermaid graph, and,',
  'with a base, the changes against it, with a warning for each change that would',
  'replace or drop a copy.',
  '  --base FILE        the base manifest, from a file',
  '  --base-ref GITREF  the base manifest as it is at a git revision (git show GITREF:<manifest>)',
  '  --output FILE      write the Markdown to FILE instead of stdout',
].join('\n');

/** Thrown for bad command-line arguments; the message says what is wrong and what is expected. */
export class ReviewUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewUsageError';
  }
}

/** Parsed `npm run review` arguments. */
export type ReviewArgs =
  | { readonly help: true }
  | {
      readonly help: false;
      /** Base manifest file. */
      readonly baseFile?: string;
      /** Git revision holding the base manifest. */
      readonly baseRef?: string;
      /** Where to write the Markdown; stdout when absent. */
      readonly output?: string;
    };

/** Parses `npm run review` arguments. Throws ReviewUsageError naming the bad argument. */
export function parseReviewArgs(argv: readonly string[]): ReviewArgs {
  let baseFile: string | undefined;
  let baseRef: string | undefined;
  let output: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--') || next === '') {
        throw new ReviewUsageError(`${flag} needs a value`);
      }
      i++;
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return { help: true };
      case '--base':
        baseFile = value();
        break;
      case '--base-ref':
        baseRef = value();
        break;
      case '--output':
        output = value();
        break;
      default:
        throw new ReviewUsageError(`unknown argument "${flag}"; expected --base FILE, --base-ref GITREF, --output FILE or --help`);
    }
  }
  if (baseFile !== undefined && baseRef !== undefined) {
    throw new ReviewUsageError(`--base ${baseFile} and --base-ref ${baseRef} both name a base; expected at most one`);
  }
  return { help: false, baseFile, baseRef, output };
}
