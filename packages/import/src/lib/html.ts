/** `--from html`: Google Docs "Download → Web page", Confluence exports (HTML or storage format), any saved page. */
import { basename, dirname, extname } from 'node:path';
import { classifyHeading } from '@postmortem-kb/parser';
import type { ImportResult } from './document.js';
import { diagnostic } from './document.js';
import { DocumentRefused, htmlToMarkdown } from './html-to-markdown.js';
import { decodeText, readInput } from './inputs.js';
import type { ImportLimits } from './limits.js';

export async function importHtml(path: string, limits: ImportLimits): Promise<ImportResult> {
  const read = await readInput(path, limits.maxInputBytes);
  if (!read.ok) return { documents: [], diagnostics: [read.diagnostic] };
  return convertHtml(path, decodeText(read.data), dirname(path), limits);
}

/**
 * A document without a title of its own whose first heading names a section ("# Summary",
 * as Confluence's storage format and many Word files have) is titled after its file name.
 */
export function titleFallback(markdown: string, source: string): string | undefined {
  const firstHeading = markdown.split('\n').find((line) => line.startsWith('# '));
  if (firstHeading !== undefined && classifyHeading(firstHeading.slice(2).trim()) === null) return undefined;
  const stem = basename(source, extname(source)).replaceAll('_', ' ').replaceAll('-', ' ').trim();
  return stem === '' ? undefined : stem;
}

/** One HTML document → one imported document (or a refusal). */
export async function convertHtml(source: string, html: string, baseDir: string | null, limits: ImportLimits): Promise<ImportResult> {
  try {
    const converted = await htmlToMarkdown(html, { baseDir, maxHtmlDepth: limits.maxHtmlDepth, maxImageBytes: limits.maxImageBytes });
    return {
      documents: [
        {
          source,
          frontmatter: { title: converted.title ?? titleFallback(converted.markdown, source) },
          body: converted.markdown,
          assets: converted.assets,
          diagnostics: converted.notes.map((note) => diagnostic(source, 'import-lossy', 'warning', note)),
        },
      ],
      diagnostics: [],
    };
  } catch (error) {
    if (error instanceof DocumentRefused)
      return { documents: [], diagnostics: [diagnostic(source, 'import-refused', 'error', `${error.message}; not imported`)] };
    throw error;
  }
}
