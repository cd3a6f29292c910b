/**
 * Escaping for the XML and HTML exports. A rolling text is written by many hands and can hold any
 * character a Yjs update carries: characters XML 1.0 forbids (C0 controls, lone surrogates,
 * U+FFFE/U+FFFF) would make the whole file unreadable, so they are dropped rather than escaped.
 */

// eslint-disable-next-line no-control-regex -- the point is to match the control characters
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Text content: `&`, `<` and `>` (the last so that "]]>" never appears). */
export function escapeXmlText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A double-quoted attribute value; tabs and line breaks kept as references so a parser keeps them. */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

export type XmlAttrs = Record<string, string | number | null | undefined>;

/** `name="value"` pairs in the given order, leaving out null and undefined. */
export function xmlAttrs(attrs: XmlAttrs): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    out += ` ${name}="${escapeXmlAttr(String(value))}"`;
  }
  return out;
}

/** One element; `content` is already-escaped markup, or null for an empty element. */
export function xmlElement(name: string, attrs: XmlAttrs, content: string | null): string {
  return content === null || content === '' ? `<${name}${xmlAttrs(attrs)}/>` : `<${name}${xmlAttrs(attrs)}>${content}</${name}>`;
}
