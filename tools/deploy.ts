import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { refusedDeletions } from '../lib/deploy/copy-guard';
import { planAllStacks } from '../lib/drift/plan-all';
import { renderText } from '../lib/drift/report';
import { errorSummary } from '../lib/drift/stack-check';
import { loadManifestOrExit } from '../lib/manifest/load-or-exit';
import { mapWithLimit, runCommand } from '../lib/process/run-command';
import { runMain, say } from '../lib/process/run-main';

/**
 * `npm run deploy [-- --auto-approve] [--parallelism N] [--output DIR]`: the
 * guarded deploy. Synthesizes, plans every stack into a saved plan, refuses
 * the whole deploy when any plan would delete or replace a protected copy,
 * prints what will change, and with --auto-approve applies exactly the
 * saved plans. Exit 0 done (or nothing to do), 1 refused or failed.
 */
const USAGE = 'usage: npm run deploy -- [--auto-approve] [--parallelism N] [--output DIR]';

runMain('deploy', async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'auto-approve': { type: 'boolean', default: false },
        parallelism: { type: 'string', default: '4' },
        output: { type: 'string', default: 'cdktf.out' },
      },
    }));
  } catch (error) {
    process.stderr.write(`ami-share deploy: ${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
  const parallelism = Number(values.parallelism);
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 32) {
    process.stderr.write(`ami-share deploy: --parallelism takes a whole number from 1 to 32, not "${values.parallelism}"\n${USAGE}\n`);
    return 1;
  }
  const manifest = loadManifestOrExit();
  const outdir = path.resolve(values.output);
  fs.mkdirSync(outdir, { recursive: true });
  const planDir = fs.mkdtempSync(path.join(outdir, 'plans-'));
  try {
    const checks = await planAllStacks(manifest, { outdir, parallelism, planDir, progress: say });
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
    if (!values['auto-approve']) {
      say(`Not applied: run again with --auto-approve to apply the plans of ${changed.map((c) => c.stack).join(', ')}.`);
      return 0;
    }
    const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    let applied = 0;
    const results = await mapWithLimit(changed, parallelism, async (check) => {
      const result = await runCommand('terraform', ['apply', '-input=false', '-no-color', check.planFile!], path.join(outdir, 'stacks', check.stack), env);
      const line = result.code === 0 ? 'applied' : `FAILED: ${errorSummary(result.stderr || result.stdout)}`;
      say(`[${++applied}/${changed.length}] ${check.stack}: ${line} (${(result.ms / 1000).toFixed(1)} s)`);
      return result.code === 0;
    });
    return results.every(Boolean) ? 0 : 1;
  } finally {
    fs.rmSync(planDir, { recursive: true, force: true });
  }
});
