/**
 * Messages the action writes once for both the log and Markdown (job summary, comments). In a
 * template's own text, `name` is a code span the action means (an input, a permission); the
 * values put into it are outside text (names from the spec, GitHub's or Proxmox's answers) and
 * are escaped in the Markdown form like any other, so a backtick in them never opens code.
 */
import { code, escapeText } from './model/markdown-escape.js';

export interface Message {
  /** Plain text, for the log and the failure line. */
  readonly text: string;
  /** The same as Markdown: the action's code spans kept, everything else escaped. */
  readonly markdown: string;
}

export type MessagePart = string | number | Message;

const isMessage = (part: MessagePart): part is Message => typeof part === 'object';

/** Text the action wrote itself, as Markdown: each `…` pair a code span, the rest escaped. */
export function ownMarkdown(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? code(part.slice(1, -1)) : escapeText(part)))
    .join('');
}

/** A constant the action wrote, with its code spans. */
export const ownMessage = (text: string): Message => ({ text, markdown: ownMarkdown(text) });

/** Text that may hold outside values throughout: all of it escaped. */
export const plainMessage = (text: string): Message => ({ text, markdown: escapeText(text) });

/** A part put into a message: outside text is escaped, a nested message keeps its Markdown. */
export const partMarkdown = (part: MessagePart): string => (isMessage(part) ? part.markdown : escapeText(String(part)));
export const partText = (part: MessagePart): string => (isMessage(part) ? part.text : String(part));

/** `` message`no \`secrets-token\` was given, but ${target} needs one` `` */
export function message(strings: TemplateStringsArray, ...values: readonly MessagePart[]): Message {
  let text = strings[0] ?? '';
  let markdown = ownMarkdown(strings[0] ?? '');
  values.forEach((value, i) => {
    const own = strings[i + 1] ?? '';
    text += partText(value) + own;
    markdown += partMarkdown(value) + ownMarkdown(own);
  });
  return { text, markdown };
}

/** An error's message as Markdown: what the action marked up, or the whole message escaped. */
export function errorMarkdown(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('markdown' in err)) return undefined;
  return typeof err.markdown === 'string' ? err.markdown : undefined;
}
