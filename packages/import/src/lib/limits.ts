/**
 * Bounds on what an import reads, so a hostile or broken export is refused with a
 * diagnostic instead of exhausting memory or the stack.
 */
export interface ImportLimits {
  /** Largest input file read (HTML, JSON, CSV, markdown, a .docx as stored). */
  maxInputBytes: number;
  /** Largest markdown file written: the parser's own per-file cap, so every written file parses. */
  maxOutputBytes: number;
  /** Entries in a .docx (or any zip): a Word document has a few dozen. */
  maxZipEntries: number;
  /** Sum of the uncompressed sizes of a zip's entries. */
  maxZipUncompressedBytes: number;
  /** Uncompressed / compressed size of one entry; XML compresses about 10:1, bombs 1000:1. */
  maxZipRatio: number;
  /** Nesting depth of an HTML document's elements. */
  maxHtmlDepth: number;
  /** Bytes of one embedded image. */
  maxImageBytes: number;
  /** Records (issues, rows, pages) taken from one input. */
  maxRecords: number;
}

export const defaultLimits: ImportLimits = {
  maxInputBytes: 20_000_000,
  maxOutputBytes: 1_000_000,
  maxZipEntries: 1_000,
  maxZipUncompressedBytes: 100_000_000,
  maxZipRatio: 200,
  maxHtmlDepth: 256,
  maxImageBytes: 10_000_000,
  maxRecords: 100_000,
};
