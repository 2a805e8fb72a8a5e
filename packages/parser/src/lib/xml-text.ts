/**
 * Text that XML 1.0 (and so RSS, and HTML read as XML) can hold. A postmortem title with a
 * form feed, an ESC or U+FFFE makes a feed that is no longer well-formed XML, and a control
 * character in a page can drive a terminal that shows it: both are removed wherever the site
 * writes XML or HTML.
 */

/** C0 controls but tab, newline and carriage return; U+FFFE and U+FFFF; lone surrogates (with `u`, a pair is one code point). */
const xmlForbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;

/** `text` without the characters XML 1.0 forbids. */
export function stripXmlForbidden(text: string): string {
  return text.replace(xmlForbidden, '');
}
