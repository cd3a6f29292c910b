/* oxlint-disable no-underscore-dangle -- Yjs exposes a type's own item and its first child item
   (ids, tombstones, origins: what anchors follow) only through these fields. */
import type * as Y from 'yjs';

/** The item that holds a type in its parent (null for a root type). */
export function itemOf(type: Y.AbstractType<any>): Y.Item | null {
  return type._item;
}

/** A type's first child item, deleted ones included; follow `.right` for the rest. */
export function firstChildItem(type: Y.AbstractType<any>): Y.Item | null {
  return type._start;
}

/** Whether a type is still in the document: neither it nor an ancestor deleted. */
export function isLive(type: Y.AbstractType<any>): boolean {
  for (let item = type._item; item !== null; item = parentOf(item)?._item ?? null) if (item.deleted) return false;
  return true;
}

/** The type an item lies in (null before it is integrated). */
export function parentOf(item: Y.Item): Y.AbstractType<any> | null {
  const parent = item.parent;
  return parent !== null && typeof parent === 'object' && '_start' in parent ? (parent as Y.AbstractType<any>) : null;
}
