// A minimal stand-in for the `vscode` module, for the benchmark only: enough of the API for the production bundle
// (dist/extension.js) to activate in plain Node, list repos through its real tree providers and search through its
// real quick pick. Registrations are kept so the benchmark can run commands; UI calls do nothing and answer
// "dismissed". It is not a test double for behaviour: the Extension Host tests use the real API.
'use strict';
/* global module, URL */

class Disposable {
  constructor(onDispose) {
    this.onDispose = onDispose;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d?.dispose?.()));
  }
  dispose() {
    this.onDispose?.();
    this.onDispose = undefined;
  }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg) => {
      const bound = thisArg ? listener.bind(thisArg) : listener;
      this.listeners.add(bound);
      return new Disposable(() => this.listeners.delete(bound));
    };
  }
  fire(value) {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

class Uri {
  constructor(scheme, authority, path, query, fragment) {
    Object.assign(this, { scheme, authority, path, query, fragment });
  }
  static parse(value) {
    const url = new URL(value);
    return new Uri(url.protocol.slice(0, -1), url.host, url.pathname, url.search.slice(1), url.hash.slice(1));
  }
  static file(path) {
    return new Uri('file', '', path, '', '');
  }
  static from(parts) {
    return new Uri(parts.scheme, parts.authority ?? '', parts.path ?? '', parts.query ?? '', parts.fragment ?? '');
  }
  static joinPath(base, ...segments) {
    return base.with({ path: [base.path.replace(/\/$/, ''), ...segments].join('/') });
  }
  with(change) {
    return Object.assign(new Uri(this.scheme, this.authority, this.path, this.query, this.fragment), change);
  }
  get fsPath() {
    return this.path;
  }
  toString() {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
}

class TreeItem {
  constructor(label, collapsibleState = 0) {
    this.label = label;
    this.collapsibleState = collapsibleState;
  }
}

class ThemeIcon {
  constructor(id, color) {
    this.id = id;
    this.color = color;
  }
}
ThemeIcon.File = new ThemeIcon('file');
ThemeIcon.Folder = new ThemeIcon('folder');

class ThemeColor {
  constructor(id) {
    this.id = id;
  }
}

class MarkdownString {
  constructor(value = '', supportThemeIcons = false) {
    this.value = value;
    this.supportThemeIcons = supportThemeIcons;
  }
  appendMarkdown(text) {
    this.value += text;
    return this;
  }
  appendText(text) {
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!<>]/g, '\\$&');
    return this;
  }
}

/** What the benchmark can see and drive: settings, registered commands, quick picks created. */
const state = {
  settings: {},
  commands: new Map(),
  quickPicks: [],
  createContext,
};

const noopChannel = () => ({
  name: 'Hugging Face',
  trace() {}, debug() {}, info() {}, warn() {}, error() {}, append() {}, appendLine() {}, replace() {}, clear() {},
  show() {}, hide() {}, dispose() {},
});

function createQuickPick() {
  const value = new EventEmitter();
  const accept = new EventEmitter();
  const hide = new EventEmitter();
  const pick = {
    items: [], activeItems: [], selectedItems: [], value: '', busy: false, title: '', placeholder: '',
    onDidChangeValue: value.event,
    onDidAccept: accept.event,
    onDidHide: hide.event,
    onDidChangeActive: new EventEmitter().event,
    onDidChangeSelection: new EventEmitter().event,
    visible: false,
    show() {
      pick.visible = true;
    },
    hide() {
      // As in VS Code: onDidHide fires once, when a visible pick is hidden.
      if (pick.visible) {
        pick.visible = false;
        hide.fire();
      }
    },
    dispose() {},
    /** The benchmark types: the value changes as it would in the real quick pick. */
    type(text) {
      pick.value = text;
      value.fire(text);
    },
    accept() {
      accept.fire();
    },
  };
  state.quickPicks.push(pick);
  return pick;
}

const configuration = (section) => ({
  get: (key, fallback) => state.settings[`${section}.${key}`] ?? fallback,
  has: (key) => `${section}.${key}` in state.settings,
  inspect: (key) => ({ key: `${section}.${key}`, globalValue: state.settings[`${section}.${key}`] }),
  update: async () => {},
});

const dismissed = async () => undefined;

/**
 * A namespace that also answers for API the extension may start using later: events and registrations give a
 * Disposable, `visible…` lists are empty. Keeps the benchmark working while the extension grows.
 */
function lenient(namespace) {
  return new Proxy(namespace, {
    get(target, name) {
      if (name in target || typeof name !== 'string') {
        return target[name];
      }
      if (/^(onDid|onWill|register|create)/.test(name)) {
        return () => new Disposable();
      }
      if (name.startsWith('visible')) {
        return [];
      }
      return undefined;
    },
  });
}

function memento() {
  const values = new Map();
  return {
    get: (key, fallback) => (values.has(key) ? values.get(key) : fallback),
    update: async (key, value) => void values.set(key, value),
    keys: () => [...values.keys()],
  };
}

/** An ExtensionContext for one activation: no stored token, empty workspace state. */
function createContext(extensionPath, packageJSON) {
  const extensionUri = Uri.file(extensionPath);
  return {
    subscriptions: [],
    extensionPath,
    extensionUri,
    // The card cache's folder (made by the extension when it first stores a card), in the benchmark's git-ignored tmp.
    globalStorageUri: Uri.file(`${extensionPath}/bench/tmp/global-storage`),
    extension: { id: `${packageJSON.publisher}.${packageJSON.name}`, extensionUri, extensionPath, packageJSON },
    workspaceState: memento(),
    globalState: Object.assign(memento(), { setKeysForSync() {} }),
    secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: new EventEmitter().event },
    asAbsolutePath: (relative) => `${extensionPath}/${relative}`,
  };
}

/**
 * Stands for any other class, enum or value of the API (CodeActionKind.QuickFix, new Range(…), …): constructible,
 * callable, and every property is another such value.
 */
function anyValue(name) {
  const target = function () {};
  return new Proxy(target, {
    get: (_target, prop) => (prop === Symbol.toPrimitive ? () => name : prop === 'then' ? undefined : anyValue(`${name}.${String(prop)}`)),
    apply: () => anyValue(`${name}()`),
    construct: () => ({}),
  });
}

const api = {
  __bench: state,
  version: '1.139.0',
  Disposable,
  EventEmitter,
  Uri,
  TreeItem,
  ThemeIcon,
  ThemeColor,
  MarkdownString,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  QuickPickItemKind: { Separator: -1, Default: 0 },
  NotebookCellKind: { Markup: 1, Code: 2 },
  window: lenient({
    createOutputChannel: noopChannel,
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
    createTreeView: () => ({
      description: undefined, message: undefined, visible: false, reveal: async () => {}, dispose() {},
      onDidChangeVisibility: new EventEmitter().event,
      onDidExpandElement: new EventEmitter().event,
      onDidCollapseElement: new EventEmitter().event,
      onDidChangeSelection: new EventEmitter().event,
    }),
    registerTreeDataProvider: () => new Disposable(),
    registerWebviewPanelSerializer: () => new Disposable(),
    withProgress: (_options, task) => task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: () => new Disposable() }),
    createQuickPick,
    showQuickPick: dismissed,
    showInputBox: dismissed,
    showErrorMessage: dismissed,
    showWarningMessage: dismissed,
    showInformationMessage: dismissed,
    setStatusBarMessage: () => new Disposable(),
    visibleTextEditors: [],
    activeTextEditor: undefined,
    activeNotebookEditor: undefined,
  }),
  workspace: lenient({
    getConfiguration: configuration,
    onDidChangeConfiguration: new EventEmitter().event,
    textDocuments: [],
  }),
  languages: lenient({}),
  extensions: lenient({ all: [], getExtension: () => undefined }),
  commands: {
    registerCommand(id, handler) {
      state.commands.set(id, handler);
      return new Disposable(() => state.commands.delete(id));
    },
    executeCommand: async (id, ...args) => state.commands.get(id)?.(...args),
  },
  env: lenient({
    openExternal: async () => true,
    clipboard: { writeText: async () => {}, readText: async () => '' },
  }),
};

// Bundlers copy the module's own names (esbuild's __toESM), so the other API names are listed rather than guessed.
for (const name of [
  'CodeAction', 'CodeActionKind', 'CodeLens', 'CompletionItem', 'CompletionItemKind', 'CompletionList', 'Diagnostic',
  'DiagnosticSeverity', 'DiagnosticTag', 'DocumentLink', 'Hover', 'Location', 'NotebookCellData', 'NotebookEdit',
  'NotebookRange', 'Position', 'Range', 'RelativePattern', 'Selection', 'SnippetString', 'TextEdit', 'WorkspaceEdit',
  'CancellationTokenSource', 'FileType', 'FileSystemError', 'ExtensionMode', 'LogLevel', 'ConfigurationTarget',
]) {
  api[name] ??= anyValue(name);
}

module.exports = api;
