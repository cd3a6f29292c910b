import { getSchema } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { EditorState, Plugin } from '@tiptap/pm/state';
import { Decoration, DecorationSet, EditorView } from '@tiptap/pm/view';
import { useEffect, useRef, useState } from 'react';
import { rollingTextSchemaExtensions } from '../editor/schema-extensions';
import { textDecorationsPlugin } from '../editor/text-decorations-plugin';

/** The editor's own schema, so a past text is drawn with the same elements and classes as the live one. */
const schema = getSchema(rollingTextSchemaExtensions());

/** Marks the paragraphs an entry of the timeline touched, so the eye finds what changed. */
function touchedPlugin(ids: ReadonlySet<string>): Plugin {
  return new Plugin({
    props: {
      decorations(state) {
        if (ids.size === 0) return DecorationSet.empty;
        const marks: Decoration[] = [];
        state.doc.descendants((node, pos) => {
          if (typeof node.attrs.id === 'string' && ids.has(node.attrs.id) && (node.type.name === 'paragraph' || node.type.name === 'subparagraph')) {
            marks.push(Decoration.node(pos, pos + node.nodeSize, { class: 'history-touched' }));
          }
          return node.type.name !== 'paragraphText';
        });
        return DecorationSet.create(state.doc, marks);
      },
    },
  });
}

function stateFor(content: unknown, touched: ReadonlySet<string>): EditorState {
  return EditorState.create({ doc: Node.fromJSON(schema, content), plugins: [textDecorationsPlugin(), touchedPlugin(touched)] });
}

/**
 * The rolling text as it stood at a past point, drawn by ProseMirror with the live text's schema and
 * decorations (labels, statuses, sponsors, footnote numbers) but never editable and bound to nothing.
 */
export function PastTextView({ content, touched, label }: { content: unknown; touched: ReadonlySet<string>; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const [broken, setBroken] = useState(false);

  useEffect(() => {
    if (!element.current) return;
    const created = new EditorView(element.current, {
      state: EditorState.create({ schema }),
      editable: () => false,
      attributes: { class: 'rolling-text past-text', 'aria-readonly': 'true', tabindex: '0' },
    });
    view.current = created;
    return () => {
      view.current = null;
      created.destroy();
    };
  }, []);

  useEffect(() => {
    const current = view.current;
    if (!current) return;
    let state: EditorState;
    try {
      state = stateFor(content, touched);
    } catch {
      setBroken(true);
      return;
    }
    setBroken(false);
    // One view for every step: a new one each time would lose the reader's place on the page.
    current.updateState(state);
    current.dom.setAttribute('aria-label', label);
    // Stepping to an entry brings the first paragraph it touched into view, if it is not already.
    current.dom.querySelector('.history-touched')?.scrollIntoView({ block: 'nearest' });
  }, [content, touched, label]);

  return (
    <>
      {broken && (
        <p role="alert" className="alert alert-error">
          The text at this point cannot be shown here.
        </p>
      )}
      <div className="rolling-text-frame" ref={element} hidden={broken} />
    </>
  );
}
