/**
 * Runs `work` with stack traces that cost next to nothing.
 *
 * cdktf captures a complete stack trace for every token it creates (each
 * reference, iterator and provider link), only to show it if that token later
 * fails to resolve. At fleet scale capturing and formatting them is a third of
 * synth's time and much of its memory (see bench/). Within `work`, V8 formats
 * every trace to its first line, and `Error.captureStackTrace` records only
 * that line instead of walking the stack; errors keep their name and message.
 * Both are restored afterwards, whatever `work` does.
 */
export function withoutStackTraces<T>(work: () => T): T {
  const previousFormatter = Error.prepareStackTrace;
  const previousCapture = Object.getOwnPropertyDescriptor(Error, 'captureStackTrace');
  Error.prepareStackTrace = (error: unknown) => String(error);
  Error.captureStackTrace = (target: object) => {
    Object.defineProperty(target, 'stack', { value: target instanceof Error ? String(target) : '', writable: true, configurable: true });
  };
  try {
    return work();
  } finally {
    Error.prepareStackTrace = previousFormatter;
    if (previousCapture) {
      Object.defineProperty(Error, 'captureStackTrace', previousCapture);
    }
  }
}
