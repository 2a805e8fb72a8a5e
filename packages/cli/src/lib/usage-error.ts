/**
 * A mistake in how the CLI was called or configured (unknown option, bad config, missing path).
 * `main` prints its message on one line and exits with code 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A run that could not do what was asked for a reason the user can fix (file exists …): exit code 1. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
}
