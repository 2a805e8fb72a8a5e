// Flat config: regex safety (the plugin's recommended set is not clean yet: style findings only) (no super-linear backtracking or moves) over the library, CLI and site sources,
// and typescript-eslint's recommended type-checked rules over every TypeScript source that ships or tests, with the types each is compiled with.
import astro from 'eslint-plugin-astro';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

const packages = ['packages/parser/src/**/*.ts', 'packages/import/src/**/*.ts', 'packages/cli/src/**/*.ts'];
// The integration's pages, lib and client scripts import `astro:content` and other virtual modules, whose types exist only in the
// site's project after `astro sync` (lint:code runs it first); without them every entry is `any` and the findings are false.
const site = ['packages/astro/src/**/*.ts', 'site/src/**/*.ts', 'site/*.mjs'];
const tests = ['test/**/*.ts', 'test/**/*.mjs'];
const components = ['packages/astro/src/**/*.astro', 'site/**/*.astro'];

/** typescript-eslint's recommended type-checked rules over `files`, typed by `parserOptions`. */
const typeChecked = (files, parserOptions) => [
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files })),
  {
    files,
    languageOptions: { parserOptions: { ...parserOptions, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Dropping a key by destructuring the rest (`const { html: _html, ...data } = postmortem`) is an idiom here.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
];

export default [
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.astro/**', 'bench/**', '.bench/**', 'test/fixtures/**', 'coverage/**'],
  },
  {
    files: ['packages/**/src/**/*.ts', 'packages/**/scripts/**/*.js', 'packages/**/bin/**/*.js', 'site/src/**/*.ts', 'site/*.mjs', ...components],
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
  // Each package's own tsconfig.json.
  ...typeChecked(packages, { projectService: true }),
  // The integration's entry points with the tsconfig they are built with, everything else with the site's.
  ...typeChecked(site, { project: ['packages/astro/tsconfig.json', 'site/tsconfig.json'] }),
  ...typeChecked(tests, { project: ['test/tsconfig.json'] }),
  // Astro components: eslint-plugin-astro's recommended rules, and typescript-eslint's type-checked rules over each component's
  // frontmatter and template expressions, typed by the site's project (astro-eslint-parser builds the component's TSX for `project`;
  // it does not support `projectService`). Its `<script>` blocks are linted as separate virtual `.ts` files without type
  // information (the plugin's processor sets `project: null` for them), so they get the untyped recommended rules only.
  ...typeChecked(components, { project: ['site/tsconfig.json'], parser: tseslint.parser }),
  ...astro.configs['flat/recommended'].map((config) => (config.rules && !config.files ? { ...config, files: components } : config)),
  {
    files: components,
    rules: {
      // Astro types every element of a template as `any` (`type Element = HTMLElement | any` in astro/astro-jsx.d.ts), so each
      // `{items.map((item) => <li>…</li>)}` would be reported; the frontmatter's other unsafe uses of `any` are still reported.
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // Those virtual files also match the site's `**/*.ts` above: no type information for them.
  { ...tseslint.configs.disableTypeChecked, files: ['**/*.astro/*.ts', '**/*.astro/*.js'] },
  {
    files: tests,
    rules: {
      // Stand-ins for async interfaces (a shard fetcher, the loader context's parseData) are written `async` to match them; awaiting nothing is the point.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['test/**/*.mjs'],
    rules: {
      // The helper scripts type their values with JSDoc casts (`/** @type {T} */ (JSON.parse(text))`), which these rules cannot see: the
      // parenthesised cast is gone from the syntax tree they inspect, so they would report every cast value as `any`.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
];
