// Flat config: regex safety (the plugin's recommended set is not clean yet: style findings only) (no super-linear backtracking or moves) over the library, CLI and site sources.
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

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
];
