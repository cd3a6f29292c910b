/** Small builders for rolling-text fixtures where plain text cannot say it (null or clashing claims). */
import type { Mark, Node } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { newId, schema, type ParagraphStatus } from '../../src/index.js';

type Inline = string | Node;

export interface ParagraphAttrs {
  id?: string | null;
  num?: unknown;
  sfx?: unknown;
  status?: ParagraphStatus;
  alt?: string | null;
}

export function doc(...boxes: Node[]): Node {
  return schema.nodes.doc!.create(null, boxes);
}

export function box(title: string, ...paragraphs: Node[]): Node {
  return schema.nodes.box!.create({ id: newId() }, [schema.nodes.boxTitle!.create(null, title ? schema.text(title) : null), ...paragraphs]);
}

function inline(content: Inline[]): Node[] {
  return content.filter((c) => c !== '').map((c) => (typeof c === 'string' ? schema.text(c) : c));
}

export function para(attrs: ParagraphAttrs, text: Inline | Inline[] = '', ...subs: Node[]): Node {
  const content = Array.isArray(text) ? text : [text];
  return schema.nodes.paragraph!.create({ id: newId(), num: null, ...attrs }, [schema.nodes.paragraphText!.create(null, inline(content)), ...subs]);
}

export function sub(attrs: Omit<ParagraphAttrs, 'status' | 'alt'>, text: Inline | Inline[] = ''): Node {
  const content = Array.isArray(text) ? text : [text];
  return schema.nodes.subparagraph!.create({ id: newId(), num: null, ...attrs }, inline(content));
}

export function bracketMark(sponsors: string[] = [], id: string = newId()): Mark {
  return schema.marks.bracket!.create({ id, sponsors });
}

export function bracketed(text: string, mark: Mark, ...more: Mark[]): Node {
  return schema.text(text, [mark, ...more]);
}

export function styled(text: string, ...marks: Array<'em' | 'strong'>): Node {
  return schema.text(text, marks.map((name) => schema.marks[name]!.create()));
}

export function footnote(text: string, ...marks: Mark[]): Node {
  return schema.nodes.footnote!.create({ id: newId(), text }, null, marks);
}

/** Apply attribute changes the way the editor does, through one transaction. */
export function setAttrs(node: Node, changes: ReadonlyArray<{ pos: number; attrs: Record<string, unknown> }>): Node {
  const tr = EditorState.create({ doc: node }).tr;
  for (const { pos, attrs } of changes) tr.setNodeMarkup(pos, undefined, { ...tr.doc.nodeAt(pos)!.attrs, ...attrs });
  return tr.doc;
}

/** The short labels of one kind, in document order. */
export function shorts(labels: { list: ReadonlyArray<{ kind: string; short: string }> }, kind: string): string[] {
  return labels.list.filter((l) => l.kind === kind).map((l) => l.short);
}
