import { computeLabels } from '@accord/text';
import { getSchema } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { type Command, EditorState, type Plugin, TextSelection } from '@tiptap/pm/state';
import { repairPlugin } from '../../src/editor/repair-plugin';
import { rollingTextSchemaExtensions } from '../../src/editor/schema-extensions';

/** The editor's own schema, as Tiptap builds it from the extensions. */
export const editorSchema = getSchema(rollingTextSchemaExtensions());

type Json = Record<string, unknown>;

export const text = (value: string, marks?: Json[]): Json => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });

export function paragraph(id: string, num: number | null, words: string | Json[], extra: Json = {}, subparagraphs: Json[] = []): Json {
  const content = typeof words === 'string' ? (words ? [text(words)] : []) : words;
  return {
    type: 'paragraph',
    attrs: { id, num, sfx: 0, ...extra },
    content: [{ type: 'paragraphText', content }, ...subparagraphs],
  };
}

export function subparagraph(id: string, num: number | null, words: string): Json {
  return { type: 'subparagraph', attrs: { id, num, sfx: 0 }, content: words ? [text(words)] : [] };
}

export function box(id: string, title: string, content: Json[]): Json {
  return { type: 'box', attrs: { id }, content: [{ type: 'boxTitle', content: [text(title)] }, ...content] };
}

export function documentOf(...boxes: Json[]): Node {
  const doc = Node.fromJSON(editorSchema, { type: 'doc', content: boxes });
  doc.check();
  return doc;
}

/** The position just inside the start of `id`'s text (a paragraph's text or a sub-paragraph). */
export function textStart(doc: Node, id: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0) return false;
    if (node.attrs.id !== id) return true;
    found = node.type.name === 'paragraph' ? pos + 2 : pos + 1;
    return false;
  });
  if (found < 0) throw new Error(`no node ${id}`);
  return found;
}

/** Where `words` begin (or, with `after`, end) in the document's text. */
export function positionOf(doc: Node, words: string, after = false): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return found < 0;
    const at = node.text!.indexOf(words);
    if (at >= 0) found = pos + at + (after ? words.length : 0);
    return false;
  });
  if (found < 0) throw new Error(`"${words}" is not in the document`);
  return found;
}

export interface Editing {
  state: EditorState;
  /** Runs a command as a key press would; returns whether it applied. */
  run(command: Command): boolean;
  select(from: number, to?: number): void;
  /** The labels as a reader sees them, in order: "Box III", "1", "2bis", "(a)". */
  labels(): string[];
}

/** An editor state with the label and identity repairs, as a person who may edit has it. */
export function editing(doc: Node, cursor: number, plugins: Plugin[] = [repairPlugin(() => true)]): Editing {
  const session: Editing = {
    state: EditorState.create({ doc, plugins, selection: TextSelection.create(doc, cursor) }),
    run(command) {
      let applied = false;
      const ok = command(session.state, (tr) => {
        session.state = session.state.apply(tr);
        applied = true;
      });
      return ok && applied;
    },
    select(from, to = from) {
      session.state = session.state.apply(session.state.tr.setSelection(TextSelection.create(session.state.doc, from, to)));
    },
    labels() {
      return computeLabels(session.state.doc).list.map((l) => (l.kind === 'box' ? `Box ${l.short}` : l.short));
    },
  };
  return session;
}

/** Every paragraph's id and words, in order. */
export function paragraphs(doc: Node): Array<{ id: unknown; text: string; num: unknown; sfx: unknown }> {
  const list: Array<{ id: unknown; text: string; num: unknown; sfx: unknown }> = [];
  doc.descendants((node) => {
    if (node.type.name === 'paragraph') list.push({ id: node.attrs.id, text: node.firstChild!.textContent, num: node.attrs.num, sfx: node.attrs.sfx });
    return node.type.name !== 'paragraph';
  });
  return list;
}
