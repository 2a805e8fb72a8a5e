// Generates the editor JSON Schema from the Zod frontmatter schema (the single source of the data model).
import { mkdir, writeFile } from 'node:fs/promises';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { frontmatterSchema } from '../dist/lib/schema.js';

const jsonSchema = zodToJsonSchema(frontmatterSchema, {
  name: 'PostmortemFrontmatter',
  $refStrategy: 'none',
});
const url = new URL('../schema/', import.meta.url);
await mkdir(url, { recursive: true });
await writeFile(new URL('frontmatter.schema.json', url), JSON.stringify(jsonSchema, null, 2) + '\n');
