/**
 * Runs a command-line tool's `main`, exits with the code it returns, and
 * turns an unexpected error into one line on stderr with exit code 1.
 */
export function runMain(tool: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`ami-share ${tool}: ${error.message}\n`);
      process.exit(1);
    },
  );
}

/** Writes one line to stdout. */
export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
