import type { Config } from './config.js';
import { Output, type Environment, type WritableTextStream } from './output.js';

/** What a command needs from the outside world; commands set `exitCode` instead of exiting. */
export interface RunContext {
  cwd: string;
  env: Environment;
  stdout: Output;
  stderr: Output;
  /** `postmortem <command>` once a command runs, for error messages. */
  commandName: string;
  /** 0 unless a command sets it. */
  exitCode: number;
  /** The project configuration for `cwd`, read once. */
  config(): Promise<Config>;
}

export interface RunEnvironment {
  cwd?: string;
  env?: Environment;
  stdout?: WritableTextStream;
  stderr?: WritableTextStream;
}

export function createRunContext(io: RunEnvironment = {}): RunContext {
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  let config: Promise<Config> | undefined;
  return {
    cwd,
    env,
    stdout: new Output(io.stdout ?? process.stdout, env),
    stderr: new Output(io.stderr ?? process.stderr, env),
    commandName: 'postmortem',
    exitCode: 0,
    // The configuration reader (and the parser modules it needs) loads only for commands that read it.
    config: () => (config ??= import('./config.js').then(({ findConfig }) => findConfig(cwd))),
  };
}
