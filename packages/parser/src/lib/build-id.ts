/**
 * What identifies this build of the parser for caches of parsed postmortems: its version and a
 * digest of its code. A parser rebuilt from changed source without a new version (a workspace,
 * a patched install) gets a new id, so no cache serves results the code would no longer give.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let built: string | undefined;

/** `<version>+<sha256 of the code>`, worked out once per process (about 1 MB read). */
export function parserBuildId(): string {
  if (built !== undefined) return built;
  // This module is `dist/lib/build-id.js` (or `src/lib/build-id.ts` under a test runner).
  const code = dirname(dirname(fileURLToPath(import.meta.url)));
  const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
  const digest = createHash('sha256');
  const files = readdirSync(code, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(?:js|ts)$/.test(name) && !name.endsWith('.d.ts'))
    .sort();
  for (const name of files)
    digest
      .update(`${name}\u0000`)
      .update(readFileSync(join(code, name)))
      .update('\u0000');
  built = `${version}+${digest.digest('hex').slice(0, 16)}`;
  return built;
}
