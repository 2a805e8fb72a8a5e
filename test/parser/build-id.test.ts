import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parserBuildId } from '@postmortem-kb/parser';
import { afterAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'pmkb-build-id-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the parser's `build-id` module in a package of its own, with one more code file. */
async function idOfPackage(name: string, code: string): Promise<string> {
  const lib = join(root, name, 'dist', 'lib');
  mkdirSync(lib, { recursive: true });
  writeFileSync(join(root, name, 'package.json'), JSON.stringify({ name, version: '9.8.7', type: 'module' }));
  cpSync('packages/parser/dist/lib/build-id.js', join(lib, 'build-id.js'));
  cpSync('packages/parser/dist/lib/build-id.js.map', join(lib, 'build-id.js.map'));
  writeFileSync(join(lib, 'reader.js'), code);
  const module = (await import(pathToFileURL(join(lib, 'build-id.js')).href)) as { parserBuildId: () => string };
  return module.parserBuildId();
}

describe('parserBuildId', () => {
  it("is the parser's version and a digest of its code, the same on each call", () => {
    const { version } = JSON.parse(readFileSync('packages/parser/package.json', 'utf8')) as { version: string };
    expect(parserBuildId()).toMatch(new RegExp(`^${version.replace(/\./g, '\\.')}\\+[0-9a-f]{16}$`));
    expect(parserBuildId()).toBe(parserBuildId());
  });

  it('changes when the code changes and the version does not, so caches of parsed files are not reused', async () => {
    const before = await idOfPackage('before', 'export const answer = 1;\n');
    const after = await idOfPackage('after', 'export const answer = 2;\n');
    const again = await idOfPackage('again', 'export const answer = 1;\n');
    expect(before).toMatch(/^9\.8\.7\+[0-9a-f]{16}$/);
    expect(after).not.toBe(before);
    expect(again).toBe(before);
  });
});
