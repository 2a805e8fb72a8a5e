/** What `postmortem mcp` does once its options are parsed (loaded only when it runs). */
import type { McpOptions } from '../commands/mcp.js';
import type { RunContext } from './context.js';
import { loadCorpus, resolveInputPaths } from './corpus.js';
import { cliVersion } from './version.js';

export async function runMcp(options: McpOptions, context: RunContext): Promise<void> {
  // Checked before the server starts: a wrong --dir is a usage error, not a silent empty corpus.
  const inputs = await resolveInputPaths(options.dir !== undefined ? [options.dir] : [], context.cwd);
  const config = await context.config();
  // The SDK is loaded only by this command, so the other commands start as fast as before.
  const { createCorpusServer, serveStdio } = await import('./mcp-server.js');
  const corpus = loadCorpus(inputs, { cwd: context.cwd, config, stderr: context.stderr });
  // A load that fails after the handshake still answers every call with the failure.
  corpus.catch(() => undefined);
  const server = createCorpusServer({ name: 'postmortem-kb', version: cliVersion(), corpus });
  await serveStdio(server);
}
