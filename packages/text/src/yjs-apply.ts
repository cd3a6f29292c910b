/**
 * Writing a changed document into a live Y.Doc (the server accepting an amendment) as the smallest
 * set of edits: elements matched by id keep their Yjs items, an unchanged element is not written to,
 * and a changed text is edited in place (yjs-apply-text.ts). What others type concurrently elsewhere
 * in the text, even elsewhere in the same paragraph, survives the merge.
 */
import { diffArrays } from 'diff';
import type { Node } from 'prosemirror-model';
import * as Y from 'yjs';
import { deepEqual, textDelta, updateYText } from './yjs-apply-text.js';
import { ROLLING_TEXT_FIELD } from './yjs-root.js';

/**
 * After this, fromYDoc(ydoc) equals `next` (same JSON). Runs in one transaction (the caller's, when
 * called inside one, as SyncEngine.change does).
 */
export function applyDocumentChange(ydoc: Y.Doc, next: Node): void {
  ydoc.transact(() => updateChildren(ydoc.getXmlFragment(ROLLING_TEXT_FIELD), next));
}

type YChild = Y.XmlElement | Y.XmlText | Y.XmlHook;
/** A node's content as y-tiptap lays it out: one Y.XmlText per run of adjacent text nodes, one element per other node. */
type PChild = Node | Node[];

function updateElement(yel: Y.XmlElement, node: Node): void {
  updateAttributes(yel, node);
  updateChildren(yel, node);
}

/** y-tiptap stores every attribute that is not null; one left out reads back as the schema's default. */
function updateAttributes(yel: Y.XmlElement, node: Node): void {
  const stored = yel.getAttributes() as Record<string, unknown>;
  for (const [key, value] of Object.entries(node.attrs)) {
    const has = Object.hasOwn(stored, key);
    if (value === null) {
      if (has) yel.removeAttribute(key);
    } else if (has ? !deepEqual(stored[key], value) : !deepEqual(node.type.spec.attrs?.[key]?.default, value)) {
      yel.setAttribute(key, value as string);
    }
  }
  for (const key of Object.keys(stored)) if (!Object.hasOwn(node.attrs, key)) yel.removeAttribute(key);
}

/**
 * Children are matched in order by a key (type and id; type and occurrence for the id-less box title
 * and paragraph text; "text" for a text run): matched ones are updated, the others deleted or created.
 * A moved element is deleted and created again, as y-tiptap does.
 */
function updateChildren(yparent: Y.XmlFragment | Y.XmlElement, node: Node): void {
  const ychildren = yparent.toArray();
  const pchildren = normalizedContent(node);
  const ykeys = keys(ychildren.map(yKey));
  const pkeys = keys(pchildren.map(pKey));
  // Most elements keep their children: pair them without a diff.
  const changes = sameList(ykeys, pkeys) ? [{ added: false, removed: false, count: ykeys.length }] : diffArrays(ykeys, pkeys);
  let yi = 0;
  let pi = 0;
  let index = 0;
  for (const change of changes) {
    if (change.removed) {
      yparent.delete(index, change.count);
      yi += change.count;
    } else if (change.added) {
      yparent.insert(index, pchildren.slice(pi, pi + change.count).map(createYType));
      index += change.count;
      pi += change.count;
    } else {
      for (let k = 0; k < change.count; k++) updateChild(ychildren[yi + k]!, pchildren[pi + k]!);
      yi += change.count;
      pi += change.count;
      index += change.count;
    }
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

function updateChild(ychild: YChild, pchild: PChild): void {
  if (Array.isArray(pchild)) updateYText(ychild as Y.XmlText, pchild);
  else updateElement(ychild as Y.XmlElement, pchild);
}

function normalizedContent(node: Node): PChild[] {
  const out: PChild[] = [];
  node.forEach((child) => {
    const last = out.at(-1);
    if (child.isText && Array.isArray(last)) last.push(child);
    else out.push(child.isText ? [child] : child);
  });
  return out;
}

function yKey(ychild: YChild): string {
  if (ychild instanceof Y.XmlText) return 'text';
  if (ychild instanceof Y.XmlElement) {
    const id: unknown = ychild.getAttribute('id');
    return typeof id === 'string' ? `${ychild.nodeName}:${id}` : ychild.nodeName;
  }
  // Nothing this model writes: never matched, so deleted.
  return '\u0000hook';
}

function pKey(pchild: PChild): string {
  if (Array.isArray(pchild)) return 'text';
  const id: unknown = pchild.attrs.id;
  return typeof id === 'string' ? `${pchild.type.name}:${id}` : pchild.type.name;
}

/** Repeated keys (two paragraph texts, a copied id) numbered by occurrence, so each matches at most once. */
function keys(list: string[]): string[] {
  const seen = new Map<string, number>();
  return list.map((key) => {
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return key === 'text' || n === 0 ? key : `${key}#${n}`;
  });
}

/** As y-tiptap's createTypeFromElementNode: detached, filled in when inserted. */
function createYType(pchild: PChild): Y.XmlElement | Y.XmlText {
  if (Array.isArray(pchild)) {
    const ytext = new Y.XmlText();
    ytext.applyDelta(textDelta(pchild));
    return ytext;
  }
  const yel = new Y.XmlElement(pchild.type.name);
  for (const [key, value] of Object.entries(pchild.attrs)) if (value !== null) yel.setAttribute(key, value as string);
  yel.insert(0, normalizedContent(pchild).map(createYType));
  return yel;
}
