/**
 * Where the CLI writes: stdout for results, stderr for diagnostics of the run itself.
 * Colour (picocolors) only when the stream is a TTY and `NO_COLOR` is unset;
 * `FORCE_COLOR` (any value but `0` or `false`) turns it on for non-TTY streams such as CI logs.
 * `NO_COLOR` always wins.
 */
import picocolors from 'picocolors';

export type Colors = ReturnType<typeof picocolors.createColors>;
export type Environment = Readonly<Record<string, string | undefined>>;

export interface WritableTextStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
}

export class Output {
  readonly colors: Colors;
  readonly isTTY: boolean;

  constructor(
    readonly stream: WritableTextStream,
    env: Environment,
  ) {
    this.isTTY = stream.isTTY === true;
    this.colors = picocolors.createColors(colorEnabled(this.isTTY, env));
  }

  write(text: string): void {
    this.stream.write(text);
  }

  /** Writes `text` followed by a newline. */
  line(text = ''): void {
    this.stream.write(`${text}\n`);
  }
}

export function colorEnabled(isTTY: boolean, env: Environment): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return isTTY;
}
