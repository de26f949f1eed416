import * as fs from 'fs';
import { parseArgs } from 'util';
import { planAllStacks } from '../lib/drift/plan-all';
import { exitCodeOf, renderMarkdown, renderText, toJson } from '../lib/drift/report';
import { loadManifestOrExit } from '../lib/manifest/load-or-exit';
import { runMain, say } from '../lib/process/run-main';

/**
 * `npm run drift [-- --json FILE] [--markdown FILE] [--parallelism N] [--output DIR]`
 *
 * Synthesizes the manifest, plans every stack (at most N at a time, one
 * progress line each), explains every difference in words, and exits 0 when
 * every stack is in sync, 2 on drift or pending changes, 1 on any error.
 * Plans never write state.
 */
const USAGE = 'usage: npm run drift -- [--json FILE] [--markdown FILE] [--parallelism N] [--output DIR]';

runMain('drift', async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        json: { type: 'string' },
        markdown: { type: 'string' },
        parallelism: { type: 'string', default: '4' },
        output: { type: 'string', default: 'cdktf.out' },
      },
    }));
  } catch (error) {
    process.stderr.write(`ami-share drift: ${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
  const parallelism = Number(values.parallelism);
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 32) {
    process.stderr.write(`ami-share drift: --parallelism takes a whole number from 1 to 32, not "${values.parallelism}"\n${USAGE}\n`);
    return 1;
  }
  const manifest = loadManifestOrExit();
  const checks = await planAllStacks(manifest, { outdir: values.output, parallelism, progress: say });
  say('');
  say(renderText(checks));
  if (values.json) {
    fs.writeFileSync(values.json, `${JSON.stringify(toJson(checks), null, 2)}\n`);
  }
  if (values.markdown) {
    fs.writeFileSync(values.markdown, renderMarkdown(checks));
  }
  return exitCodeOf(checks);
});
