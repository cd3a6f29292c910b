import { linesFromPlainText } from '@accord/text/recognize';
import type { Schema, Slice } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { ClipboardSerializer, copiedPlainText, copySource, type CopySource, isAccordHtml, stripClipText } from './clipboard-copy';
import { linesFromHtml } from './clipboard-html-lines';
import { pasteLines, pasteSlice } from './clipboard-paste';

/**
 * The clipboard as a small import and export. Copy and cut write the rolling-text format
 * (text/plain) and HTML that other programs paste with brackets, labels and footnotes intact
 * (clipboard-copy.ts). A paste of Accord's own HTML is read back exactly by ProseMirror, its printed
 * extras removed first (ids are then settled by pastePlugin); anything else goes through the
 * recognizer (clipboard-paste.ts).
 */
export function clipboardPlugin(schema: Schema): Plugin {
  const serializer = new ClipboardSerializer(schema);
  // What transformCopied learned of the document, for the text serializer that runs right after it.
  let copied: { slice: Slice; source: CopySource } | null = null;
  return new Plugin({
    key: new PluginKey('accordClipboard'),
    props: {
      transformCopied(slice, view) {
        const source = copySource(view.state.doc);
        copied = { slice, source };
        serializer.prepare(slice, source);
        return slice;
      },
      clipboardSerializer: serializer,
      clipboardTextSerializer(slice, view) {
        const source = copied?.slice === slice ? copied.source : copySource(view.state.doc);
        copied = null;
        return copiedPlainText(slice, source);
      },
      transformPastedHTML(html) {
        return isAccordHtml(html) ? stripClipText(html) : html;
      },
      handlePaste(view, event, slice) {
        if (!view.editable) return false;
        const data = event.clipboardData;
        if (!data) return false;
        const html = data.getData('text/html');
        const text = data.getData('text/plain');
        if (html && isAccordHtml(html) && !shiftPaste(view)) {
          // Read by ProseMirror (transformPastedHTML, then pastePlugin): words are pasted as words,
          // whole paragraphs placed here.
          const tr = pasteSlice(view.state, slice);
          if (tr) view.dispatch(tr);
          return !!tr;
        }
        const fromHtml = html && !shiftPaste(view) ? linesFromHtml(html) : [];
        const lines = fromHtml.length > 0 ? fromHtml : linesFromPlainText(text);
        const tr = pasteLines(view.state, lines);
        if (!tr) return false;
        view.dispatch(tr);
        return true;
      },
    },
  });
}

/** Ctrl+Shift+V, "paste as plain text": ProseMirror's own reading of the keys it saw. */
function shiftPaste(view: EditorView): boolean {
  const input = (view as unknown as { input?: { shiftKey?: boolean; lastKeyCode?: number | null } }).input;
  return !!input?.shiftKey && input.lastKeyCode !== 45;
}
