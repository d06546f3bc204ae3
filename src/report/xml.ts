/**
 * Escaping for XML (JUnit) and HTML. XML 1.0 forbids most control characters even as character
 * references, so they are replaced by a visible `\uXXXX` text instead; lone surrogates and the
 * non-characters U+FFFE/U+FFFF likewise. In attributes, tab and line breaks become character
 * references so parsers do not normalise them to spaces.
 */

// Everything XML 1.0 does not allow: C0 except tab/LF/CR, lone surrogates, U+FFFE, U+FFFF.
// (DEL and C1 are allowed by XML 1.0 but unprintable; they are shown as escapes too.)
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visible(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Text content: `&`, `<`, `>` escaped; forbidden characters made visible. */
export function escapeXmlText(s: string): string {
  return s.replace(FORBIDDEN, visible).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute value (always written in double quotes). */
export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** HTML text and attribute values (one function for both: quotes escaped everywhere). */
export function escapeHtml(s: string): string {
  return escapeXmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** `name="value"` pairs; undefined values are left out. */
export function attrs(pairs: Record<string, string | number | undefined>): string {
  return Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXmlAttr(String(v))}"`)
    .join('');
}
