import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Process boundaries: the renderer and shared code must run in a sandboxed page (or anywhere,
// for the engine), so they may not reach Electron, Node or the database; services hold business
// logic that must run under plain Node too, so they may not reach Electron.
const noNodeOrDb = {
  paths: [{ name: 'electron', message: 'Only electron/main, window, security, preload and rpc/ipc may import electron.' }],
  patterns: [
    { group: ['node:*'], message: 'The renderer and shared/ run without Node.' },
    { group: ['**/db', '**/db/**', '**/electron', '**/electron/**'], message: 'Reach the backend through the contract, not by import.' },
    { group: ['better-sqlite3-multiple-ciphers'], message: 'The database belongs to the main process.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-app/**', 'node_modules/**', 'build/native/**', 'test-artifacts/**', 'bench-results/**', '.tmp*', '.tmp*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', noNodeOrDb],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noNodeOrDb] },
  },
  {
    // Typed rules where the backend and its tests call the (async) dispatcher: a call whose promise
    // is left unawaited would answer nothing and let a test pass without checking anything.
    files: ['electron/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Services run under plain Node too: no electron here.' }] }],
    },
  },
);
