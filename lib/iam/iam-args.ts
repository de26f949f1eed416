import { IamReportOptions } from './iam-report';

/** Usage of `npm run iam`. */
export const IAM_USAGE = [
  'usage: npm run iam -- [--ci-role-arn ARN] [--github-repo OWNER/REPO]',
  '',
  'Prints, as JSON, the IAM policies the source role and each target role of the',
  'manifest (AMI_SHARE_MANIFEST, else shares.yaml) need, and trust-policy skeletons',
  'for them and for the CI role GitHub Actions assumes through OIDC.',
  '  --ci-role-arn ARN         the CI role (default: a placeholder to replace)',
  '  --github-repo OWNER/REPO  the repository whose workflows may assume it (default: a placeholder)',
].join('\n');

/** Thrown for bad command-line arguments; the message says what is wrong and what is expected. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const GITHUB_REPO = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

/** Parsed arguments: report options, or a request for help. */
export type IamArgs = { readonly help: true } | ({ readonly help: false } & IamReportOptions);

/** Parses `npm run iam` arguments. Throws UsageError naming the bad argument. */
export function parseIamArgs(argv: readonly string[]): IamArgs {
  let ciRoleArn: string | undefined;
  let githubRepo: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new UsageError(`${flag} needs a value`);
      }
      i++;
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return { help: true };
      case '--ci-role-arn':
        ciRoleArn = value();
        if (!ROLE_ARN.test(ciRoleArn)) {
          throw new UsageError(`--ci-role-arn ${ciRoleArn}: expected an IAM role ARN such as arn:aws:iam::123456789012:role/ami-share-ci`);
        }
        break;
      case '--github-repo':
        githubRepo = value();
        if (!GITHUB_REPO.test(githubRepo)) {
          throw new UsageError(`--github-repo ${githubRepo}: expected OWNER/REPO, such as my-org/ami-share`);
        }
        break;
      default:
        throw new UsageError(`unknown argument "${flag}"; expected --ci-role-arn ARN, --github-repo OWNER/REPO or --help`);
    }
  }
  return { help: false, ciRoleArn, githubRepo };
}
