/** Errors of secret delivery that carry more than one sink. Both are SecretDeliveryErrors. */
import { SecretDeliveryError } from '../errors.js';

/** A delivery that stopped part-way: `delivered` already hold the (possibly soon dead) secret. */
export class IncompleteDeliveryError extends SecretDeliveryError {
  constructor(
    sink: string,
    message: string,
    readonly delivered: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(sink, delivered.length > 0 ? `${message} (already delivered to: ${delivered.join(', ')})` : message, options);
  }
}

/** Every sink that cannot take a secret, found before the first write, listed together. */
export class DeliveryPreflightError extends SecretDeliveryError {
  constructor(readonly problems: readonly SecretDeliveryError[]) {
    super(
      'secret delivery',
      `${problems.length} problem${problems.length === 1 ? '' : 's'} with the secret targets, found before any change was made:\n` +
        problems.map((p) => `- ${p.message}`).join('\n'),
    );
  }
}
