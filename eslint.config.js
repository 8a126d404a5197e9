// Lint rules for proxmox-access. Formatting is Prettier's job (eslint-config-prettier turns the
// overlapping rules off); this file holds correctness rules, and eslint/boundaries.js the import
// boundaries of docs/architecture.md.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { boundaries } from './eslint/boundaries.js';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'schema/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  boundaries(import.meta.dirname),
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Async methods that implement an async interface without awaiting anything are fine.
      '@typescript-eslint/require-await': 'off',
      // Values of unknown shape are turned into text on purpose, once their type is checked.
      '@typescript-eslint/no-base-to-string': 'off',
      // The sanitisers match control characters on purpose.
      'no-control-regex': 'off',
      eqeqeq: 'error',
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/unbound-method': 'error',
      '@typescript-eslint/no-redundant-type-constituents': 'error',
      'import-x/no-duplicates': 'error',
      '@typescript-eslint/restrict-template-expressions': 'error',
      'preserve-caught-error': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // The job log is reached through the Logger only, which makes outside text safe first.
      'no-console': 'error',
      // Size limits (docs/architecture.md): a longer file or function says why where it disables the rule.
      'max-lines': ['error', { max: 250, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Tests and fakes read recorded JSON and build malformed input on purpose.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      // A harness whose callbacks refer to itself is declared before it is assigned.
      'prefer-const': 'off',
    },
  },
  // The lint configuration itself is not part of the TypeScript project.
  { files: ['**/*.js', 'eslint/*.d.ts'], extends: [tseslint.configs.disableTypeChecked] },
  prettier,
);
