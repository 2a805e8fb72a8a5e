/**
 * `--from docx`: Word, or Google Docs "Download → Microsoft Word". mammoth turns the
 * document into HTML (headings by style name, lists, tables, links, bold, checkboxes,
 * images as data: URIs), which then goes through the HTML pipeline. The zip is checked
 * by `checkZip` before mammoth opens it.
 */
import mammoth from 'mammoth';
import { diagnostic, type ImportResult } from './document.js';
import { convertHtml } from './html.js';
import { readInput } from './inputs.js';
import type { ImportLimits } from './limits.js';
import { checkZip } from './zip-guard.js';

const styleMap = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => p:fresh"];

export async function importDocx(path: string, limits: ImportLimits): Promise<ImportResult> {
  const read = await readInput(path, limits.maxInputBytes);
  if (!read.ok) return { documents: [], diagnostics: [read.diagnostic] };
  const problem = await checkZip(read.data, limits);
  if (problem !== null) return { documents: [], diagnostics: [diagnostic(path, 'import-refused', 'error', `${problem}; not imported`)] };
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: read.data }, { styleMap })).value;
  } catch (error) {
    return {
      documents: [],
      diagnostics: [
        diagnostic(
          path,
          'import-unreadable',
          'error',
          `Unexpected content, expected a Word document (${(error as Error).message.split('\n', 1)[0]}); not imported`,
        ),
      ],
    };
  }
  return convertHtml(path, html, null, limits);
}
