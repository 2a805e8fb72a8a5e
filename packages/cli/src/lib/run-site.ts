/** What `postmortem site build` and `site dev` do once their options are parsed (loaded only when they run). */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { BuildOptions, DevOptions } from '../commands/site.js';
import type { RunContext } from './context.js';
import { defaultCorpusDir } from './corpus.js';
import { generatedAstroRoot, loadSiteRuntime, type SiteRuntime } from './site-runtime.js';
import { CommandFailure, UsageError } from './usage-error.js';

export async function runSiteBuild(dir: string | undefined, options: BuildOptions, context: RunContext): Promise<void> {
  const runtime = await loadSiteRuntime(context.cwd);
  const outDir = resolve(context.cwd, options.out);
  try {
    await runtime.astro.build(await astroConfig(context, runtime, dir, { ...options, outDir }));
  } catch (error) {
    throw siteError(error);
  }
  context.stderr.line(`Site written to ${relative(context.cwd, outDir) || '.'}`);
}

export async function runSiteDev(dir: string | undefined, options: DevOptions, context: RunContext): Promise<void> {
  const runtime = await loadSiteRuntime(context.cwd);
  let server: Awaited<ReturnType<SiteRuntime['astro']['dev']>>;
  try {
    server = await runtime.astro.dev({
      ...(await astroConfig(context, runtime, dir, options)),
      server: { port: Number(options.port), host: options.host },
    });
  } catch (error) {
    throw siteError(error);
  }
  await new Promise<void>((done) => {
    const stop = () => void server.stop().then(done, done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function astroConfig(
  context: RunContext,
  runtime: SiteRuntime,
  dir: string | undefined,
  options: { outDir?: string; base?: string; strict?: boolean },
): Promise<Record<string, unknown>> {
  const config = await context.config();
  const configured = typeof config.site?.['dir'] === 'string' ? resolve(config.baseDir ?? context.cwd, config.site['dir']) : undefined;
  const postmortems =
    dir !== undefined
      ? resolve(context.cwd, dir)
      : (configured ?? (existsSync(resolve(context.cwd, defaultCorpusDir)) ? resolve(context.cwd, defaultCorpusDir) : context.cwd));
  if (!existsSync(postmortems)) throw new UsageError(`no such directory: ${dir ?? postmortems}`);
  // Astro's telemetry is opt-out; a command that only builds files makes no network requests.
  process.env['ASTRO_TELEMETRY_DISABLED'] ??= '1';
  return {
    root: await generatedAstroRoot(context.cwd),
    configFile: false,
    logLevel: 'warn',
    ...(options.outDir === undefined ? {} : { outDir: options.outDir }),
    integrations: [
      runtime.integration.default({
        dir: postmortems,
        ...(options.base === undefined ? {} : { base: options.base }),
        ...(options.strict ? { strict: true } : {}),
      }),
    ],
  };
}

/** Content errors under --strict are problems found (exit 1); anything else is a configuration or usage error (exit 2). */
function siteError(error: unknown): Error {
  const messages: string[] = [];
  for (let cause: unknown = error; cause instanceof Error && messages.length < 5; cause = cause.cause) messages.push(cause.message);
  const content = messages.find((message) => /^\d+ problems? in postmortems:/.test(message));
  // Each problem was printed on its own line before the build stopped; the failure is one line.
  if (content !== undefined) return new CommandFailure(`${content.split('\n', 1)[0]!.replace(/:$/, '')} (listed above): the site was not built`);
  const ours = messages.find((message) => message.startsWith('@postmortem-kb/astro: '));
  return new UsageError(ours ?? messages.join(': ') ?? String(error));
}
