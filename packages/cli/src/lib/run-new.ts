/** What `postmortem new` does once its options are parsed (loaded only when it runs). */
import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { toUrlSlug } from '@postmortem-kb/parser';
import type { NewOptions } from '../commands/new.js';
import { writeFileAtomic } from './atomic-write.js';
import type { RunContext } from './context.js';
import { fileSlugLength } from './file-slug.js';
import { projectTemplateName, readProjectTemplate } from './project-template.js';
import { schemaReference } from './schema-reference.js';
import { builtInTemplate, renderTemplate } from './template.js';
import { escapeTerminalText } from './terminal-text.js';
import { CommandFailure, UsageError } from './usage-error.js';

export async function runNew(title: string, options: NewOptions, context: RunContext): Promise<number> {
  const cleanTitle = title.trim();
  if (!/[\p{L}\p{N}]/u.test(cleanTitle)) throw new UsageError('the title needs at least one letter or digit');
  const slug = toUrlSlug(cleanTitle, { maxLength: fileSlugLength });
  const date = options.date ?? localToday();
  const id = `${date}-${slug}`;
  const dir = resolve(context.cwd, options.dir);
  const path = join(dir, `${id}.md`);
  const shownPath = relative(context.cwd, path) || path;

  const projectTemplate = await readProjectTemplate(dir, relative(context.cwd, join(dir, projectTemplateName)) || projectTemplateName);
  const text =
    projectTemplate !== null
      ? renderTemplate(projectTemplate, { title: cleanTitle, date, id })
      : renderTemplate(builtInTemplate, { title: cleanTitle, date, id, schema: schemaReference(dir, context.cwd) });

  await mkdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot create the directory ${relative(context.cwd, dir) || dir}: ${error.code ?? error.message}`);
  });
  try {
    await writeFileAtomic(path, text, { overwrite: false });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CommandFailure(`${shownPath} already exists; not overwriting it (choose another title or --date)`);
    throw new Error(`cannot write ${shownPath}: ${code ?? (error as Error).message}`);
  }
  context.stdout.line(escapeTerminalText(shownPath));
  return 0;
}

function localToday(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
