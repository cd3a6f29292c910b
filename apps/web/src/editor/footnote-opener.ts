import { N } from '@accord/text';
import { Extension } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { NodeSelection, Plugin, PluginKey } from '@tiptap/pm/state';
import { footnoteAtSelection, type PlacedFootnote } from './negotiation-commands';

/**
 * Opening a footnote in place: a click on its marker (for readers too: ProseMirror runs click
 * handlers in a read-only editor), or Enter while the marker is selected. Enter beside a footnote
 * still splits the paragraph, as at the end of any paragraph: the footnote shortcut (Mod-Alt-f)
 * opens the one beside the caret instead (the page does it, as the toolbar's Footnote button asks).
 *
 * A second or third click opens it too. ProseMirror counts clicks itself, by time (half a second) and
 * place only, and sends a click it counts as a double one to handleDoubleClickOn, never to
 * handleClickOn. It does not see the clicks in the box, outside the editor: opening a footnote,
 * closing it (Cancel, Save, Close) and clicking its marker again within half a second was a "double
 * click" to it, and the marker did nothing. So was a habitual double click on the marker, whose second
 * press, outside the box just opened, closed it.
 */
export function footnoteOpener(open: (footnote: PlacedFootnote) => void) {
  function openClicked(node: Node, nodePos: number, event: MouseEvent, direct: boolean): boolean {
    if (!direct || event.button !== 0 || node.type.name !== N.footnote) return false;
    const id: unknown = node.attrs.id;
    const text: unknown = node.attrs.text;
    open({ pos: nodePos, id: typeof id === 'string' && id !== '' ? id : null, text: typeof text === 'string' ? text : '' });
    return true;
  }
  return Extension.create({
    name: 'accordFootnoteOpener',
    // Before the rolling text's own keys (1100), whose Enter splits the paragraph.
    priority: 1200,
    addProseMirrorPlugins() {
      return [
        new Plugin({
          key: new PluginKey('accordFootnoteOpener'),
          props: {
            handleClickOn: (_view, _pos, node, nodePos, event, direct) => openClicked(node, nodePos, event, direct),
            handleDoubleClickOn: (_view, _pos, node, nodePos, event, direct) => openClicked(node, nodePos, event, direct),
            handleTripleClickOn: (_view, _pos, node, nodePos, event, direct) => openClicked(node, nodePos, event, direct),
            handleKeyDown(view, event) {
              if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return false;
              if (!(view.state.selection instanceof NodeSelection)) return false;
              const footnote = footnoteAtSelection(view.state);
              if (!footnote) return false;
              open(footnote);
              return true;
            },
          },
        }),
      ];
    },
  });
}
