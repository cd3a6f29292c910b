import type { Editor } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { useEffect, useState } from 'react';

/**
 * The editor's document once typing pauses: what the comments panel orders and cites by. A list of
 * hundreds of threads must not re-render on every keystroke; a label or an order a moment late is fine.
 */
export function useSettledDoc(editor: Editor | null, settleMs = 400): Node | null {
  const [doc, setDoc] = useState<Node | null>(() => editor?.state.doc ?? null);
  useEffect(() => {
    if (!editor) return;
    setDoc(editor.state.doc);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (!transaction.docChanged) return;
      clearTimeout(timer);
      timer = setTimeout(() => setDoc(editor.state.doc), settleMs);
    };
    editor.on('transaction', onUpdate);
    return () => {
      clearTimeout(timer);
      editor.off('transaction', onUpdate);
    };
  }, [editor, settleMs]);
  return editor ? doc : null;
}
