/** Errors of secret delivery that carry more than one sink. Both are SecretDeliveryErrors. */
import { SecretDeliveryError } from '../errors.js';
import { message, type Message } from '../message.js';
import { escapeText } from '../model/markdown-escape.js';

/** A delivery that stopped part-way: `delivered` already hold the (possibly soon dead) secret. */
export class IncompleteDeliveryError extends SecretDeliveryError {
  constructor(
    sink: string,
    text: string | Message,
    readonly delivered: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(sink, delivered.length > 0 ? message`${text} (already delivered to: ${delivered.join(', ')})` : text, options);
  }
}

/** Every sink that cannot take a secret, found before the first write, listed together. */
export class DeliveryPreflightError extends SecretDeliveryError {
  constructor(readonly problems: readonly SecretDeliveryError[]) {
    const head = `${problems.length} problem${problems.length === 1 ? '' : 's'} with the secret targets, found before any change was made:`;
    super('secret delivery', {
      text: [head, ...problems.map((p) => `- ${p.message}`)].join('\n'),
      markdown: [escapeText(head), '', ...problems.map((p) => `- ${p.markdown ?? escapeText(p.message)}`)].join('\n'),
    });
  }
}
