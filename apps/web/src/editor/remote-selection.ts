import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import { type ProsemirrorBinding, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';

/**
 * Keeps the cursor with the words around it when someone else edits the same paragraph.
 *
 * After a remote change, y-tiptap 3.0.9 restores the local selection from Yjs relative positions,
 * then second-guesses the result: whenever the paragraph's text changed (which a remote edit in it
 * always does) it treats the Yjs answer as wrong and puts the cursor back at its old offset. A
 * remote insertion before the cursor then pushes the cursor into the other person's words, and two
 * people typing at one spot write into each other, the local run reversed. The Yjs answer is the
 * right one there, so this plugin applies it again. The one case the second guess exists for (a
 * block moved away, resolving the cursor to the document start) keeps y-tiptap's recovery.
 */
export function remoteSelectionPlugin(): Plugin {
  return new Plugin({
    key: new PluginKey('accordRemoteSelection'),
    appendTransaction(transactions, _oldState, newState) {
      const last = transactions[transactions.length - 1];
      const meta = last?.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean } | undefined;
      if (!last?.docChanged || !meta?.isChangeOrigin || meta.isUndoRedoOperation) return null;
      const binding = (ySyncPluginKey.getState(newState) as { binding?: ProsemirrorBinding } | undefined)?.binding;
      // Captured by the binding when the remote Yjs transaction began; cleared when it ends.
      const before = binding?.beforeTransactionSelection as
        | { type?: string; anchor: unknown; head: unknown; absAnchor?: number; absHead?: number }
        | null
        | undefined;
      if (!binding || !before || before.type !== 'text' || !before.anchor || !before.head) return null;
      const resolve = (relative: unknown) => relativePositionToAbsolutePosition(binding.doc, binding.type, relative, binding.mapping);
      const anchor = resolve(before.anchor);
      const head = resolve(before.head);
      if (anchor === null || head === null) return null;
      const size = newState.doc.content.size;
      if (anchor > size || head > size) return null;
      // Fell to the document start from elsewhere: a moved block, where y-tiptap's recovery is right.
      if (Math.min(anchor, head) <= 1 && Math.min(before.absAnchor ?? 0, before.absHead ?? 0) > 1) return null;
      const { selection } = newState;
      if (selection.anchor === anchor && selection.head === head) return null;
      const $anchor = newState.doc.resolve(anchor);
      const $head = newState.doc.resolve(head);
      if (!$anchor.parent.inlineContent || !$head.parent.inlineContent) return null;
      // Marked as a Yjs change like the transaction it corrects: nothing to repair, nothing to send.
      return newState.tr.setSelection(TextSelection.between($anchor, $head)).setMeta(ySyncPluginKey, { isChangeOrigin: true });
    },
  });
}
