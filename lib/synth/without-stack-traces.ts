/**
 * Runs `work` with stack traces that cost next to nothing to format.
 *
 * cdktf captures and formats a complete stack trace for every token it
 * creates (each reference, iterator and provider link), only to show it if
 * that token later fails to resolve. At fleet scale that formatting is most
 * of synth's time and memory (see bench/). Within `work` every trace formats
 * to its first line only; errors keep their message. Stacks of errors that
 * escape are formatted on first access, after the formatter is restored.
 */
export function withoutStackTraces<T>(work: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error: unknown) => String(error);
  try {
    return work();
  } finally {
    Error.prepareStackTrace = previous;
  }
}
