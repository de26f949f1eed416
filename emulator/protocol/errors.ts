/**
 * The one error type every service handler throws. Each protocol renders it in
 * its own wire format (EC2 XML, STS ErrorResponse XML, KMS JSON).
 */
export class AwsError extends Error {
  /**
   * @param code - the AWS error code, e.g. `InvalidAMIID.NotFound` or `NotFoundException`.
   * @param message - the human readable message, phrased as AWS phrases it where known.
   * @param httpStatus - the HTTP status to answer with (400 unless AWS uses another).
   */
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number = 400,
  ) {
    super(message);
    this.name = 'AwsError';
  }
}

/** True when `e` is an {@link AwsError}. */
export function isAwsError(e: unknown): e is AwsError {
  return e instanceof AwsError;
}
