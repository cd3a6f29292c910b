import { type DOMOutputSpec, type Mark, type MarkType, type Node, type NodeType, Schema } from 'prosemirror-model';
import { isWellFormedId } from './ids.js';
import { isLabelNumber, MAX_LABEL_NUMBER } from './label-claims.js';

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

/**
 * What a value of one attribute may be, written next to the attribute in the schema below (as the
 * node's or mark's `attrRules`). The server refuses any Yjs update that writes a value outside its
 * rule (yjs-content-check.ts), and the editor opens a text holding one read-only.
 */
export interface AttrRule {
  accepts(value: unknown): boolean;
  /** For refusals: "one of under_negotiation, agreed_ad_ref, agreed". */
  expected: string;
}

/** Limits on what a writer may put in a sponsor list or a footnote. */
export const MAX_SPONSORS = 50;
export const MAX_SPONSOR_LENGTH = 200;
export const MAX_FOOTNOTE_LENGTH = 10_000;

const nullOr = (rule: AttrRule): AttrRule => ({ accepts: (v) => v === null || rule.accepts(v), expected: `null or ${rule.expected}` });
const ID: AttrRule = { accepts: isWellFormedId, expected: 'an id of 1 to 64 letters, digits, "_" or "-"' };
const LABEL_NUMBER: AttrRule = { accepts: isLabelNumber, expected: `an integer from 0 to ${MAX_LABEL_NUMBER}` };
const STATUS: AttrRule = { accepts: (v) => isParagraphStatus(v), expected: `one of ${PARAGRAPH_STATUSES.join(', ')}` };
const FOOTNOTE_TEXT: AttrRule = {
  accepts: (v) => typeof v === 'string' && v.length <= MAX_FOOTNOTE_LENGTH,
  expected: `a string of at most ${MAX_FOOTNOTE_LENGTH} characters`,
};
const SPONSORS: AttrRule = {
  accepts: (v) =>
    Array.isArray(v) && v.length <= MAX_SPONSORS && v.every((name) => typeof name === 'string' && name.trim() !== '' && name.length <= MAX_SPONSOR_LENGTH),
  expected: `an array of at most ${MAX_SPONSORS} names of 1 to ${MAX_SPONSOR_LENGTH} characters`,
};

/** The rule for one attribute of a node or mark type, or undefined when the schema names none. */
export function attrRuleOf(type: NodeType | MarkType, attr: string): AttrRule | undefined {
  const rules = (type.spec as { attrRules?: Record<string, AttrRule> }).attrRules;
  return rules && Object.hasOwn(rules, attr) ? rules[attr] : undefined;
}

/**
 * An attribute as display text: a string or number as is, anything else (an object a writer stored
 * where a string belongs, whose toString may not even be callable) as `fallback`. Readers of stored
 * texts use it so that no value can make them throw.
 */
export function attrText(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return fallback;
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
  const attrs: Record<string, string> = { 'data-id': attrText(node.attrs.id) };
  if (isLabelNumber(node.attrs.num)) attrs['data-num'] = String(node.attrs.num);
  if (isLabelNumber(node.attrs.sfx) && node.attrs.sfx !== 0) attrs['data-sfx'] = String(node.attrs.sfx);
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
      attrRules: { id: nullOr(ID) },
      defining: true,
      isolating: true,
      parseDOM: [{ tag: 'section[data-box]', getAttrs: (dom) => ({ id: (dom as DomElement).getAttribute('data-id') }) }],
      toDOM: (node): DOMOutputSpec => ['section', { 'data-box': '', 'data-id': attrText(node.attrs.id), class: 'rt-box' }, 0],
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
      attrRules: { id: nullOr(ID), num: nullOr(LABEL_NUMBER), sfx: nullOr(LABEL_NUMBER), status: STATUS, alt: nullOr(ID) },
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
        const attrs: Record<string, string> = { 'data-paragraph': '', class: 'rt-paragraph', ...labelAttrsToDom(node), 'data-status': attrText(node.attrs.status) };
        const alt = attrText(node.attrs.alt);
        if (alt) attrs['data-alt'] = alt;
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
      attrRules: { id: nullOr(ID), num: nullOr(LABEL_NUMBER), sfx: nullOr(LABEL_NUMBER) },
      parseDOM: [{ tag: 'p[data-subparagraph]', getAttrs: (dom) => labelAttrsFromDom(dom as DomElement) }],
      toDOM: (node): DOMOutputSpec => ['p', { 'data-subparagraph': '', class: 'rt-subparagraph', ...labelAttrsToDom(node) }, 0],
    },
    footnote: {
      inline: true,
      group: 'inline',
      atom: true,
      selectable: true,
      attrs: { id: { default: null }, text: { default: '' } },
      attrRules: { id: nullOr(ID), text: FOOTNOTE_TEXT },
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
        { 'data-footnote': '', class: 'rt-footnote', 'data-id': attrText(node.attrs.id), 'data-text': attrText(node.attrs.text), title: attrText(node.attrs.text) },
      ],
    },
    text: { group: 'inline' },
  },
  marks: {
    // First, so that it is the outermost mark: one bracket renders as one span around emphasis in it.
    bracket: {
      attrs: { id: { default: null }, sponsors: { default: [] } },
      attrRules: { id: nullOr(ID), sponsors: SPONSORS },
      // Typing just after "]" writes outside the bracket; to extend it, type inside.
      inclusive: false,
      parseDOM: [
        {
          tag: 'span[data-bracket]',
          getAttrs: (dom) => ({ id: (dom as DomElement).getAttribute('data-id'), sponsors: sponsorsFromDom(dom as DomElement) }),
        },
      ],
      toDOM: (mark: Mark): DOMOutputSpec => {
        const sponsors = sponsorNames(mark.attrs.sponsors);
        const attrs: Record<string, string> = { 'data-bracket': '', class: 'rt-bracket', 'data-id': attrText(mark.attrs.id) };
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

/** The sponsor names a stored value holds: the strings of an array, nothing from anything else. */
export function sponsorNames(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : [];
}
