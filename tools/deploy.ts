import * as fs from 'fs';
import * as path from 'path';
import { refusedDeletions } from '../lib/deploy/copy-guard';
import { progressLine, renderText } from '../lib/drift/report';
import { checkStack, errorSummary, StackCheck } from '../lib/drift/stack-check';
import { loadManifestOrExit } from '../lib/manifest/load-or-exit';
import { mapWithLimit, runCommand } from '../lib/process/run-command';
import { buildShareApp } from '../lib/share-app';

/**
 * `npm run deploy [-- --auto-approve] [--parallelism N] [--output DIR]`: the
 * guarded deploy. Synthesizes, plans every stack into a saved plan, refuses
 * the whole deploy when any plan would delete or replace a protected copy,
 * prints what will change, and with --auto-approve applies exactly the
 * saved plans. Exit 0 done (or nothing to do), 1 refused or failed.
 */
interface DeployOptions {
  readonly autoApprove: boolean;
  readonly parallelism: number;
  readonly output: string;
}

const USAGE = 'usage: npm run deploy -- [--auto-approve] [--parallelism N] [--output DIR]';

function parseArgs(argv: string[]): DeployOptions {
  let autoApprove = false;
  let parallelism = 4;
  let output = 'cdktf.out';
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--auto-approve') {
      autoApprove = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) {
      throw new Error(`${flag} needs a value\n${USAGE}`);
    }
    if (flag === '--output') {
      output = value;
    } else if (flag === '--parallelism' && /^[1-9][0-9]?$/.test(value)) {
      parallelism = Number(value);
    } else {
      throw new Error(`unknown option or value "${flag} ${value}"\n${USAGE}`);
    }
  }
  return { autoApprove, parallelism, output };
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const manifest = loadManifestOrExit();
  const outdir = path.resolve(options.output);
  fs.mkdirSync(outdir, { recursive: true });
  const app = buildShareApp(manifest, { outdir });
  const stacks = [...app.stackNames].sort();
  app.synth();
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  const planDir = fs.mkdtempSync(path.join(outdir, 'plans-'));
  try {
    say(`Planning ${stacks.length} stacks of ${manifest.file}`);
    let done = 0;
    const checks: StackCheck[] = await mapWithLimit(stacks, options.parallelism, async (stack) => {
      const check = await checkStack({
        stackDir: path.join(outdir, 'stacks', stack),
        stack,
        manifest,
        env,
        planFile: path.join(planDir, `${stack}.tfplan`),
      });
      say(progressLine(check, ++done, stacks.length));
      return check;
    });
    say('');
    say(renderText(checks));
    if (checks.some((c) => c.status === 'error')) {
      say('Nothing was applied: a plan failed.');
      return 1;
    }
    const refused = refusedDeletions(checks.flatMap((c) => c.findings), manifest);
    if (refused.length > 0) {
      refused.forEach((r) => say(`${r.stack}: ${r.message}`));
      say(`Nothing was applied: ${refused.length} protected cop${refused.length === 1 ? 'y' : 'ies'} would be deleted.`);
      return 1;
    }
    const changed = checks.filter((c) => c.status === 'changes' && c.planFile);
    if (changed.length === 0) {
      say('Nothing to deploy.');
      return 0;
    }
    if (!options.autoApprove) {
      say(`Not applied: run again with --auto-approve to apply the plans of ${changed.map((c) => c.stack).join(', ')}.`);
      return 0;
    }
    let applied = 0;
    const results = await mapWithLimit(changed, options.parallelism, async (check) => {
      const result = await runCommand('terraform', ['apply', '-input=false', '-no-color', check.planFile!], path.join(outdir, 'stacks', check.stack), env);
      const line = result.code === 0 ? 'applied' : `FAILED: ${errorSummary(result.stderr || result.stdout)}`;
      say(`[${++applied}/${changed.length}] ${check.stack}: ${line} (${(result.ms / 1000).toFixed(1)} s)`);
      return result.code === 0;
    });
    return results.every(Boolean) ? 0 : 1;
  } finally {
    fs.rmSync(planDir, { recursive: true, force: true });
  }
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`ami-share deploy: ${error.message}\n`);
    process.exit(1);
  },
);
