// Bundles the `postmortem` program (tsc's dist/main.js) and the parse worker into dist/bundle/.
//
// Why: Node 20 resolves and loads ES modules one file at a time (package.json lookups, a read
// and a compile each), and `lint` of one file loads about 350 of them: that, not parsing, was
// most of its start-up. One file per command (each command's work stays a chunk loaded when it
// runs) brings `lint one-file.md` within 4× of `node -e 0` (issue 11 item 8). dist/*.js stays
// tsc's output: the package's API (`main`, `createProgram`) and its types.
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cli = fileURLToPath(new URL('..', import.meta.url));
const parser = dirname(fileURLToPath(import.meta.resolve('@postmortem-kb/parser/package.json')));
const outdir = join(cli, 'dist', 'bundle');
const { peerDependencies = {} } = JSON.parse(await readFile(join(cli, 'package.json'), 'utf8'));

await rm(outdir, { recursive: true, force: true });
await build({
  // The worker keeps its name: the bundled parse pool starts `./parse-worker.js` beside itself.
  entryPoints: { main: join(cli, 'dist', 'main.js'), 'parse-worker': join(parser, 'dist', 'lib', 'parse-worker.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Astro and the site integration are the user's own installs (peer dependencies), imported from their project.
  external: Object.keys(peerDependencies),
  // CommonJS dependencies (commander) require Node's built-ins.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module';\nconst require = createRequireForBundle(import.meta.url);" },
  logLevel: 'warning',
});
