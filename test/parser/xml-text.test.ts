/** Issue 18, item 7: what XML 1.0 forbids never reaches the feed or a page. */
import { describe, expect, it } from 'vitest';
import { stripXmlForbidden } from '../../packages/parser/src/lib/xml-text.js';

describe('stripXmlForbidden', () => {
  it('removes C0 controls but tab, newline and carriage return, U+FFFE, U+FFFF and lone surrogates', () => {
    expect(stripXmlForbidden('a\fb\u001b[2Jc\uFFFEd\uFFFFe\uD800f\uDC00g\u0000h\u0007')).toBe('ab[2Jcdefgh');
  });

  it('keeps tabs, line breaks, emoji (surrogate pairs) and C1-free Unicode text as it is', () => {
    const text = 'tab\there\r\nnew line · 数据库 😀 é';
    expect(stripXmlForbidden(text)).toBe(text);
  });
});
