// Lint is where the process boundaries are enforced: shared code runs in every process (and the
// browser), so it may import nothing platform-specific; the renderer talks to the engine only through
// the contract, never by importing it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Bare builtin names go in `paths` (exact match) so a local './events' module is not mistaken for one.
const builtinNames = ['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'net', 'url', 'stream', 'events', 'util'];
const restrict = (names, patterns, message) => ['error', {
  paths: names.map((name) => ({ name, message })),
  patterns: patterns.map((p) => ({ group: p.group, message: p.message ?? message })),
}];

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
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // Tests index into arrays they just built; a non-null assertion there is a readable claim, not a risk.
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-empty-pattern': 'off', // Playwright fixtures take `{}` when they need no other fixture
      '@typescript-eslint/no-base-to-string': 'off', // ws frames in tests are text Buffers
      // expect.any / expect.stringMatching / expect.arrayContaining are typed `any` by design.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...builtinNames, 'electron', 'better-sqlite3', 'ws', 'react', 'react-dom'],
        [{ group: ['node:*', 'electron/*'] }, { group: ['**/engine/**', '**/main/**', '**/renderer/**', '**/server/**', '**/preload/index*'], message: 'src/shared depends on nothing else in src.' }],
        'src/shared runs in every process and the browser: no platform-specific imports.',
      ),
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(
        [...builtinNames, 'electron', 'better-sqlite3', 'ws'],
        [{ group: ['node:*', '**/engine/**', '**/main/**', '**/server/**'] }],
        'The renderer reaches the engine only through the contract (src/shared) and the transport.',
      ),
    },
  },
  {
    files: ['src/engine/risk/**/*.ts'],
    ignores: ['src/engine/risk/cli/**'],
    rules: {
      'no-restricted-imports': restrict([...builtinNames, 'better-sqlite3', 'ws', 'electron'], [{ group: ['node:*'] }], 'Risk math is pure: no I/O.'),
      'no-restricted-globals': ['error', { name: 'Date', message: 'Risk math takes no clock; pass times in.' }],
    },
  },
);
