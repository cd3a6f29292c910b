/* oxlint-disable no-underscore-dangle -- Yjs exposes a type's own item (`_item`) and its attribute entries (`_map`) only by these names; a deleted element's attributes are readable nowhere else. */
/**
 * Which paragraphs and sub-paragraphs a Yjs transaction touched, by permanent id: what the server
 * stores beside each update of the log, so that the history can list the paragraphs an editing
 * session changed and filter "every change to Box III(2)" without replaying the document.
 *
 * Runs in the transaction's afterTransaction, before its cleanup collects deleted content: a deleted
 * paragraph's element and attributes are still there to be read.
 */
import * as Y from 'yjs';
import { N } from './schema.js';

/** Any shared type: Yjs types them by their events, which nothing here reads. */
type YType = Y.AbstractType<any>;

const BLOCKS: ReadonlySet<string> = new Set([N.paragraph, N.subparagraph]);

/**
 * The ids, in no particular order, of every paragraph and sub-paragraph an item of the transaction
 * was inserted into or deleted from (or that was itself inserted or deleted). A change inside a
 * sub-paragraph names its paragraph too, so a filter by paragraph finds it.
 */
export function touchedBlocks(transaction: Y.Transaction): string[] {
  const ids = new Set<string>();
  // Per type, the blocks it stands in: typing a sentence walks up from one text once, not per item.
  const enclosing = new Map<YType, readonly string[]>();

  const blocksAround = (type: YType | null): readonly string[] => {
    if (type === null) return [];
    const known = enclosing.get(type);
    if (known) return known;
    const own = blockId(type);
    const parent = type._item?.parent;
    const outer = parent instanceof Y.AbstractType ? blocksAround(parent) : [];
    const found = own === null ? outer : [own, ...outer];
    enclosing.set(type, found);
    return found;
  };

  const place = (item: Y.Item): void => {
    // An inserted or deleted paragraph is itself touched, whatever it holds.
    if (item.content instanceof Y.ContentType) {
      const own = blockId(item.content.type);
      if (own !== null) ids.add(own);
    }
    const parent = item.parent;
    if (parent instanceof Y.AbstractType) for (const id of blocksAround(parent)) ids.add(id);
  };

  const store = transaction.doc.store;
  transaction.afterState.forEach((clock, client) => {
    const before = transaction.beforeState.get(client) ?? 0;
    if (clock <= before) return;
    const structs = store.clients.get(client);
    if (!structs) return;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!;
      if (struct.id.clock >= clock) break;
      if (struct instanceof Y.Item) place(struct);
    }
  });
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (struct instanceof Y.Item) place(struct);
  });
  return [...ids];
}

/** The id of a paragraph or sub-paragraph element, read even when the element was just deleted. */
function blockId(type: YType): string | null {
  if (!(type instanceof Y.XmlElement) || !BLOCKS.has(type.nodeName)) return null;
  const entry = type._map.get('id');
  if (!entry || !(entry.content instanceof Y.ContentAny || entry.content instanceof Y.ContentString)) return null;
  const value: unknown = entry.content.getContent()[0];
  return typeof value === 'string' && /^[0-9A-Za-z_-]{1,64}$/.test(value) ? value : null;
}
