/**
 * Where the CLI writes: stdout for results, stderr for diagnostics of the run itself.
 * Colour (picocolors) only when the stream is a TTY and `NO_COLOR` is unset;
 * `FORCE_COLOR` (any value but `0` or `false`) turns it on for non-TTY streams such as CI logs.
 * `NO_COLOR` always wins.
 *
 * This is the output boundary for terminal safety: `write` and `line` escape every control
 * character but the line feed, and every escape sequence but the CLI's own colours
 * (see terminal-text.ts). Only `writeData` (CSV, whose cells have their own escaping) and
 * `overwriteLine` (the progress line's carriage return) bypass it.
 */
import picocolors from 'picocolors';
import { sanitizeTerminalOutput } from './terminal-text.js';

export type Colors = ReturnType<typeof picocolors.createColors>;
export type Environment = Readonly<Record<string, string | undefined>>;

export interface WritableTextStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
}

/** Colours that cannot hide text: no `hidden`, no background, no black. */
const excludedColors = new Set(['hidden', 'black', 'createColors', 'isColorSupported']);

/** The exact escape sequences the allowed colours emit, found by asking picocolors. */
const colorSequences: ReadonlySet<string> = new Set(
  Object.entries(picocolors.createColors(true)).flatMap(([name, paint]) => {
    if (excludedColors.has(name) || name.startsWith('bg') || typeof paint !== 'function') return [];
    return (paint as (text: string) => string)('\u0000').split('\u0000');
  }),
);
const noSequences: ReadonlySet<string> = new Set();

export class Output {
  readonly colors: Colors;
  readonly isTTY: boolean;
  private readonly allowedSequences: ReadonlySet<string>;

  constructor(
    readonly stream: WritableTextStream,
    env: Environment,
  ) {
    this.isTTY = stream.isTTY === true;
    const color = colorEnabled(this.isTTY, env);
    this.colors = picocolors.createColors(color);
    this.allowedSequences = color ? colorSequences : noSequences;
  }

  /** Human-readable text: control characters and foreign escape sequences are shown escaped. */
  write(text: string): void {
    this.stream.write(sanitizeTerminalOutput(text, this.allowedSequences));
  }

  /** Writes `text` (as `write` does) followed by a newline. */
  line(text = ''): void {
    this.write(`${text}\n`);
  }

  /** Data in a format with its own escaping (CSV), written as is. */
  writeData(text: string): void {
    this.stream.write(text);
  }

  /** Returns to the start of the line and writes `text` there (a progress line on a terminal). */
  overwriteLine(text: string): void {
    this.stream.write(`\r${sanitizeTerminalOutput(text, this.allowedSequences)}`);
  }
}

export function colorEnabled(isTTY: boolean, env: Environment): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return isTTY;
}
