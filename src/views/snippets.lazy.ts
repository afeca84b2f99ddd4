/** Snippet insertion (./snippets.ts and src/snippets/text.ts), a chunk of its own: loaded by the first insert. */
export { insertSnippet } from './snippets';
