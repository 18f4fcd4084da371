// Lint: typescript-eslint's recommended rules, plus the project's bans: process.env outside
// src/config.ts and src/main.ts (config is parsed once and injected), and console in src/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
);
