import { type DOMOutputSpec, type Mark, type Node, Schema } from 'prosemirror-model';

/**
 * The rolling text as a ProseMirror schema, shared by the editor, the server and every conversion.
 *
 *   doc          box+
 *   box          boxTitle paragraph*        (numbered I, II, … by position)
 *   paragraph    paragraphText subparagraph* (numbered 1, 2, 2bis, … per box; may be one of an Alt group)
 *   subparagraph inline*                     (lettered (a), (b), (b bis), … per paragraph)
 *   inline       text | footnote
 *
 * Every box, paragraph, sub-paragraph, bracket and footnote carries a permanent `id`: comments,
 * amendments and comparisons attach to the id, never to the number it shows today. `num`/`sfx` are
 * the label a paragraph was given (see labels.ts); they keep a label stable until the chair renumbers.
 */

export const PARAGRAPH_STATUSES = ['under_negotiation', 'agreed_ad_ref', 'agreed'] as const;
export type ParagraphStatus = (typeof PARAGRAPH_STATUSES)[number];

export const statusLabels: Record<ParagraphStatus, string> = {
  under_negotiation: 'Under negotiation',
  agreed_ad_ref: 'Agreed ad referendum',
  agreed: 'Agreed',
};

export function isParagraphStatus(value: unknown): value is ParagraphStatus {
  return typeof value === 'string' && (PARAGRAPH_STATUSES as readonly string[]).includes(value);
}

/** Node and mark names, so callers never spell them twice. */
export const N = {
  doc: 'doc',
  box: 'box',
  boxTitle: 'boxTitle',
  paragraph: 'paragraph',
  paragraphText: 'paragraphText',
  subparagraph: 'subparagraph',
  footnote: 'footnote',
  text: 'text',
} as const;

export const M = { bracket: 'bracket', em: 'em', strong: 'strong' } as const;

/**
 * The little of a DOM element that parsing reads. The model also runs on the server, which compiles
 * without the DOM library, so the schema must not name HTMLElement.
 */
interface DomElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

function intOrNull(value: string | null): number | null {
  if (value === null || value === '') return null;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

function labelAttrsFromDom(dom: DomElement): { id: string | null; num: number | null; sfx: number } {
  return { id: dom.getAttribute('data-id'), num: intOrNull(dom.getAttribute('data-num')), sfx: intOrNull(dom.getAttribute('data-sfx')) ?? 0 };
}

function labelAttrsToDom(node: Node): Record<string, string> {
  const attrs: Record<string, string> = { 'data-id': String(node.attrs.id ?? '') };
  if (node.attrs.num !== null) attrs['data-num'] = String(node.attrs.num);
  if (node.attrs.sfx) attrs['data-sfx'] = String(node.attrs.sfx);
  return attrs;
}

function sponsorsFromDom(dom: DomElement): string[] {
  const raw = dom.getAttribute('data-sponsors');
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

export const schema = new Schema({
  nodes: {
    doc: { content: 'box+' },
    box: {
      content: 'boxTitle paragraph*',
      attrs: { id: { default: null } },
      defining: true,
      isolating: true,
      parseDOM: [{ tag: 'section[data-box]', getAttrs: (dom) => ({ id: (dom as DomElement).getAttribute('data-id') }) }],
      toDOM: (node): DOMOutputSpec => ['section', { 'data-box': '', 'data-id': String(node.attrs.id ?? ''), class: 'rt-box' }, 0],
    },
    boxTitle: {
      content: 'text*',
      marks: '',
      defining: true,
      parseDOM: [{ tag: 'h2[data-box-title]' }],
      toDOM: (): DOMOutputSpec => ['h2', { 'data-box-title': '', class: 'rt-box-title' }, 0],
    },
    paragraph: {
      content: 'paragraphText subparagraph*',
      attrs: {
        id: { default: null },
        num: { default: null },
        sfx: { default: 0 },
        status: { default: 'under_negotiation' },
        alt: { default: null },
      },
      defining: true,
      parseDOM: [
        {
          tag: 'div[data-paragraph]',
          getAttrs: (dom) => {
            const el = dom as DomElement;
            const status = el.getAttribute('data-status');
            return { ...labelAttrsFromDom(el), status: isParagraphStatus(status) ? status : 'under_negotiation', alt: el.getAttribute('data-alt') || null };
          },
        },
      ],
      toDOM: (node): DOMOutputSpec => {
        const attrs: Record<string, string> = { 'data-paragraph': '', class: 'rt-paragraph', ...labelAttrsToDom(node), 'data-status': String(node.attrs.status) };
        if (node.attrs.alt) attrs['data-alt'] = String(node.attrs.alt);
        return ['div', attrs, 0];
      },
    },
    paragraphText: {
      content: 'inline*',
      parseDOM: [{ tag: 'p[data-paragraph-text]' }],
      toDOM: (): DOMOutputSpec => ['p', { 'data-paragraph-text': '', class: 'rt-paragraph-text' }, 0],
    },
    subparagraph: {
      content: 'inline*',
      attrs: { id: { default: null }, num: { default: null }, sfx: { default: 0 } },
      parseDOM: [{ tag: 'p[data-subparagraph]', getAttrs: (dom) => labelAttrsFromDom(dom as DomElement) }],
      toDOM: (node): DOMOutputSpec => ['p', { 'data-subparagraph': '', class: 'rt-subparagraph', ...labelAttrsToDom(node) }, 0],
    },
    footnote: {
      inline: true,
      group: 'inline',
      atom: true,
      selectable: true,
      attrs: { id: { default: null }, text: { default: '' } },
      parseDOM: [
        {
          tag: 'span[data-footnote]',
          getAttrs: (dom) => {
            const el = dom as DomElement;
            return { id: el.getAttribute('data-id'), text: el.getAttribute('data-text') ?? el.textContent ?? '' };
          },
        },
      ],
      toDOM: (node): DOMOutputSpec => [
        'span',
        { 'data-footnote': '', class: 'rt-footnote', 'data-id': String(node.attrs.id ?? ''), 'data-text': String(node.attrs.text), title: String(node.attrs.text) },
      ],
    },
    text: { group: 'inline' },
  },
  marks: {
    // First, so that it is the outermost mark: one bracket renders as one span around emphasis in it.
    bracket: {
      attrs: { id: { default: null }, sponsors: { default: [] } },
      // Typing just after "]" writes outside the bracket; to extend it, type inside.
      inclusive: false,
      parseDOM: [
        {
          tag: 'span[data-bracket]',
          getAttrs: (dom) => ({ id: (dom as DomElement).getAttribute('data-id'), sponsors: sponsorsFromDom(dom as DomElement) }),
        },
      ],
      toDOM: (mark: Mark): DOMOutputSpec => {
        const sponsors = (mark.attrs.sponsors as string[]) ?? [];
        const attrs: Record<string, string> = { 'data-bracket': '', class: 'rt-bracket', 'data-id': String(mark.attrs.id ?? '') };
        if (sponsors.length > 0) {
          attrs['data-sponsors'] = JSON.stringify(sponsors);
          attrs.title = `Proposed by ${sponsors.join(', ')}`;
        }
        return ['span', attrs, 0];
      },
    },
    em: {
      parseDOM: [{ tag: 'em' }, { tag: 'i' }, { style: 'font-style=italic' }],
      toDOM: (): DOMOutputSpec => ['em', 0],
    },
    strong: {
      parseDOM: [{ tag: 'strong' }, { tag: 'b' }, { style: 'font-weight=bold' }],
      toDOM: (): DOMOutputSpec => ['strong', 0],
    },
  },
});

export type RollingTextSchema = typeof schema;
