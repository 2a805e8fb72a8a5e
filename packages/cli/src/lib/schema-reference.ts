/**
 * Where the frontmatter JSON Schema lives, as written in a new postmortem's
 * `# yaml-language-server: $schema=…` comment: a relative path when the parser package is
 * installed in the project, else a URL of the published package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const parserPackage = '@postmortem-kb/parser';
const schemaInPackage = 'schema/frontmatter.schema.json';

export function schemaReference(fileDir: string, projectDir: string): string {
  const installed = findInstalledSchema(fileDir, projectDir) ?? resolvedSchemaInside(projectDir);
  if (installed !== null) return relative(fileDir, installed).split(sep).join('/');
  return `https://unpkg.com/${parserPackage}@${parserVersion()}/${schemaInPackage}`;
}

/** `node_modules/@postmortem-kb/parser/schema/…` in `fileDir` or a parent, up to `projectDir`. */
function findInstalledSchema(fileDir: string, projectDir: string): string | null {
  for (let dir = fileDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', parserPackage, schemaInPackage);
    if (existsSync(candidate)) return candidate;
    if (dir === projectDir || !isInside(dir, projectDir) || dirname(dir) === dir) return null;
  }
}

/** The schema this CLI uses, when it lies inside the project (a workspace checkout). */
function resolvedSchemaInside(projectDir: string): string | null {
  try {
    const path = fileURLToPath(import.meta.resolve(`${parserPackage}/schema.json`));
    return existsSync(path) && isInside(path, projectDir) && !path.split(sep).includes('node_modules') ? path : null;
  } catch {
    return null;
  }
}

function parserVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve(`${parserPackage}/package.json`)), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'latest';
  } catch {
    return 'latest';
  }
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
