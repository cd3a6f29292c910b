/**
 * History tests' fixtures: the edits a chair or a delegate makes in a live editor (wording,
 * status, a paragraph inserted or deleted), written as the editor writes them (the whole text
 * diffed into the replica), paragraphs found by their citation, and "nothing was stored" made
 * checkable.
 */
import type { DocumentHandle } from '@accord/client';
import { auditEvents, type Database, documentCheckpoints, documentUpdates, revisions } from '@accord/db';
import { computeLabels, fromJSON, newId, type ParagraphStatus, type RollingTextNodeJSON, toJSON } from '@accord/text';
import { applyDocumentChange, fromYDoc } from '@accord/text/yjs';
import type { Node } from 'prosemirror-model';

/** The id of the paragraph or sub-paragraph cited so ("Box I(2bis)"), or a failure naming what there is. */
export function idAt(doc: Node, citation: string): string {
  const labels = computeLabels(doc).list;
  const label = labels.find((l) => l.citation === citation);
  if (!label?.id) throw new Error(`no ${citation}; the text has ${labels.map((l) => l.citation).join(', ')}`);
  return label.id;
}

/** Every paragraph and sub-paragraph's citation, by id. */
export function citationsById(doc: Node): Map<string, string> {
  const found = new Map<string, string>();
  for (const label of computeLabels(doc).list) {
    if (label.id !== null && label.kind !== 'box' && !found.has(label.id)) found.set(label.id, label.citation);
  }
  return found;
}

/** The JSON of a paragraph or sub-paragraph by id, with the list holding it and its index there. */
function locate(root: RollingTextNodeJSON, id: string): { node: RollingTextNodeJSON; siblings: RollingTextNodeJSON[]; index: number } {
  const visit = (node: RollingTextNodeJSON): ReturnType<typeof locate> | null => {
    const children = node.content ?? [];
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if ((child.type === 'paragraph' || child.type === 'subparagraph') && child.attrs?.id === id) return { node: child, siblings: children, index: i };
      const found = visit(child);
      if (found) return found;
    }
    return null;
  };
  const found = visit(root);
  if (!found) throw new Error(`no paragraph ${id} in the text`);
  return found;
}

function changed(doc: Node, change: (json: RollingTextNodeJSON) => void): Node {
  const json = toJSON(doc);
  change(json);
  return fromJSON(json);
}

const words = (text: string): RollingTextNodeJSON[] => (text ? [{ type: 'text', text }] : []);

/** The paragraph's (or sub-paragraph's) wording replaced by plain words. */
export function withWords(doc: Node, id: string, text: string): Node {
  return changed(doc, (json) => {
    const { node } = locate(json, id);
    if (node.type === 'subparagraph') node.content = words(text);
    else node.content![0] = { type: 'paragraphText', content: words(text) };
  });
}

/** The paragraph's wording as plain words (marks and footnotes dropped). */
export function wordsOf(doc: Node, id: string): string {
  const { node } = locate(toJSON(doc), id);
  const inline = node.type === 'subparagraph' ? node : node.content![0]!;
  return (inline.content ?? []).map((c) => c.text ?? '').join('');
}

export function withStatus(doc: Node, id: string, status: ParagraphStatus): Node {
  return changed(doc, (json) => {
    locate(json, id).node.attrs!.status = status;
  });
}

/** A new paragraph after `afterId` in its box, with no label claim yet (as the editor makes one); returns its id too. */
export function withParagraphAfter(doc: Node, afterId: string, text: string): { doc: Node; id: string } {
  const id = newId();
  const next = changed(doc, (json) => {
    const { siblings, index } = locate(json, afterId);
    siblings.splice(index + 1, 0, {
      type: 'paragraph',
      attrs: { id, num: null, sfx: 0, status: 'under_negotiation', alt: null },
      content: [{ type: 'paragraphText', content: words(text) }],
    });
  });
  return { doc: next, id };
}

export function withoutParagraph(doc: Node, id: string): Node {
  return changed(doc, (json) => {
    const { siblings, index } = locate(json, id);
    siblings.splice(index, 1);
  });
}

/** An edit in a live editor, written as the editor writes one, and saved on the server. */
export async function editIn(handle: DocumentHandle, change: (doc: Node) => Node): Promise<void> {
  applyDocumentChange(handle.doc, change(fromYDoc(handle.doc)));
  await handle.whenSaved();
}

/** An edit made in a replica while it is offline: nothing to wait for. */
export function editOffline(handle: DocumentHandle, change: (doc: Node) => Node): void {
  applyDocumentChange(handle.doc, change(fromYDoc(handle.doc)));
}

/** Every revision, log row, checkpoint and audit record: "nothing was stored" made checkable. */
export async function storedHistory(db: Database): Promise<string> {
  const tables = { revisions, documentUpdates, documentCheckpoints, auditEvents };
  const dump: Record<string, string[]> = {};
  for (const [name, table] of Object.entries(tables)) {
    const rows: unknown[] = await db.select().from(table);
    dump[name] = rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))).toSorted();
  }
  return JSON.stringify(dump);
}
