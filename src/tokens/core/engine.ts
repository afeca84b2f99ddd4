// A model's tokenizer, built with `@huggingface/tokenizers` from its tokenizer.json and tokenizer_config.json: counts,
// tokens with ids, special tokens marked. Loaded only by the tokens chunk (the library never enters activation). Pure.
import { Tokenizer } from '@huggingface/tokenizers';
import { readableToken, tokenStyle, type TokenPiece, type TokenStyle } from './display';
import { contextLength, type TokenizerFiles } from './files';

/** Text longer than this is not counted whole (the status bar asks for a selection instead). */
export const MAX_COUNT_CHARS = 1_000_000;

export type { TokenPiece } from './display';

export class TokenizerModel {
  readonly contextLength: number | undefined;
  readonly style: TokenStyle;
  private readonly tokenizer: Tokenizer;
  private readonly specialIds: ReadonlySet<number>;

  constructor(readonly files: TokenizerFiles) {
    try {
      this.tokenizer = new Tokenizer(files.tokenizer, files.config);
    } catch (e) {
      throw new Error(`${files.repoId}'s tokenizer.json could not be loaded: ${e instanceof Error ? e.message.slice(0, 200) : String(e)}`, { cause: e });
    }
    this.contextLength = contextLength(files.config, files.maxPositions);
    this.style = tokenStyle(files.tokenizer);
    this.specialIds = new Set([...this.tokenizer.get_added_tokens_decoder()].filter(([, t]) => t.special).map(([id]) => id));
  }

  get repoId(): string {
    return this.files.repoId;
  }

  /** Token ids of `text` as the model reads text (special tokens in the text are recognised; none are added around it). */
  ids(text: string, addSpecialTokens = false): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: addSpecialTokens }).ids;
  }

  count(text: string): number {
    return text.length === 0 ? 0 : this.ids(text).length;
  }

  /** The tokens of `text`, readable, with ids and special tokens marked. */
  pieces(text: string, addSpecialTokens = false): TokenPiece[] {
    const encoding = this.tokenizer.encode(text, { add_special_tokens: addSpecialTokens });
    return encoding.ids.map((id, k) => {
      const token = encoding.tokens[k] ?? '';
      const special = this.specialIds.has(id);
      return { id, token, special, text: readableToken(token, this.style, special) };
    });
  }
}
