import { idsIn, pastedIdentities } from '@accord/text';
import { Slice } from '@tiptap/pm/model';
import { type NodeSelection, Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/**
 * Pasted paragraphs get identities of their own when they are copies, so a copy pasted above its
 * original cannot take over the original's id (and with it, later, its comments and amendments).
 * Content that was cut keeps its identity: pasting it back is a move.
 */
export function pastePlugin(): Plugin {
  return new Plugin({
    key: new PluginKey('accordPaste'),
    props: {
      transformPasted(slice, view) {
        return new Slice(pastedIdentities(slice.content, idsStaying(view)), slice.openStart, slice.openEnd);
      },
    },
  });
}

/**
 * The ids still in the document once the content lands. Dragging text to move it is a cut and a
 * paste in one: ProseMirror transforms the dropped content before it deletes the dragged original,
 * which must not count as still there.
 */
function idsStaying(view: EditorView): Set<string> {
  const dragging = view.dragging as (EditorView['dragging'] & { node?: NodeSelection }) | null;
  if (!dragging?.move) return idsIn(view.state.doc);
  const tr = view.state.tr;
  if (dragging.node) dragging.node.replace(tr);
  else tr.deleteSelection();
  return idsIn(tr.doc);
}
