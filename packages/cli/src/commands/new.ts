/** `postmortem new "<title>"`: scaffold a postmortem from the project's or the built-in template. */
import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { Command } from 'commander';
import { toUrlSlug } from '@postmortem-kb/parser';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { fileSlugLength } from '../lib/file-slug.js';
import type { RunContext } from '../lib/context.js';
import { examples, parseCalendarDate } from '../lib/options.js';
import { maxTemplateBytes, projectTemplateName, readProjectTemplate } from '../lib/project-template.js';
import { escapeTerminalText } from '../lib/terminal-text.js';
import { schemaReference } from '../lib/schema-reference.js';
import { builtInTemplate, renderTemplate } from '../lib/template.js';
import { CommandFailure, UsageError } from '../lib/usage-error.js';

interface NewOptions {
  date?: string;
  dir: string;
}

export function createNewCommand(context: RunContext): Command {
  return new Command('new')
    .description('Create a postmortem file <dir>/YYYY-MM-DD-<slug>.md from a template. Never overwrites.')
    .argument('<title>', 'title of the incident (quote it)')
    .option('-d, --date <YYYY-MM-DD>', 'date of the incident (default: today)', parseCalendarDate)
    .option('--dir <dir>', 'directory to create the file in (created if missing)', 'postmortems')
    .addHelpText(
      'after',
      `
The template is <dir>/_template.md if it exists ({{title}}, {{date}} and {{id}} are
replaced), else a built-in one with every section and a $schema comment for editors.
A _template.md that is a symbolic link or not a regular file, or is over ${maxTemplateBytes / 1024} KB,
is refused (exit code 2). The file appears whole or not at all (written to a temporary
file, then linked into place), so a failed run can be retried.
Prints the path of the new file. Exits with code 1 if the file already exists.
${examples([
  ['Start a postmortem for an incident today:', 'postmortem new "Checkout API outage"'],
  ['For an earlier incident, in another directory:', 'postmortem new "DNS resolver overload" --date 2024-03-18 --dir docs/incidents'],
  ['Open it straight away:', '$EDITOR "$(postmortem new "Payment retries storm")"'],
])}`,
    )
    .action(async (title: string, options: NewOptions) => {
      context.exitCode = await runNew(title, options, context);
    });
}

async function runNew(title: string, options: NewOptions, context: RunContext): Promise<number> {
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
