// Run from the project root (`eslint -c tests/lint/eslint.config.js .`): patterns are relative to it.
// Lint, including the rule that keeps the layers' import direction (DESIGN.md → Architecture):
// domain ← charts, db ← workers, state ← components, views. Type-only imports are allowed.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const ui = ['svelte', 'svelte/*', '**/*.svelte', '**/state/*', '**/components/*', '**/views/*'];
const engine = ['arquero', 'arquero/*', 'comlink', '**/workers/*', '**/workers/*/*'];
const storage = ['dexie', '**/db', '**/db/*', '@uwdata/*'];
const charts = ['vega', 'vega-*', '**/charts', '**/charts/*'];
const i18n = ['**/i18n/*'];

/** The database's tables (src/lib/db/schema.ts) and Dexie's ways to reach any table. */
const TABLES = 'datasets|batches|chunks|customerEdits|settings|snapshots|snapshotData|tables|table';

/**
 * Only src/lib/db touches Dexie tables and transactions: everywhere else calls its functions, so
 * every transaction the app runs is listed in that one folder.
 */
const storageSyntax = [
  { selector: "CallExpression[callee.property.name='transaction']", message: 'Transactions live in src/lib/db: call a db function.' },
  {
    selector: `MemberExpression[object.name=/^(db|database)$/][property.name=/^(${TABLES})$/]`,
    message: 'Tables are read and written in src/lib/db only: call a db function.',
  },
  {
    selector: `MemberExpression[object.property.name=/^(db|database)$/][property.name=/^(${TABLES})$/]`,
    message: 'Tables are read and written in src/lib/db only: call a db function.',
  },
];

/** Views and components are layout: they reach the engine through a state class. */
const layoutSyntax = [
  { selector: "MemberExpression[property.name='api'][object.name='engine']", message: 'Views and components call state classes, not engine.api.' },
  { selector: "MemberExpression[property.name='api'][object.property.name='engine']", message: 'Views and components call state classes, not engine.api.' },
];

/** no-restricted-imports for a layer; type imports stay allowed. */
const layer = (files, group, message) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group, message, allowTypeImports: true }] }],
  },
});

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'tests/.tmp/', 'tests/bench/dist/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  layer(['src/lib/domain/**'], [...ui, ...engine, ...storage, ...charts, ...i18n],
    'src/lib/domain is pure: no UI, storage, engine, chart or i18n imports.'),
  layer(['src/lib/charts/**'], [...ui, ...engine, ...storage, ...i18n],
    'src/lib/charts builds specs from data only.'),
  layer(['src/lib/db/**'], [...ui, ...engine, ...charts, ...i18n], 'src/lib/db must not import UI, engine or charts.'),
  layer(['workers/**'], [...ui, ...charts, ...i18n], 'workers must not import UI, charts or i18n code.'),
  layer(['src/lib/i18n/**'], [...ui, ...engine, ...storage, ...charts], 'src/lib/i18n holds words and formats only.'),
  layer(['src/lib/state/**'], ['**/components/*', '**/views/*', 'arquero', 'arquero/*', '**/workers/*/*', 'dexie'],
    'src/lib/state must not import components, views, Dexie or the engine internals (it calls src/lib/db functions).'),
  layer(['src/lib/components/**'], [...engine, ...storage, '**/state/*', '**/views/*'],
    'components receive data through props: no engine, storage or app state imports.'),
  layer(['src/views/**'], [...engine, ...storage], 'views reach data through src/lib/state.'),
  {
    files: ['src/**/*.{ts,svelte}', 'workers/**/*.ts'],
    ignores: ['src/lib/db/**'],
    rules: { 'no-restricted-syntax': ['error', ...storageSyntax] },
  },
  {
    files: ['src/views/**/*.{ts,svelte}', 'src/lib/components/**/*.{ts,svelte}', 'src/App.svelte'],
    rules: { 'no-restricted-syntax': ['error', ...storageSyntax, ...layoutSyntax] },
  },
);
