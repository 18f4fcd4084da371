// Lint: typescript-eslint's recommended rules, plus the project's bans: process.env outside
// src/config.ts and src/main.ts (config is parsed once and injected), console in src/, and the
// layers: what each folder may import (no-restricted-imports; the last matching block wins).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The chat grammar sits above the engine: only the places that assemble the app reach into it. */
const noCommands = {
  regex: '(^|/)commands/',
  message: 'src/ does not import commands/ (the chat grammar sits above the engine); move what both need to src/ or cards/.',
};
/** Modules that do I/O, which pure rules never import. */
const io = {
  regex: '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|dns|tls|worker_threads|cluster)$|^(drizzle-orm|postgres|@electric-sql/pglite|pino|nodemailer|node-cron)(/|$)|(^|/)db/',
  message: 'src/rules is pure: no database, files, network or logs. Pass the data in.',
};
/**
 * Refusals are written in the reader's language: an error factory of src/errors.ts (or a new
 * AppError) takes a catalog message, `t('area.key', {...})`, never an English literal.
 */
const ERROR_FACTORIES = 'invalid|notFound|forbidden|conflict|limitExceeded|tooLarge|preconditionFailed';
const LITERAL_TEXT = '/^(Literal|TemplateLiteral|BinaryExpression)$/';
/**
 * A refusal or a usage error is read by the person refused, in their language: its sentence comes
 * from the message catalog (t('area.key', { ... })), never a literal (docs/languages.md).
 */
const refusalsThroughCatalog = {
  'no-restricted-syntax': [
    'error',
    {
      selector: `CallExpression[callee.name=/^(${ERROR_FACTORIES})$/][arguments.0.type=${LITERAL_TEXT}]`,
      message: "Refusals go through the message catalog: throw invalid(t('area.key', { ... })) with the French beside the English (docs/languages.md).",
    },
    {
      selector: `NewExpression[callee.name=/^(AppError|[A-Za-z]+Refusal)$/][arguments.1.type=${LITERAL_TEXT}]`,
      message: "Refusals go through the message catalog: new AppError(code, t('area.key', { ... })) with the French beside the English (docs/languages.md).",
    },
    {
      selector: `NewExpression[callee.name='UsageError'][arguments.0.type=${LITERAL_TEXT}]`,
      message: "A usage error is read in the reader's language: write it in the catalog (src/i18n/en + fr) and pass t('area.key', { ... }).",
    },
  ],
};
const outsideRules = (up) => ({
  regex: `^${up}(?!errors\\.js$)`,
  message: 'src/rules imports only src/rules (and src/errors.ts); move the helper into src/rules or pass its result in.',
});

export default tseslint.config(
  { ignores: ['node_modules/', 'build/', 'data/', 'devTools/', 'test-output/', 'scratch/', 'db/migrations/', 'manifest/teams/*.zip'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'commands/**/*.ts', 'cards/**/*.ts', 'db/**/*.ts'],
    // Entry points (main, CLIs) read the environment once and hand it to parseConfig.
    ignores: ['src/config.ts', 'src/main.ts', 'src/cli/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings from Config (src/config.ts), parsed once.' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    // What assembles the app from its parts: the entry points, the chat adapters (which hand
    // platform events to the router).
    ignores: ['src/app.ts', 'src/main.ts', 'src/cli/**', 'src/chat/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noCommands] }] },
  },
  {
    files: ['src/rules/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noCommands, io, outsideRules('\\.\\./')] }] },
  },
  {
    files: ['src/rules/*/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noCommands, io, outsideRules('\\.\\./\\.\\./')] }] },
  },
  {
    files: ['cards/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)db/|^(drizzle-orm|postgres|@electric-sql/pglite)(/|$)', message: 'cards/ builds cards from views it is given; load the data in a src/ reader.' }] },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'commands/**/*.ts', 'cards/**/*.ts'],
    // The operator's own tools (start-up configuration, CLIs) speak English to whoever runs them.
    ignores: ['src/config.ts', 'src/main.ts', 'src/cli/**'],
    rules: refusalsThroughCatalog,
  },
);
