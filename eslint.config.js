// Flat config: regex safety (the plugin's recommended set is not clean yet: style findings only) (no super-linear backtracking or moves) over the library, CLI and site sources,
// and typescript-eslint's recommended type-checked rules over the packages' TypeScript sources (types from each package's tsconfig.json).
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

const typeChecked = ['packages/parser/src/**/*.ts', 'packages/import/src/**/*.ts', 'packages/cli/src/**/*.ts'];

export default [
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.astro/**', 'bench/**', '.bench/**', 'test/**', 'coverage/**'],
  },
  {
    files: ['packages/**/src/**/*.ts', 'packages/**/scripts/**/*.js', 'packages/**/bin/**/*.js', 'site/src/**/*.ts', 'site/*.mjs'],
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 'latest',
      sourceType: 'module',
    },
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: typeChecked })),
  {
    files: typeChecked,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Dropping a key by destructuring the rest (`const { html: _html, ...data } = postmortem`) is an idiom here.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
];
