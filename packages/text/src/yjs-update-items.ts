/**
 * Looking up items while reading a Yjs update before it is applied: an id the document holds is the
 * document's item; a later one can only be one of the update's own (an origin or parent written in
 * the same update). Shared by the content check and the rules of the room, which both place each new
 * item where Yjs would put it.
 */
import * as Y from 'yjs';

export interface UpdateItems {
  /** The item (or garbage) holding an id: from the document if it holds that clock, else from the update. */
  find(id: Y.ID): Y.Item | Y.GC | null;
  /** Whether the item is already in the document (so the update only repeats it). */
  inDocument(item: Y.Item): boolean;
}

export function updateItems(doc: Y.Doc, structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): UpdateItems {
  const store = doc.store;
  // The update's items per client, in clock order (as Yjs writes them).
  const byClient = new Map<number, Y.Item[]>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    let list = byClient.get(struct.id.client);
    if (!list) byClient.set(struct.id.client, (list = []));
    list.push(struct);
  }
  return {
    find(id) {
      if (id.clock < Y.getState(store, id.client)) return Y.getItem(store, id) as Y.Item | Y.GC;
      const list = byClient.get(id.client);
      if (!list) return null;
      let lo = 0;
      let hi = list.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const item = list[mid]!;
        if (id.clock < item.id.clock) hi = mid - 1;
        else if (id.clock >= item.id.clock + item.length) lo = mid + 1;
        else return item;
      }
      return null;
    },
    inDocument: (item) => item.id.clock < Y.getState(store, item.id.client),
  };
}
