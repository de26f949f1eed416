/** Command-line options of bench/run.ts. */
export interface BenchOptions {
  /** Copies per size, in run order. */
  readonly sizes: readonly number[];
  /** Keep the synthesized folders under .tmp/bench/ instead of deleting them. */
  readonly keep: boolean;
  /** Skip `npx cdktf synth` of the example. */
  readonly skipCli: boolean;
  /** Skip counting the AWS calls of a deploy and a plan against the emulator. */
  readonly skipAws: boolean;
}

/** Sizes of a full run: the 1,000, 5,000 and 10,000 copies. */
export const DEFAULT_SIZES = [1000, 5000, 10000] as const;

/** Sizes of `--quick`. */
export const QUICK_SIZES = [1000, 5000] as const;

/** Usage text. */
export const USAGE = `usage: npm run bench -- [--quick] [--sizes 1k,5k,10k] [--keep] [--skip-cli]
  --quick       1,000 and 5,000 copies only
  --sizes LIST  comma-separated copy counts (1000, 5k, 10k, ...)
  --keep        keep the synthesized folders under .tmp/bench/
  --skip-cli    skip npx cdktf synth of the example shares.yaml
  --skip-aws    skip counting the AWS calls of a deploy and a plan (needs terraform)`;

/** Parses `argv` (without node and script). Throws with {@link USAGE} on a bad argument. */
export function parseArgs(argv: readonly string[]): BenchOptions {
  let sizes: readonly number[] = DEFAULT_SIZES;
  let keep = false;
  let skipCli = false;
  let skipAws = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') {
      sizes = QUICK_SIZES;
    } else if (arg === '--keep') {
      keep = true;
    } else if (arg === '--skip-cli') {
      skipCli = true;
    } else if (arg === '--skip-aws') {
      skipAws = true;
    } else if (arg === '--sizes' || arg.startsWith('--sizes=')) {
      const list = arg === '--sizes' ? argv[++i] : arg.slice('--sizes='.length);
      sizes = parseSizes(list ?? '');
    } else {
      throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  return { sizes, keep, skipCli, skipAws };
}

/** `1k,5000` -> [1000, 5000]. */
export function parseSizes(list: string): number[] {
  const sizes = list.split(',').map((item) => {
    const match = /^(\d+)(k?)$/i.exec(item.trim());
    if (match === null) {
      throw new Error(`bad size "${item}" in --sizes; expected numbers such as 1000 or 10k\n${USAGE}`);
    }
    return Number(match[1]) * (match[2] === '' ? 1 : 1000);
  });
  if (sizes.some((n) => n < 2)) {
    throw new Error(`sizes must be at least 2 copies\n${USAGE}`);
  }
  return sizes;
}
