import { parseDocument } from 'htmlparser2';
import type { HtmlNode } from '../../src/editor/clipboard-html-lines';

/**
 * Just enough of a DOM for the clipboard code under Node: HTML parsed by htmlparser2 as the
 * minimal nodes clipboard-html-lines.ts reads, and a document that ProseMirror's DOMSerializer and
 * the clipboard serializer can write into and that prints itself as HTML.
 */

interface ParsedNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: ParsedNode[];
}

function adapt(node: ParsedNode): HtmlNode {
  const element = node.type === 'tag' || node.type === 'script' || node.type === 'style' || node.type === 'root';
  return {
    nodeType: element ? 1 : node.type === 'text' ? 3 : 8,
    nodeName: node.type === 'root' ? 'BODY' : element ? node.name!.toUpperCase() : node.type === 'text' ? '#text' : '#comment',
    nodeValue: element ? null : (node.data ?? null),
    childNodes: (node.children ?? []).map(adapt),
    getAttribute: (name: string) => node.attribs?.[name.toLowerCase()] ?? null,
  };
}

/** HTML as the browser's DOMParser would give its body (entities decoded, tags lower-cased). */
export function parseHtml(html: string): HtmlNode {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }) as unknown as ParsedNode;
  return adapt(doc);
}

const VOID = new Set(['br', 'hr', 'img', 'meta']);

function escape(text: string, attribute = false): string {
  const out = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
  return attribute ? out.replace(/"/g, '&quot;') : out;
}

export class FakeNode {
  childNodes: FakeNode[] = [];
  constructor(
    readonly nodeType: number,
    readonly nodeName: string,
    public nodeValue: string | null = null,
  ) {}
  appendChild<T extends FakeNode>(child: T): T {
    if (child.nodeType === 11) {
      this.childNodes.push(...child.childNodes);
      child.childNodes = [];
    } else this.childNodes.push(child);
    return child;
  }
  append(...nodes: Array<FakeNode | string>): void {
    for (const node of nodes) this.appendChild(typeof node === 'string' ? new FakeNode(3, '#text', node) : node);
  }
  get firstChild(): FakeNode | null {
    return this.childNodes[0] ?? null;
  }
  get textContent(): string {
    return this.nodeType === 3 ? (this.nodeValue ?? '') : this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(value: string) {
    this.childNodes = value ? [new FakeNode(3, '#text', value)] : [];
  }
  get html(): string {
    if (this.nodeType === 3) return escape(this.nodeValue ?? '');
    return this.childNodes.map((c) => c.html).join('');
  }
}

export class FakeElement extends FakeNode {
  readonly attributes = new Map<string, string>();
  constructor(tag: string) {
    super(1, tag.toUpperCase());
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
  override get html(): string {
    const tag = this.nodeName.toLowerCase();
    const attrs = [...this.attributes].map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${escape(v, true)}"`)).join('');
    return VOID.has(tag) ? `<${tag}${attrs}>` : `<${tag}${attrs}>${super.html}</${tag}>`;
  }
}

export const fakeDocument = {
  createElement: (tag: string) => new FakeElement(tag),
  createElementNS: (_ns: string, tag: string) => new FakeElement(tag),
  createTextNode: (text: string) => new FakeNode(3, '#text', text),
  createDocumentFragment: () => new FakeNode(11, '#document-fragment'),
};
