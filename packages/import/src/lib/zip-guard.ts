/**
 * A zip (a .docx) is checked before any converter inflates it: the entry count and the
 * declared sizes from the central directory first, then every entry is inflated once, and
 * inflation stops as soon as an entry grows past its declared size (a zip bomb that lies
 * about its sizes). XML parts must carry no DTD, so no entity can expand.
 */
import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import type { ImportLimits } from './limits.js';

function openZip(data: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    );
  });
}

function entries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const found: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      found.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(found));
    zip.on('error', reject);
    zip.readEntry();
  });
}

function streamInflate(zip: yauzl.ZipFile, entry: yauzl.Entry, keep: boolean): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (keep) chunks.push(chunk);
      });
      stream.on('end', () => resolve(keep ? Buffer.concat(chunks) : null));
      stream.on('error', reject);
    });
  });
}

const stored = 0;
const deflated = 8;

/**
 * An entry inflated in one call from the buffer (a .docx has a few dozen small entries, and a
 * stream per entry costs more than the inflating), never past its declared size. An entry that
 * is not what it declares, or not plain stored/deflated data, goes through yauzl's validating
 * stream instead, whose error names what is wrong.
 */
async function inflate(zip: yauzl.ZipFile, data: Buffer, entry: yauzl.Entry, keep: boolean): Promise<Buffer | null> {
  if (!entry.isEncrypted() && (entry.compressionMethod === stored || entry.compressionMethod === deflated)) {
    const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
    const raw = data.subarray(fileDataStart, fileDataStart + entry.compressedSize);
    let content: Buffer | null = null;
    try {
      content = entry.compressionMethod === stored ? raw : inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch {
      // Larger than declared, or damaged: the stream below reports it.
    }
    if (content !== null && content.length === entry.uncompressedSize) return keep ? content : null;
  }
  return streamInflate(zip, entry, keep);
}

/** The reason `data` is refused, or null when it is a zip within the limits. */
export async function checkZip(data: Buffer, limits: ImportLimits): Promise<string | null> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(data);
  } catch (error) {
    return `Unexpected content, expected a zip archive (${(error as Error).message})`;
  }
  try {
    if (zip.entryCount > limits.maxZipEntries) return `Unexpected zip with ${zip.entryCount} entries, expected at most ${limits.maxZipEntries}`;
    const list = await entries(zip);
    let total = 0;
    for (const entry of list) {
      total += entry.uncompressedSize;
      if (total > limits.maxZipUncompressedBytes) return `Unexpected zip of more than ${limits.maxZipUncompressedBytes} bytes uncompressed, expected less`;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > 1_000_000 && ratio > limits.maxZipRatio) {
        return `Unexpected compression ratio ${Math.round(ratio)}:1 in ${JSON.stringify(entry.fileName)}, expected at most ${limits.maxZipRatio}:1 (a zip bomb?)`;
      }
    }
    for (const entry of list) {
      if (entry.fileName.endsWith('/')) continue;
      const isXml = /\.(?:xml|rels)$/i.test(entry.fileName);
      const content = await inflate(zip, data, entry, isXml);
      if (content !== null && /<!(?:DOCTYPE|ENTITY)/i.test(content.toString('latin1'))) {
        return `Unexpected DTD in ${JSON.stringify(entry.fileName)}, expected none (entity declarations are refused)`;
      }
    }
    return null;
  } catch (error) {
    return `Unexpected damaged zip (${(error as Error).message})`;
  } finally {
    zip.close();
  }
}
