import { startEmulator } from './index';
import { loadSeed } from './seed/load';

/**
 * Command line entry point:
 * `node --require tsx/cjs emulator/cli.ts --seed FILE [--port N] [--state FILE] [--copy-delay-ms N]`.
 * Prints the endpoint and the environment to use, then serves until SIGINT/SIGTERM.
 */

interface CliOptions {
  seed: string;
  port: number;
  stateFile?: string;
  copyDelayMs: number;
}

const USAGE = 'usage: emulator/cli.ts --seed FILE [--port N] [--state FILE] [--copy-delay-ms N]';

function parseArgs(argv: string[]): CliOptions {
  let seed: string | undefined;
  let port = 0;
  let stateFile: string | undefined;
  let copyDelayMs = 0;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined) {
        throw new Error(`${flag} needs a value\n${USAGE}`);
      }
      i++;
      return value;
    };
    const number = (): number => {
      const n = Number(need());
      if (!Number.isInteger(n) || n < 0) {
        throw new Error(`${flag} needs a non-negative integer\n${USAGE}`);
      }
      return n;
    };
    switch (flag) {
      case '--seed': seed = need(); break;
      case '--port': port = number(); break;
      case '--state': stateFile = need(); break;
      case '--copy-delay-ms': copyDelayMs = number(); break;
      case '--help': case '-h': process.stdout.write(`${USAGE}\n`); process.exit(0); break;
      default: throw new Error(`unknown argument ${flag}\n${USAGE}`);
    }
  }
  if (seed === undefined) {
    throw new Error(`--seed is required\n${USAGE}`);
  }
  return { seed, port, stateFile, copyDelayMs };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const seed = loadSeed(options.seed);
  const emulator = await startEmulator({ seed, port: options.port, stateFile: options.stateFile, copyDelayMs: options.copyDelayMs });
  const lines = [
    `ami-share AWS emulator (ec2, sts, kms) listening on ${emulator.endpoint}`,
    options.stateFile === undefined ? 'state: in memory only' : `state: ${options.stateFile}`,
    `call counts: curl ${emulator.endpoint}/_emulator/calls   (reset: curl -X POST ${emulator.endpoint}/_emulator/calls/reset)`,
    '',
    '# environment for the AWS CLI, SDKs and terraform:',
    `export AWS_ENDPOINT_URL=${emulator.endpoint}`,
    'export AWS_EC2_METADATA_DISABLED=true',
  ];
  const profiles: string[] = [];
  for (const account of seed.accounts) {
    for (const user of account.users ?? []) {
      lines.push(`# account ${account.id} (${account.name}), user ${user.name}:`);
      lines.push(`#   export AWS_ACCESS_KEY_ID=${user.accessKeyId} AWS_SECRET_ACCESS_KEY=${user.secretAccessKey}`);
      profiles.push(`[profile ${account.name}-${user.name}]`, `aws_access_key_id = ${user.accessKeyId}`,
        `aws_secret_access_key = ${user.secretAccessKey}`, `endpoint_url = ${emulator.endpoint}`, '');
    }
  }
  lines.push('', '# or, as ~/.aws/config profiles:', ...profiles);
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = (): void => {
    emulator.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
