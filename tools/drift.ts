import * as fs from 'fs';
import * as path from 'path';
import { StackCheck, checkStack } from '../lib/drift/stack-check';
import { exitCodeOf, progressLine, renderMarkdown, renderText, toJson } from '../lib/drift/report';
import { loadManifestOrExit } from '../lib/manifest/load-or-exit';
import { mapWithLimit } from '../lib/process/run-command';
import { buildShareApp } from '../lib/share-app';

/**
 * `npm run drift [-- --json FILE] [--markdown FILE] [--parallelism N] [--output DIR]`
 *
 * Synthesizes the manifest, plans every stack (at most N at a time, one
 * progress line each), explains every difference in words, and exits 0 when
 * every stack is in sync, 2 on drift or pending changes, 1 on any error.
 * Plans never write state.
 */
interface DriftOptions {
  readonly json?: string;
  readonly markdown?: string;
  readonly parallelism: number;
  readonly output: string;
}

const USAGE = 'usage: npm run drift -- [--json FILE] [--markdown FILE] [--parallelism N] [--output DIR]';

function parseArgs(argv: string[]): DriftOptions {
  const options: { json?: string; markdown?: string; parallelism: number; output: string } = { parallelism: 4, output: 'cdktf.out' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) {
      throw new Error(`${flag} needs a value\n${USAGE}`);
    }
    i++;
    switch (flag) {
      case '--json':
        options.json = value;
        break;
      case '--markdown':
        options.markdown = value;
        break;
      case '--output':
        options.output = value;
        break;
      case '--parallelism': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1 || n > 32) {
          throw new Error(`--parallelism takes a whole number from 1 to 32, not "${value}"\n${USAGE}`);
        }
        options.parallelism = n;
        break;
      }
      default:
        throw new Error(`unknown option "${flag}"\n${USAGE}`);
    }
  }
  return options;
}

async function main(): Promise<number> {
  let options: DriftOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`ami-share drift: ${(error as Error).message}\n`);
    return 1;
  }
  const manifest = loadManifestOrExit();
  const outdir = path.resolve(options.output);
  fs.mkdirSync(outdir, { recursive: true });
  const app = buildShareApp(manifest, { outdir });
  const stacks = [...app.stackNames].sort();
  app.synth();
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };

  say(`Checking ${stacks.length} stacks of ${manifest.file} (at most ${options.parallelism} at a time)`);
  let done = 0;
  const checks: StackCheck[] = await mapWithLimit(stacks, options.parallelism, async (stack) => {
    const check = await checkStack({ stackDir: path.join(outdir, 'stacks', stack), stack, manifest, env });
    say(progressLine(check, ++done, stacks.length));
    return check;
  });
  say('');
  say(renderText(checks));
  if (options.json) {
    fs.writeFileSync(options.json, `${JSON.stringify(toJson(checks), null, 2)}\n`);
  }
  if (options.markdown) {
    fs.writeFileSync(options.markdown, renderMarkdown(checks));
  }
  return exitCodeOf(checks);
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`ami-share drift: ${error.message}\n`);
    process.exit(1);
  },
);
