import { openBrackets } from '@accord/text';
import type { Editor } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useEditorRevision } from '../../editor/use-editor';
import { boxHolding } from '../../session-mode/session-state';

interface OutlineEntry {
  key: string;
  pos: number;
  label: string;
  title: string;
  open: number;
}

function outlineOf(doc: Node): OutlineEntry[] {
  const positions: number[] = [];
  doc.forEach((_box, offset) => positions.push(offset));
  return openBrackets(doc).map((box, i) => ({
    key: box.boxId ?? `box-${i}`,
    pos: positions[i] ?? 0,
    label: `Box ${box.boxLabel}`,
    title: box.title,
    open: box.count,
  }));
}

const bracketCount = (n: number) => (n === 1 ? '1 open bracket' : `${n} open brackets`);
const threadCount = (n: number) => (n === 1 ? '1 open comment' : `${n} open comments`);

/**
 * The boxes, each with how much is still bracketed; choosing one puts the cursor at its title.
 * On narrow screens the list folds behind a toggle.
 */
export function OutlineNav({
  editor,
  commentCounts,
  currentParagraphId = null,
}: {
  editor: Editor;
  commentCounts?: ReadonlyMap<string, number>;
  /** The paragraph under negotiation now (session mode); its box is marked. */
  currentParagraphId?: string | null;
}) {
  useEditorRevision(editor);
  // Counted after the keystroke has been drawn: the outline can be a frame late, typing cannot.
  const doc = useDeferredValue(editor.state.doc);
  const entries = useMemo(() => outlineOf(doc), [doc]);
  // The box the room is on: found by the paragraph's id among the boxes' paragraphs, as the outline is (deferred).
  const current = useMemo(() => boxHolding(doc, currentParagraphId), [doc, currentParagraphId]);
  const [expanded, setExpanded] = useState(false);
  const listId = useId();

  function goTo(entry: OutlineEntry) {
    const { view } = editor;
    const inside = Math.min(entry.pos + 2, view.state.doc.content.size);
    view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(inside))).scrollIntoView());
    view.focus();
    const box = view.nodeDOM(entry.pos);
    if (box instanceof HTMLElement) box.scrollIntoView({ block: 'start' });
  }

  return (
    <nav aria-label="Outline" className={expanded ? 'outline outline-expanded' : 'outline'}>
      <div className="outline-head">
        <h2>Outline</h2>
        <button type="button" className="button-secondary outline-toggle" aria-expanded={expanded} aria-controls={listId} onClick={() => setExpanded((e) => !e)}>
          {expanded ? 'Hide boxes' : 'Show boxes'}
        </button>
      </div>
      <ol id={listId} className="outline-list">
        {entries.map((entry, index) => {
          const now = current !== null && current.index === index;
          return (
            <li key={entry.key}>
              <button type="button" className={now ? 'outline-item outline-current' : 'outline-item'} aria-current={now ? 'location' : undefined} onClick={() => goTo(entry)}>
                {now && (
                  <span className="outline-now">
                    Under discussion<span className="visually-hidden"> now:</span>
                  </span>
                )}
                <span className="outline-box">
                  {entry.label} — {entry.title || 'Untitled'}
                </span>
                <span className="visually-hidden">, </span>
                <span className={entry.open > 0 ? 'outline-count outline-count-open' : 'outline-count'}>{bracketCount(entry.open)}</span>
                {commentCounts && (commentCounts.get(entry.key) ?? 0) > 0 && (
                  <>
                    <span className="visually-hidden">, </span>
                    <span className="outline-count outline-comments">{threadCount(commentCounts.get(entry.key)!)}</span>
                  </>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
