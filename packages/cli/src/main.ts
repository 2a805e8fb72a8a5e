/**
 * The `postmortem` program. `main(argv)` runs one command and returns the exit code:
 * 0 success, 1 problems found (lint errors, too many warnings, export of files with errors,
 * `new` onto an existing file), 2 usage or configuration errors and failed runs.
 * It never calls `process.exit` and never prints a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { createExportCommand } from './commands/export.js';
import { createImportCommand } from './commands/import.js';
import { createLintCommand } from './commands/lint.js';
import { createMcpCommand } from './commands/mcp.js';
import { createNewCommand } from './commands/new.js';
import { createPrecedentsCommand } from './commands/precedents.js';
import { createRelatedCommand } from './commands/related.js';
import { createRulesCommand } from './commands/rules.js';
import { createSiteCommand } from './commands/site.js';
import { createStatsCommand } from './commands/stats.js';
import { createRunContext, type RunContext, type RunEnvironment } from './lib/context.js';
import { examples } from './lib/options.js';
import { escapeTerminalText } from './lib/terminal-text.js';
import { CommandFailure, UsageError } from './lib/usage-error.js';
import { cliVersion } from './lib/version.js';

export const programName = 'postmortem';
export const usageExitCode = 2;

export async function main(argv: readonly string[], io: RunEnvironment = {}): Promise<number> {
  const context = createRunContext(io);
  const program = createProgram(context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    return reportFailure(error, context);
  }
}

export function createProgram(context: RunContext): Command {
  const program = new Command(programName)
    .description('Lint, export, scaffold and summarise incident postmortems written in markdown.')
    .version(cliVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .addHelpText(
      'after',
      `
Exit codes: 0 success, 1 problems found, 2 usage or configuration error.
Colour only on a terminal; NO_COLOR turns it off, FORCE_COLOR turns it on in CI logs.
${examples([
  ['Lint the postmortems/ directory:', 'postmortem lint'],
  ['Start a new postmortem:', 'postmortem new "Checkout API outage"'],
  ['Numbers across all incidents:', 'postmortem stats'],
  ['Incidents like this one:', 'postmortem related postmortems/2024-03-18-dns-resolver-overload.md'],
  ['Past incidents to read before changing a service:', 'postmortem precedents --service api-gateway'],
  ['All incidents as CSV:', 'postmortem export --format csv --output incidents.csv'],
  ['The static site, into dist/:', 'postmortem site build'],
  ['The postmortems for AI agents (MCP on stdio):', 'postmortem mcp --dir postmortems'],
])}`,
    );

  for (const command of [
    createLintCommand(context),
    createExportCommand(context),
    createNewCommand(context),
    createStatsCommand(context),
    createRelatedCommand(context),
    createPrecedentsCommand(context),
    createRulesCommand(context),
    createImportCommand(context),
    createSiteCommand(context),
    createMcpCommand(context),
  ]) {
    program.addCommand(command);
  }
  for (const command of [program, ...program.commands, ...program.commands.flatMap((command) => command.commands)]) configureErrors(command, context);
  program.hook('preAction', (_program, actionCommand) => {
    const parent = actionCommand.parent && actionCommand.parent !== program ? `${actionCommand.parent.name()} ` : '';
    context.commandName = `${programName} ${parent}${actionCommand.name()}`;
  });
  return program;
}

/** Usage errors become one line on stderr and an exception main turns into exit code 2. */
function configureErrors(command: Command, context: RunContext): void {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent) names.unshift(current.name());
  const name = [programName, ...names].join(' ');
  command
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
      outputError: (text, write) => {
        const message = text
          .trim()
          .replace(/^error: /, '')
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .join(' ');
        write(`${name}: ${escapeTerminalText(message)} (see "${name} --help")\n`);
      },
    });
}

function reportFailure(error: unknown, context: RunContext): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    // `postmortem` without a command shows the help on stderr; everything else was already printed on one line.
    return usageExitCode;
  }
  // Messages name paths and values that may hold control characters: one escaped line each.
  if (error instanceof UsageError) {
    context.stderr.line(`${context.commandName}: ${escapeTerminalText(error.message)}`);
    return usageExitCode;
  }
  if (error instanceof CommandFailure) {
    context.stderr.line(`${context.commandName}: ${escapeTerminalText(error.message)}`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  context.stderr.line(`${context.commandName}: ${escapeTerminalText(message.split('\n', 1)[0]!)}`);
  return usageExitCode;
}
