/** `postmortem new "<title>"`: scaffold a postmortem from the project's or the built-in template. */
import { Command } from 'commander';
import type { RunContext } from '../lib/context.js';
import { examples, parseCalendarDate } from '../lib/options.js';
import { maxTemplateBytes } from '../lib/project-template.js';

export interface NewOptions {
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
      const { runNew } = await import('../lib/run-new.js');
      context.exitCode = await runNew(title, options, context);
    });
}
