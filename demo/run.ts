import * as fs from 'fs';
import * as path from 'path';
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { startEmulator } from '../emulator';
import { emulatorEnv } from '../local/emulator-env';
import { CommandResult, ProjectRun } from '../local/project-run';
import { loadManifest } from '../lib/manifest/load';

/**
 * `npm run demo`: the main job on a machine with no AWS account. Starts the
 * local AWS emulator with the example's accounts, deploys the example
 * shares.yaml with the real `cdktf deploy`, prints what each target account
 * now owns, and stops the emulator. State and output go to .tmp/demo/,
 * made anew on every run, as the emulator's world is.
 */
// The AWS SDK warns that its releases of 2027 will need Node 22; package-lock pins one that runs on 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const PROJECT = path.join(__dirname, '..');
const MANIFEST = path.join(PROJECT, 'shares.yaml');
const SEED = path.join(PROJECT, 'emulator', 'seeds', 'example.yaml');
const WORK = path.join(PROJECT, '.tmp', 'demo');

async function main(): Promise<number> {
  const manifest = loadManifest(MANIFEST);
  fs.rmSync(WORK, { recursive: true, force: true });
  const emulator = await startEmulator({ seed: SEED, copyDelayMs: 300 });
  say(`Local AWS emulator at ${emulator.endpoint} (accounts of ${path.relative(PROJECT, SEED)})`);
  try {
    const run = new ProjectRun({
      projectDir: PROJECT,
      manifest: MANIFEST,
      outdir: path.join(WORK, 'cdktf.out'),
      stateDir: path.join(WORK, 'state'),
      env: emulatorEnv(emulator),
    });
    const steps: [string, () => Promise<CommandResult | CommandResult[]>][] = [
      ['cdktf synth', () => run.synth()],
      ['terraform init (each stack)', () => run.initStacks()],
      ["cdktf deploy '*'", () => run.deploy()],
    ];
    for (const [name, step] of steps) {
      const results = [await step()].flat();
      const failed = results.find((r) => r.code !== 0);
      const seconds = (Math.max(...results.map((r) => r.ms)) / 1000).toFixed(1);
      if (failed) {
        say(`${name}: FAILED (exit ${failed.code})\n${failed.stdout}\n${failed.stderr}`);
        return 1;
      }
      say(`${name}: ok (${seconds} s)`);
    }

    const rows: string[][] = [];
    for (const target of manifest.targets.values()) {
      for (const { region } of target.regions) {
        const ec2 = new EC2Client({ endpoint: emulator.endpoint, region, credentials: emulator.credentialsFor(target.accountId), maxAttempts: 1 });
        const owned = await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }));
        for (const image of owned.Images ?? []) {
          const tag = (key: string) => image.Tags?.find((t) => t.Key === key)?.Value ?? '-';
          rows.push([tag('ami-share:image'), tag('ami-share:source-ami'), `${target.key} (${target.accountId})`, region, image.ImageId ?? '-', image.State ?? '-']);
        }
      }
    }
    say('\nWhat each target account owns now:\n');
    say(table(['image', 'source AMI', 'target', 'region', 'copy', 'state'], rows));
    say(`\nState files: ${path.relative(PROJECT, path.join(WORK, 'state'))}/ (the emulator's world ends with this run)`);
    return rows.length > 0 && rows.every((row) => row[5] === 'available') ? 0 : 1;
  } finally {
    await emulator.close();
  }
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`demo failed: ${error.message}\n`);
    process.exit(1);
  },
);
