/**
 * The parser library is built JavaScript with its own dependencies: the server build imports
 * it as it is, instead of Rollup re-bundling the markdown stack into it on every build.
 */

const parser = '@postmortem-kb/parser';

/**
 * A Vite plugin that leaves `@postmortem-kb/parser` (and its subpaths) out of the server build,
 * imported by the file URL this package resolves it to. A bare `ssr.external` name would be
 * resolved again from the built chunk in the output folder, where a project installed with
 * pnpm (or any strict layout) has no `node_modules/@postmortem-kb/parser`: only this package
 * depends on it.
 */
export function parserExternal() {
  return {
    name: 'postmortem-kb:parser-external',
    enforce: 'pre' as const,
    resolveId: (id: string, _importer: string | undefined, options?: { ssr?: boolean }) =>
      options?.ssr && (id === parser || id.startsWith(`${parser}/`)) ? { id: import.meta.resolve(id), external: true } : undefined,
  };
}
