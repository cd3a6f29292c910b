import { idsIn, pastedIdentities } from '@accord/text';
import { Slice } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';

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
        return new Slice(pastedIdentities(slice.content, idsIn(view.state.doc)), slice.openStart, slice.openEnd);
      },
    },
  });
}
