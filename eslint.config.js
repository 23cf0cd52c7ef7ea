// Lint is where the process boundaries are enforced: shared code runs in every process (and the
// browser), so it may import nothing platform-specific; the renderer talks to the engine only through
// the contract, never by importing it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'net', 'url', 'stream', 'events', 'util'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', '.cache/**', 'test-results/**', 'playwright-report/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...nodeBuiltins, 'electron', 'better-sqlite3', 'ws', 'react', 'react-dom'], message: 'src/shared runs in every process and the browser: no platform-specific imports.' },
          { group: ['**/engine/**', '**/main/**', '**/renderer/**', '**/server/**', '**/preload/**'], message: 'src/shared depends on nothing else in src.' },
        ],
      }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/engine/**', '**/main/**', '**/server/**', 'electron', 'better-sqlite3', 'ws', ...nodeBuiltins], message: 'The renderer reaches the engine only through the contract (src/shared) and the transport.' },
        ],
      }],
    },
  },
  {
    files: ['src/engine/risk/**/*.ts'],
    ignores: ['src/engine/risk/cli/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: [...nodeBuiltins, 'better-sqlite3', 'ws', 'electron'], message: 'Risk math is pure: no I/O.' }],
      }],
      'no-restricted-globals': ['error', { name: 'Date', message: 'Risk math takes no clock; pass times in.' }],
    },
  },
);
