/** Argument parsers shared by commands; bad values become one-line usage errors (exit 2). */
import { InvalidArgumentError } from 'commander';

export function parseNonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number ≥ 0.');
  return Number(value);
}

export function parsePositiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) === 0) throw new InvalidArgumentError('expected a whole number ≥ 1.');
  return Number(value);
}

export function parseCalendarDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) throw new InvalidArgumentError('expected a calendar date YYYY-MM-DD.');
  return value;
}

/** "Examples:" help text appended after a command's options: what it does, then the command. */
export function examples(lines: ReadonlyArray<readonly [explanation: string, command: string]>): string {
  return `\nExamples:\n${lines.map(([explanation, command]) => `  ${explanation}\n    $ ${command}`).join('\n\n')}\n`;
}
