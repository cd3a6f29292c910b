import { Editor, type EditorOptions } from '@tiptap/core';
import { type DependencyList, useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';

/**
 * A Tiptap editor owned by a React component, without @tiptap/react: created when its element
 * mounts (and again when a dependency changes), destroyed on unmount. Returns a callback ref for
 * the element and the editor, null until it exists.
 */
export function useEditor(
  options: () => Partial<EditorOptions> | null,
  deps: DependencyList,
): [ref: (element: HTMLDivElement | null) => void, editor: Editor | null] {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    if (!element) return;
    const config = latest.current();
    if (!config) return;
    const created = new Editor({ ...config, element });
    setEditor(created);
    return () => {
      setEditor(null);
      created.destroy();
    };
    // The dependencies are the caller's, as with useMemo; `options` is read fresh through the ref.
  }, [element, ...deps]);

  const ref = useCallback((next: HTMLDivElement | null) => setElement(next), []);
  return [ref, editor];
}

/**
 * Re-renders on every editor transaction and returns a number that changes with each, for
 * toolbars and outlines that read the editor's state.
 */
export function useEditorRevision(editor: Editor | null): number {
  const revision = useRef(0);
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!editor) return () => {};
      const handler = () => {
        revision.current++;
        onChange();
      };
      editor.on('transaction', handler);
      return () => {
        editor.off('transaction', handler);
      };
    },
    [editor],
  );
  return useSyncExternalStore(subscribe, () => revision.current);
}
