/** Y.Doc helpers for the applyDocumentChange tests. */
import type { Node } from 'prosemirror-model';
import * as Y from 'yjs';
import { N } from '../../src/index.js';
import { ROLLING_TEXT_FIELD, toYUpdate } from '../../src/yjs.js';

export function yDocOf(doc: Node): Y.Doc {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, toYUpdate(doc));
  return ydoc;
}

/** A second replica of the same document, as another client holds it. */
export function replicaOf(ydoc: Y.Doc): Y.Doc {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(ydoc));
  return other;
}

/** Each replica receives what the other has and it lacks. */
export function exchange(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

/** The element bearing this id. */
export function yElementById(ydoc: Y.Doc, id: string): Y.XmlElement | null {
  const walk = (parent: Y.XmlFragment | Y.XmlElement): Y.XmlElement | null => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.getAttribute('id') === id) return child;
      const found = walk(child);
      if (found) return found;
    }
    return null;
  };
  return walk(ydoc.getXmlFragment(ROLLING_TEXT_FIELD));
}

/** The first Y.XmlText of a paragraph's text line or of a sub-paragraph. */
export function blockYText(ydoc: Y.Doc, blockId: string): Y.XmlText {
  const element = yElementById(ydoc, blockId)!;
  const holder = element.nodeName === N.paragraph ? (element.toArray().find((c) => c instanceof Y.XmlElement && c.nodeName === N.paragraphText) as Y.XmlElement) : element;
  return holder.toArray().find((c): c is Y.XmlText => c instanceof Y.XmlText)!;
}

export function plainOf(ytext: Y.XmlText): string {
  return (ytext.toDelta() as Array<{ insert: unknown }>).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');
}

/** The Yjs types a function wrote to, collected from the transactions it ran. */
export function typesWritten(ydoc: Y.Doc, run: () => void): Array<Y.AbstractType<unknown>> {
  const written: Array<Y.AbstractType<unknown>> = [];
  const collect = (tr: Y.Transaction): void => {
    for (const type of tr.changed.keys()) written.push(type as Y.AbstractType<unknown>);
  };
  ydoc.on('afterTransaction', collect);
  try {
    run();
  } finally {
    ydoc.off('afterTransaction', collect);
  }
  return written;
}
