/**
 * The rolling text in a Y.Doc, mapped exactly as the Tiptap editor maps it (the same y-tiptap
 * binding), so a document the server writes is one the editor opens unchanged. A separate entry
 * point: the editor binds through Tiptap and must not load the binding twice.
 */
import { prosemirrorToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { Node } from 'prosemirror-model';
import { TextModelError } from './errors.js';
import * as Y from 'yjs';
import { toPlainText } from './plain-text.js';
import { schema } from './schema.js';

import { ROLLING_TEXT_FIELD } from './yjs-root.js';

export { ROLLING_TEXT_FIELD };
export { applyDocumentChange } from './yjs-apply.js';
export { touchedBlocks } from './yjs-touched-blocks.js';
export { checkRollingTextUpdate, findUnrenderable, type RollingTextVerdict, type Unrenderable } from './yjs-content-check.js';

/** The whole document as one Yjs update, from a fresh Y.Doc: the first state of a new text. */
export function toYUpdate(doc: Node): Uint8Array {
  const ydoc = new Y.Doc();
  try {
    prosemirrorToYXmlFragment(doc, ydoc.getXmlFragment(ROLLING_TEXT_FIELD));
    return Y.encodeStateAsUpdate(ydoc);
  } finally {
    ydoc.destroy();
  }
}

/**
 * The rolling text a Y.Doc holds. Read through JSON rather than yXmlFragmentToProseMirrorRootNode,
 * which deletes elements it cannot convert from the Y.Doc: on the server that would turn a read into
 * an edit of a live document. Like the editor, it does not enforce the content expressions (concurrent
 * edits can briefly break them); run validateDocument(toJSON(...)) where that matters. An element of
 * a type the schema does not know is a TextModelError.
 */
export function fromYDoc(ydoc: Y.Doc): Node {
  const json = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(ROLLING_TEXT_FIELD));
  try {
    return Node.fromJSON(schema, json);
  } catch (error) {
    throw new TextModelError(`the Y.Doc holds no valid rolling text: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function yDocPlainText(ydoc: Y.Doc): string {
  return toPlainText(fromYDoc(ydoc));
}
