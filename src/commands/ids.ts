// Every command the extension contributes, by id. package.json's `contributes.commands` must list exactly these (a unit
// test checks it); activate() registers a handler for each (src/commands/index.ts is type-checked to cover exactly
// this set); tree items, CodeLens, hovers and the overview name commands through `CommandId`, so a renamed or removed
// command fails to compile wherever it is still used. Pure: unit tests load it without VS Code.

/** The three list views, by key; their view ids are `huggingface.<key>`. */
export const VIEW_KEYS = ['models', 'datasets', 'spaces'] as const;
export type ViewKey = (typeof VIEW_KEYS)[number];

/** Title-bar actions, one command per list view so they work from the palette too ("Search Models…"). */
export const VIEW_ACTIONS = ['search', 'sort', 'filter', 'clearFilters', 'refresh'] as const;
export type ViewAction = (typeof VIEW_ACTIONS)[number];

const GLOBAL_COMMANDS = [
  'huggingface.openOverview',
  'huggingface.refresh',
  'huggingface.loadMore',
  'huggingface.retry',
  'huggingface.openRepo',
  'huggingface.openCard',
  'huggingface.openOnHub',
  'huggingface.openFile',
  'huggingface.openFileOnHub',
  'huggingface.copyRepoId',
  'huggingface.copyFromPretrained',
  'huggingface.insertTransformersSnippet',
  'huggingface.insertDiffusersSnippet',
  'huggingface.useModel',
  'huggingface.tryModel',
  'huggingface.insertInferenceCode',
  'huggingface.removeSearch',
  'huggingface.showLog',
  'huggingface.signIn',
  'huggingface.signOut',
  'huggingface.account',
  'huggingface.download',
  'huggingface.downloadToFolder',
  'huggingface.showDownloads',
  'huggingface.openDatasetViewer',
  'huggingface.showDiscussions',
  'huggingface.showModelTree',
  'huggingface.showPaper',
  'huggingface.showDailyPapers',
  'huggingface.showCollection',
  'huggingface.explore.searchCollections',
  'huggingface.explore.refresh',
  'huggingface.localCache.openCard',
] as const;

/** The Local Cache view's actions on a row (or the whole view): `huggingface.localCache.<action>`. */
export const CACHE_ACTIONS = ['refresh', 'prune', 'deleteRepo', 'deleteRevision', 'revealInOS', 'copyPath', 'openSnapshot'] as const;
export type CacheAction = (typeof CACHE_ACTIONS)[number];

/** The token features' commands (`huggingface.<action>`), each a method of the tokens chunk (src/tokens/tokens.lazy.ts). */
export const TOKEN_ACTIONS = ['chooseTokenizer', 'showTokens', 'previewChatTemplate'] as const;
export type TokenAction = (typeof TOKEN_ACTIONS)[number];

export type ViewCommandId = `huggingface.${ViewKey}.${ViewAction}`;
export type CommandId = (typeof GLOBAL_COMMANDS)[number] | ViewCommandId | `huggingface.localCache.${CacheAction}` | `huggingface.${TokenAction}`;

export function viewCommand(key: ViewKey, action: ViewAction): ViewCommandId {
  return `huggingface.${key}.${action}`;
}

export const COMMAND_IDS: readonly CommandId[] = [
  ...GLOBAL_COMMANDS,
  ...VIEW_ACTIONS.flatMap((action) => VIEW_KEYS.map((key) => viewCommand(key, action))),
  ...CACHE_ACTIONS.map((action) => `huggingface.localCache.${action}` as const),
  ...TOKEN_ACTIONS.map((action) => `huggingface.${action}` as const),
];

/** The workbench's own command that shows a list view (`huggingface.models.focus`). */
export function focusViewCommand(key: ViewKey): `huggingface.${ViewKey}.focus` {
  return `huggingface.${key}.focus`;
}
