/**
 * Editors without a view, for the anchor tests: each replica is a Y.Doc edited the way the editor's
 * y-tiptap binding edits it. A change is a ProseMirror transaction on the document read from Yjs
 * (initProseMirrorDoc), followed by the editor's repairs, written back with updateYFragment under
 * the binding's origin, which the replica's Y.UndoManager (set up as y-tiptap's undo plugin sets it
 * up) tracks. Replicas exchange updates only when told, in any order.
 */
import { defaultDeleteFilter, initProseMirrorDoc, updateYFragment, ySyncPluginKey } from '@tiptap/y-tiptap';
import type { Node } from 'prosemirror-model';
import { EditorState, type Transaction } from 'prosemirror-state';
import * as Y from 'yjs';
import { identityRepairs, labelRepairs, N, newId, schema } from '../src/index.js';
import { ROLLING_TEXT_FIELD } from '../src/yjs.js';

/** As the editor protects them (rolling-text-extensions.ts): every node that holds text. */
const PROTECTED = new Set<string>([N.box, N.boxTitle, N.paragraph, N.paragraphText, N.subparagraph]);

export class Replica {
  readonly ydoc: Y.Doc;
  readonly fragment: Y.XmlFragment;
  readonly undoManager: Y.UndoManager;
  /** A fixed client id makes runs reproducible: Yjs orders concurrent insertions by client id. */
  constructor(initial: Uint8Array, clientID?: number) {
    this.ydoc = new Y.Doc();
    if (clientID !== undefined) this.ydoc.clientID = clientID;
    Y.applyUpdate(this.ydoc, initial, 'server');
    this.fragment = this.ydoc.getXmlFragment(ROLLING_TEXT_FIELD);
    this.undoManager = new Y.UndoManager(this.fragment, {
      trackedOrigins: new Set([ySyncPluginKey]),
      deleteFilter: (item) => defaultDeleteFilter(item, PROTECTED),
      captureTimeout: 0,
    });
  }

  get doc(): Node {
    return initProseMirrorDoc(this.fragment, schema).doc;
  }

  /** One local change, as the editor makes it. Returns false when `change` made none. */
  edit(change: (tr: Transaction) => boolean | void): boolean {
    const { doc, meta } = initProseMirrorDoc(this.fragment, schema);
    const tr = EditorState.create({ doc }).tr;
    if (change(tr) === false || !tr.docChanged) return false;
    for (const { pos, attrs } of identityRepairs(tr.doc)) tr.setNodeMarkup(pos, undefined, attrs);
    for (const { pos, num, sfx } of labelRepairs(tr.doc)) tr.setNodeAttribute(pos, 'num', num).setNodeAttribute(pos, 'sfx', sfx);
    this.ydoc.transact(() => updateYFragment(this.ydoc, this.fragment, tr.doc, meta as Parameters<typeof updateYFragment>[3]), ySyncPluginKey);
    this.undoManager.stopCapturing();
    return true;
  }

  undo(): boolean {
    return this.undoManager.undo() !== null;
  }

  /** Hands over everything `other` has not seen yet. */
  sendTo(other: Replica): void {
    Y.applyUpdate(other.ydoc, Y.encodeStateAsUpdate(this.ydoc, Y.encodeStateVector(other.ydoc)), 'remote');
  }
}

export function syncAll(replicas: readonly Replica[]): void {
  for (const a of replicas) for (const b of replicas) if (a !== b) a.sendTo(b);
}

/** Where a text block is, by the id of its paragraph or sub-paragraph. */
export function blockPos(doc: Node, id: string): { pos: number; node: Node; contentFrom: number; textblock: Node } | null {
  let found: { pos: number; node: Node; contentFrom: number; textblock: Node } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (node.attrs.id !== id) return !node.isInline;
    if (node.type.name === N.paragraph) found = { pos, node, contentFrom: pos + 2, textblock: node.firstChild! };
    else if (node.type.name === N.subparagraph) found = { pos, node, contentFrom: pos + 1, textblock: node };
    return false;
  });
  return found;
}

/** The first position in the document where `text` starts, in a text node (not across nodes). */
export function textPos(doc: Node, text: string, skipEm = false): number | null {
  let found: number | null = null;
  doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (node.isText && !(skipEm && node.marks.some((m) => m.type.name === 'em'))) {
      const at = node.text!.indexOf(text);
      if (at >= 0) found = pos + at;
    }
    return true;
  });
  return found;
}

/** Enter at `pos` inside a paragraph's text or a sub-paragraph, as splitAtCursor does it there. */
export function split(tr: Transaction, pos: number): boolean {
  const $pos = tr.doc.resolve(pos);
  const parent = $pos.parent;
  if ($pos.parentOffset === 0 || $pos.parentOffset === parent.content.size) return false;
  if (parent.type.name === N.paragraphText) {
    const paragraph = $pos.node($pos.depth - 1);
    tr.split(pos, 2, [{ type: schema.nodes[N.paragraph]!, attrs: { id: newId(), status: paragraph.attrs.status } }, { type: schema.nodes[N.paragraphText]! }]);
    return true;
  }
  if (parent.type.name === N.subparagraph) {
    tr.split(pos, 1, [{ type: schema.nodes[N.subparagraph]!, attrs: { id: newId() } }]);
    return true;
  }
  return false;
}

/** Backspace at the start of a paragraph's text: joined into the paragraph before, as joinAt does. */
export function joinParagraph(tr: Transaction, id: string): boolean {
  const at = blockPos(tr.doc, id);
  if (!at || at.node.type.name !== N.paragraph) return false;
  const $p = tr.doc.resolve(at.pos);
  const box = $p.parent;
  const index = $p.index();
  const previous = index > 0 ? box.child(index - 1) : null;
  if (!previous || previous.type.name !== N.paragraph) return false;
  const previousPos = at.pos - previous.nodeSize;
  const joint = previousPos + previous.nodeSize - 2;
  const previousEnd = previousPos + previous.nodeSize - 1;
  tr.delete(at.pos, at.pos + at.node.nodeSize);
  const subs: Node[] = [];
  at.node.forEach((child, _offset, i) => {
    if (i > 0) subs.push(child);
  });
  if (subs.length > 0) tr.insert(previousEnd, subs);
  tr.insert(joint, at.node.firstChild!.content);
  return true;
}

/** Cut a paragraph and paste it elsewhere in its box (or another): it keeps its id. */
export function moveParagraph(tr: Transaction, id: string, toBox: number, toIndex: number): boolean {
  const at = blockPos(tr.doc, id);
  if (!at || at.node.type.name !== N.paragraph) return false;
  tr.delete(at.pos, at.pos + at.node.nodeSize);
  const box = tr.doc.child(Math.min(toBox, tr.doc.childCount - 1));
  let pos = 0;
  for (let b = 0; b < tr.doc.childCount && tr.doc.child(b) !== box; b++) pos += tr.doc.child(b).nodeSize;
  // After the title, then after `toIndex` paragraphs.
  let inside = pos + 1 + box.child(0).nodeSize;
  for (let i = 1; i < box.childCount && i <= toIndex; i++) inside += box.child(i).nodeSize;
  tr.insert(inside, at.node);
  return true;
}
