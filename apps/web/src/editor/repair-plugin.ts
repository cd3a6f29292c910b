import { bracketRepairs, identityRepairs, labelRepairs, loneAlternatives, M } from '@accord/text';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

export const repairPluginKey = new PluginKey('accordRepairs');

/** A transaction applied from Yjs: a remote edit, the first render, or an undo replayed by Yjs. */
export function isFromSync(tr: Transaction): boolean {
  return !!(tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin;
}

/**
 * After each local edit: fresh ids for copies and new nodes (identityRepairs), a paragraph left
 * alone of its alternatives made plain (loneAlternatives), a bracket split across two paragraphs
 * made two brackets (bracketRepairs), then every label stored in its node (labelRepairs), in the
 * same transaction so one undo takes them all.
 *
 * Only local edits are repaired, and only by people who may edit. Remote edits were repaired by
 * their author; repairing them here too would have every client write the same attributes at
 * once. A reader's editor must never write at all.
 */
export function repairPlugin(isEditable: () => boolean): Plugin {
  return new Plugin({
    key: repairPluginKey,
    appendTransaction(transactions, _oldState, newState) {
      if (!isEditable()) return null;
      if (!transactions.some((tr) => tr.docChanged && !isFromSync(tr) && !tr.getMeta(repairPluginKey))) return null;
      const tr = newState.tr;
      for (const { pos, attrs } of identityRepairs(newState.doc)) tr.setNodeMarkup(pos, undefined, attrs);
      for (const pos of loneAlternatives(tr.doc)) tr.setNodeAttribute(pos, 'alt', null);
      const bracket = newState.schema.marks[M.bracket]!;
      for (const { from, to, attrs } of bracketRepairs(tr.doc)) tr.removeMark(from, to, bracket).addMark(from, to, bracket.create(attrs));
      for (const { pos, num, sfx } of labelRepairs(tr.doc)) {
        tr.setNodeAttribute(pos, 'num', num).setNodeAttribute(pos, 'sfx', sfx);
      }
      return tr.docChanged ? tr.setMeta(repairPluginKey, true) : null;
    },
  });
}
