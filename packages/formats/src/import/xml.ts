/**
 * XML of a DOCX part as an ordered tree (fast-xml-parser's preserveOrder form), after refusing any
 * DOCTYPE: OOXML never has one, and a declared entity is how "billion laughs" expands a few bytes
 * into gigabytes.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { tooComplex, unreadable } from './refusal.js';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | { text: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

export function refuseDeclarations(xml: string, part: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw tooComplex(`The part ${part} declares XML entities (a DOCTYPE), which Word never writes and which can expand without limit.`);
  }
}

export function parseXml(xml: string, part: string): XmlElement[] {
  refuseDeclarations(xml, part);
  let raw: unknown;
  try {
    // The parser forgives unclosed elements; a damaged part must not be read as a shorter text.
    if (XMLValidator.validate(xml) !== true) throw new Error('not well-formed');
    raw = parser.parse(xml);
  } catch {
    throw unreadable(`The part ${part} is not well-formed XML: the file is damaged.`);
  }
  return toElements(raw).filter((n): n is XmlElement => 'name' in n);
}

function toElements(raw: unknown): XmlNode[] {
  if (!Array.isArray(raw)) return [];
  const out: XmlNode[] = [];
  for (const item of raw as Array<Record<string, unknown>>) {
    for (const key of Object.keys(item)) {
      if (key === ':@') continue;
      if (key === '#text') {
        out.push({ text: String(item[key]) });
        continue;
      }
      const attrs = (item[':@'] ?? {}) as Record<string, string>;
      out.push({ name: key, attrs, children: toElements(item[key]) });
    }
  }
  return out;
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
