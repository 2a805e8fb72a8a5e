import type { Output } from './output.js';

/** Files above which a progress line is worth showing. */
export const progressThreshold = 200;

/**
 * `Parsed 1200/10000 files…` on stderr, rewritten in place with `\r`.
 * Only when stderr is a TTY (never in logs or pipes) and there are more than 200 files.
 */
export class ProgressLine {
  private lastWidth = 0;
  private lastShownAt = 0;

  constructor(
    private readonly stderr: Output,
    private readonly total: number,
  ) {}

  get enabled(): boolean {
    return this.stderr.isTTY && this.total > progressThreshold;
  }

  update(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (done < this.total && now - this.lastShownAt < 50) return;
    this.lastShownAt = now;
    const text = `Parsed ${done}/${this.total} files…`;
    this.stderr.overwriteLine(text.padEnd(this.lastWidth));
    this.lastWidth = text.length;
  }

  /** Erases the line so later output starts on a clean line. */
  clear(): void {
    if (!this.enabled || this.lastWidth === 0) return;
    this.stderr.overwriteLine(' '.repeat(this.lastWidth));
    this.stderr.overwriteLine('');
    this.lastWidth = 0;
  }
}
