// A model's chat template rendered with `@huggingface/jinja` into the exact prompt string, as transformers'
// apply_chat_template does (messages, add_generation_prompt, the special tokens as variables). A template that does not
// parse is reported with the line where it stops parsing. Loaded only by the tokens chunk. Pure.
import { Template } from '@huggingface/jinja';

import type { ChatMessage } from './files';
import { groupedNumber } from '../../hub/format';

export type { ChatMessage } from './files';

export interface RenderInput {
  template: string;
  messages: readonly ChatMessage[];
  addGenerationPrompt: boolean;
  /** `bos_token`, `eos_token`, … (src/tokens/core/files.ts `templateTokens`). */
  tokens: Record<string, string>;
}

export type RenderResult = { ok: true; prompt: string } | { ok: false; message: string; line?: number };

/** Templates are small; a longer one is refused rather than parsed line by line. */
const MAX_TEMPLATE_CHARS = 200_000;

export function renderChatTemplate(input: RenderInput): RenderResult {
  if (input.template.length > MAX_TEMPLATE_CHARS) {
    return { ok: false, message: `The template is longer than ${groupedNumber(MAX_TEMPLATE_CHARS)} characters.` };
  }
  let template: Template;
  try {
    template = new Template(input.template);
  } catch (e) {
    const message = errorText(e);
    return { ok: false, message, line: errorLine(input.template, message) };
  }
  try {
    const prompt = template.render({
      ...input.tokens,
      messages: input.messages.map((m) => ({ ...m })),
      add_generation_prompt: input.addGenerationPrompt,
      // transformers passes these too; templates test them with `is defined`.
      tools: undefined,
      documents: undefined,
    });
    return { ok: true, prompt };
  } catch (e) {
    return { ok: false, message: errorText(e) };
  }
}

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 500);
}

/**
 * The line a parse error belongs to: the first line whose prefix of the template already fails with the same message
 * (the library's errors carry no position). A prefix that merely ends inside a block fails differently, so it is passed.
 */
function errorLine(source: string, message: string): number | undefined {
  if (message.includes('end of input')) {
    return unclosedLine(source);
  }
  const lines = source.split('\n');
  if (lines.length > 2000) {
    return undefined;
  }
  let prefix = '';
  for (let k = 0; k < lines.length; k++) {
    prefix += (k ? '\n' : '') + lines[k];
    try {
      new Template(prefix);
    } catch (e) {
      if (errorText(e) === message) {
        return k + 1;
      }
    }
  }
  return undefined;
}

/** The line of the last `{{` or `{%` that is never closed, in one linear pass (strings inside tags are not parsed). */
function unclosedLine(source: string): number | undefined {
  let open = -1;
  for (let i = 0; i + 1 < source.length; i++) {
    const pair = source[i] + source[i + 1];
    if (pair === '{{' || pair === '{%') {
      open = i;
      i++;
    } else if (pair === '}}' || pair === '%}') {
      open = -1;
      i++;
    }
  }
  if (open < 0) {
    return undefined;
  }
  let line = 1;
  for (let i = 0; i < open; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
    }
  }
  return line;
}
