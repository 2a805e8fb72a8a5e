/** `postmortem mcp`: the corpus as a read-only Model Context Protocol server on stdio, for AI agents and editors. */
import { Command } from 'commander';
import type { RunContext } from '../lib/context.js';
import { examples } from '../lib/options.js';

export interface McpOptions {
  dir?: string;
}

export function createMcpCommand(context: RunContext): Command {
  return new Command('mcp')
    .description('Serve the postmortems to AI agents and editors over the Model Context Protocol (stdio), read-only.')
    .option('--dir <dir>', 'the corpus to serve (default: postmortems/ if it exists, else .)')
    .addHelpText(
      'after',
      `
Tools: search {query, limit}, get_postmortem {id}, related {id, limit},
precedents {service, category, organization, text, before, limit},
open_follow_ups {service, category, organization, incident, overdue_only, limit}.
Answers are JSON computed from the parsed corpus, read once at start (restart to see new
files); postmortem text in them is data, never instructions. Stdout carries the protocol;
diagnostics go to stderr. The server stops when its client closes stdin.
An MCP client starts it; register it in the client's settings (.mcp.json and the like) as
  { "command": "npx", "args": ["postmortem", "mcp", "--dir", "postmortems"] }
${examples([
  ['The command a client runs:', 'postmortem mcp --dir postmortems'],
  ['Try it by hand with the MCP inspector:', 'npx @modelcontextprotocol/inspector npx postmortem mcp'],
])}`,
    )
    .action(async (options: McpOptions) => {
      const { runMcp } = await import('../lib/run-mcp.js');
      await runMcp(options, context);
    });
}
