// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folders that hold the pure core: they must run in plain Node, without the `vscode` module. */
const pureFolders = ['src/hub/**/*.ts', 'src/lists/**/*.ts', 'src/snippets/**/*.ts', 'src/cards/**/*.ts', 'src/code/**/*.ts', 'src/hfcache/**/*.ts', 'src/tokens/core/**/*.ts', 'src/inference/{providers,endpoint,errors,chat,code,protocol,calls}.ts', 'src/discussions/{model,protocol,labels,types}.ts', 'src/connections/{runtime,modelTree,derived}.ts'];

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'bench/tmp/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...tseslint.configs.recommendedTypeCheckedOnly.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits loses its rejection (VS Code's API returns Thenables: those count too); node:test's
      // describe/it return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          checkThenables: true,
          allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      // An async function without await is how a promise-returning interface is met: a throw in it becomes a rejection.
      '@typescript-eslint/require-await': 'off',
      curly: ['error', 'all'],
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests take apart values of unknown shape on purpose (JSON bodies, command arguments, tooltips) and say what they
    // hold in messages; the type-aware rules about promises stay on for them.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // A file past 400 lines holds more than one idea; split it along its seams.
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  {
    files: pureFolders,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The pure core (src/hub, src/lists, src/snippets, src/cards, src/code, src/hfcache, the pure part of src/inference) must not depend on the VS Code API.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', Buffer: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        AbortController: 'readonly', AbortSignal: 'readonly', fetch: 'readonly', TextEncoder: 'readonly',
        TextDecoder: 'readonly', performance: 'readonly', structuredClone: 'readonly', setImmediate: 'readonly',
        window: 'readonly', document: 'readonly', Response: 'readonly', Headers: 'readonly', HTMLImageElement: 'readonly',
        requestAnimationFrame: 'readonly', MessageChannel: 'readonly',
      },
    },
  },
);
