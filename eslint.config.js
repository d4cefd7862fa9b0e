// ESLint flat config: typescript-eslint for all TypeScript, Lit / web-component / a11y rules
// for the elements, and architecture fences (core has no DOM, no Lit; server stays in Node).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-server/**',
      'node_modules/**',
      'storybook-static/**',
      'coverage/**',
      'custom-elements.json',
      'bench/results/**',
      'bench/.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
    },
  },
  {
    files: ['src/components/**/*.ts', 'src/shared/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/components/**/*.ts', 'src/shared/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['src/components/**/*.ts', 'src/shared/**/*.ts'],
    plugins: { 'lit-a11y': litA11y },
    rules: {
      ...litA11y.configs.recommended.rules,
      // Lists styled with list-style: none lose their semantics in Safari; role="list" restores them.
      'lit-a11y/no-redundant-role': 'off',
    },
  },
  {
    // The core runs in Node and in browsers: no DOM, no Lit, nothing from the other layers.
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['lit', 'lit/*', '@lit/*'], message: 'src/core has no Lit.' },
            {
              group: ['**/components/**', '**/shared/**', '**/server/**'],
              message: 'src/core imports nothing from other layers.',
            },
            { group: ['node:*'], message: 'src/core runs in browsers too.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'document',
        'window',
        'localStorage',
        'sessionStorage',
        'navigator',
        'HTMLElement',
        'customElements',
      ],
    },
  },
  {
    // The floors: core -> shared -> components. Shared code serves every element and knows
    // none of them (the details opener is handed the details element's loader).
    files: ['src/shared/**/*.ts', 'src/i18n/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/components/**'], message: 'src/shared and src/i18n do not import components.' },
            { group: ['**/server/**', 'node:*'], message: 'src/shared and src/i18n run in the browser.' },
          ],
        },
      ],
    },
  },
  {
    // Components use the core through its public entry only.
    files: ['src/components/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/*', '**/core/**/*', '!**/core/index.js'],
              message: 'Components import the core through src/core/index.ts.',
            },
            { group: ['**/server/**', 'node:*'], message: 'Components run in the browser.' },
          ],
        },
      ],
    },
  },
  {
    // The server runs in Node and uses the core, never the browser layers.
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/components/**', '**/shared/**', 'lit', 'lit/*', '@lit/*'], message: 'src/server uses src/core only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['*.config.js', '*.config.ts', '*.config.mjs', 'scripts/**', 'bench/**', '.ci/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Storybook's CSF format needs a default export per story file and in its config.
    files: ['stories/**/*.ts', '.storybook/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
