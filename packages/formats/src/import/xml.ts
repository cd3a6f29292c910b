/**
 * XML of a DOCX part as a tree, read by a small tokenizer of our own: OOXML uses a plain subset of XML
 * (elements, attributes, text, the five predefined entities and character references; no DTD), and a
 * general parser was the slowest step of an import (0.5 s for a 500-paragraph document on a loaded
 * machine). Anything outside that subset is refused: a DOCTYPE (which OOXML never has, and which is how
 * "billion laughs" expands a few bytes into gigabytes) as too complex, malformed XML as unreadable.
 */
import { tooComplex, unreadable } from './refusal.js';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | { text: string };

export function refuseDeclarations(xml: string, part: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw tooComplex(`The part ${part} declares XML entities (a DOCTYPE), which Word never writes and which can expand without limit.`);
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string, part: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw malformed(part);
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      if (!Number.isSafeInteger(code) || code > 0x10ffff) throw malformed(part);
      return String.fromCodePoint(code);
    }
    const known = ENTITIES[ref];
    if (known === undefined) throw malformed(part);
    return known;
  });
}

function malformed(part: string): Error {
  return unreadable(`The part ${part} is not well-formed XML: the file is damaged.`);
}

/** Word nests a few levels (body, table, row, cell, paragraph, run …); a deeper part is built to exhaust a reader. */
export const MAX_XML_DEPTH = 200;

const ATTR = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
const NAME = /^[^\s/>]+/;

/** The top-level elements of a part (one, the root, for a well-formed part). */
export function parseXml(xml: string, part: string): XmlElement[] {
  refuseDeclarations(xml, part);
  const root: XmlElement = { name: '', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > i) {
      const text = xml.slice(i, textEnd);
      if (stack.length > 1) stack.at(-1)!.children.push({ text: decode(text, part) });
      else if (text.trim() !== '') throw malformed(part);
    }
    if (lt < 0) break;
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw malformed(part);
      i = end + 2;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) throw malformed(part);
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0 || stack.length < 2) throw malformed(part);
      stack.at(-1)!.children.push({ text: xml.slice(lt + 9, end) });
      i = end + 3;
    } else if (xml[lt + 1] === '/') {
      const end = xml.indexOf('>', lt + 2);
      if (end < 0) throw malformed(part);
      const name = xml.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (!open || stack.length === 0 || open.name !== name) throw malformed(part);
      i = end + 1;
    } else {
      const end = tagEnd(xml, lt + 1);
      if (end < 0) throw malformed(part);
      const selfClosing = xml[end - 1] === '/';
      const inner = xml.slice(lt + 1, selfClosing ? end - 1 : end);
      const name = NAME.exec(inner)?.[0];
      if (!name || name.startsWith('!')) throw malformed(part);
      const attrs: Record<string, string> = {};
      const rest = inner.slice(name.length);
      if (rest.trim() !== '') {
        let consumed = 0;
        for (const m of rest.matchAll(ATTR)) {
          if (rest.slice(consumed, m.index).trim() !== '') throw malformed(part);
          attrs[m[1]!] = decode(m[3] ?? m[4] ?? '', part);
          consumed = m.index + m[0].length;
        }
        if (rest.slice(consumed).trim() !== '') throw malformed(part);
      }
      if (stack.length === 1 && root.children.length > 0) throw malformed(part);
      const element: XmlElement = { name, attrs, children: [] };
      stack.at(-1)!.children.push(element);
      if (!selfClosing) {
        stack.push(element);
        if (stack.length > MAX_XML_DEPTH) throw tooComplex(`The part ${part} nests its elements more than ${MAX_XML_DEPTH} deep; a Word document does not.`);
      }
      i = end + 1;
    }
  }
  if (stack.length !== 1) throw malformed(part);
  const elements = root.children.filter((n): n is XmlElement => 'name' in n);
  for (const element of elements) canonicalize(element);
  return elements;
}

/** The prefixes the readers use, by namespace (transitional and strict OOXML alike). */
const CANONICAL: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/math': 'm',
  'http://purl.oclc.org/ooxml/officeDocument/math': 'm',
};

/**
 * Word writes "w:"; other writers may bind the namespace to another prefix ("ns0:") or make it the
 * default, and strict OOXML has its own namespace. Names are rewritten to "w:"/"m:" from the root's
 * declarations (where writers put them), so the readers match one spelling.
 */
function canonicalize(root: XmlElement): void {
  const rename = new Map<string, string>();
  let defaultPrefix: string | null = null;
  for (const [attr, uri] of Object.entries(root.attrs)) {
    const canonical = CANONICAL[uri];
    if (!canonical) continue;
    if (attr === 'xmlns') defaultPrefix = canonical;
    else if (attr.startsWith('xmlns:') && attr.slice(6) !== canonical) rename.set(attr.slice(6), canonical);
  }
  if (rename.size === 0 && defaultPrefix === null) return;
  const fix = (name: string, element: boolean): string => {
    const colon = name.indexOf(':');
    if (colon < 0) return element && defaultPrefix ? `${defaultPrefix}:${name}` : name;
    const to = rename.get(name.slice(0, colon));
    return to ? `${to}:${name.slice(colon + 1)}` : name;
  };
  const walk = (el: XmlElement): void => {
    el.name = fix(el.name, true);
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(el.attrs)) attrs[k.startsWith('xmlns') ? k : fix(k, false)] = v;
    el.attrs = attrs;
    for (const c of el.children) if ('name' in c) walk(c);
  };
  walk(root);
}

/** The ">" ending a start tag, skipping any inside quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote: string | null = null;
  for (let j = from; j < xml.length; j++) {
    const c = xml[j];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
    else if (c === '<') return -1;
  }
  return -1;
}

export function isElement(node: XmlNode): node is XmlElement {
  return 'name' in node;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c): c is XmlElement => isElement(c) && c.name === name);
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => isElement(c) && c.name === name);
}

/** Every descendant element with this name, in document order (not inside a match). */
export function findAll(nodes: readonly XmlNode[], name: string, out: XmlElement[] = []): XmlElement[] {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (node.name === name) out.push(node);
    else findAll(node.children, name, out);
  }
  return out;
}

/** A w:b / w:i style toggle: present and not "0"/"false"/"off". */
export function isOn(el: XmlElement | undefined): boolean {
  if (!el) return false;
  const val = el.attrs['w:val'];
  return val === undefined || !['0', 'false', 'off'].includes(val.toLowerCase());
}
