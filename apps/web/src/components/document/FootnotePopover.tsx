import { MAX_FOOTNOTE_LENGTH, N } from '@accord/text';
import type { Editor } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { type CSSProperties, type FormEvent, type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useEditorRevision } from '../../editor/use-editor';
import { findFootnote, type PlacedFootnote } from '../../editor/negotiation-commands';
// The picker's and the footnote box's styles, kept beside them (several people change styles.css at once).
// oxlint-disable-next-line import/no-unassigned-import
import './editor-details.css';

/** What the person at this editor may do with a footnote. */
export type FootnoteAccess = { kind: 'write' } | { kind: 'read' } | { kind: 'locked'; reason: string };

interface FootnotePopoverProps {
  editor: Editor;
  /** The footnote opened; followed by its id while others edit the text. */
  target: Pick<PlacedFootnote, 'pos' | 'id'>;
  access: (footnote: PlacedFootnote) => FootnoteAccess;
  /** Saves the text; returns why it was not saved, or null. */
  onSave: (footnote: PlacedFootnote, text: string) => string | null;
  onDelete: (footnote: PlacedFootnote) => void;
  /** `backToText`: Escape, Cancel, Close and Save give focus back to the text; a click elsewhere does not take it. */
  onClose: (backToText: boolean) => void;
  /** Whether the person has changed the text in the box: a click elsewhere then leaves it open. */
  onDirtyChange: (dirty: boolean) => void;
}

/** The footnote's number as the text shows it: footnotes are numbered in reading order. */
function footnoteNumber(doc: Node, pos: number): number {
  let number = 0;
  let found = 0;
  doc.descendants((node, at) => {
    if (found) return false;
    if (node.type.name !== N.footnote) return true;
    number++;
    if (at === pos) found = number;
    return false;
  });
  return found;
}

const GAP = 6;
const MARGIN = 8;

/**
 * A footnote read and edited in place, in a box anchored to its marker: writers change its text or
 * delete it; readers, and delegates whose paragraph is agreed (told why), read it. Not modal: the
 * text stays in view and keeps moving with others' edits, which the box follows. Escape closes it and
 * gives focus back to the text.
 */
export function FootnotePopover({ editor, target, access, onSave, onDelete, onClose, onDirtyChange }: FootnotePopoverProps) {
  useEditorRevision(editor);
  const footnote = findFootnote(editor.state.doc, target);
  const allowed = footnote ? access(footnote) : ({ kind: 'read' } as const);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Transparent until anchored, not hidden: a hidden box's field could not take the focus.
  const [place, setPlace] = useState<CSSProperties>({ top: 0, left: 0, opacity: 0 });
  const root = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLTextAreaElement | HTMLButtonElement | null>(null);
  const focusFirst = (element: HTMLTextAreaElement | HTMLButtonElement | null) => {
    first.current = element;
  };
  const id = useId();
  const dirty = draft !== null && footnote !== null && draft !== footnote.text;

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  useEffect(() => {
    const element = first.current;
    element?.focus({ preventScroll: true });
    // The caret at the end of the text, ready to add to it.
    if (element instanceof HTMLTextAreaElement) element.setSelectionRange(element.value.length, element.value.length);
  }, [allowed.kind]);

  // Anchored under the marker (above it when there is no room below), within the window.
  const pos = footnote?.pos ?? null;
  useLayoutEffect(() => {
    function anchor() {
      const box = root.current;
      const marker = pos === null ? null : editor.view.nodeDOM(pos);
      if (!box || !(marker instanceof HTMLElement)) return;
      const rect = marker.getBoundingClientRect();
      const { width, height } = box.getBoundingClientRect();
      const below = rect.bottom + GAP;
      const top = below + height > window.innerHeight - MARGIN && rect.top - GAP - height > MARGIN ? rect.top - GAP - height : below;
      const left = Math.max(MARGIN, Math.min(rect.left - 16, window.innerWidth - width - MARGIN));
      // Set only when it moved: setting it re-renders, which anchors again.
      setPlace((was) => (was.top === top && was.left === left ? was : { top, left }));
    }
    anchor();
    window.addEventListener('scroll', anchor, true);
    window.addEventListener('resize', anchor);
    return () => {
      window.removeEventListener('scroll', anchor, true);
      window.removeEventListener('resize', anchor);
    };
  });

  // A click elsewhere closes it, unless the person has changed the text.
  useEffect(() => {
    function away(event: MouseEvent) {
      if (dirty || !(event.target instanceof globalThis.Node) || root.current?.contains(event.target)) return;
      onClose(false);
    }
    document.addEventListener('mousedown', away, true);
    return () => document.removeEventListener('mousedown', away, true);
  }, [dirty, onClose]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onClose(true);
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!footnote) return;
    const problem = onSave(footnote, draft ?? footnote.text);
    if (problem) setError(problem);
  }

  const titleId = `${id}-title`;
  const number = footnote ? footnoteNumber(editor.state.doc, footnote.pos) : 0;
  return (
    <div ref={root} role="dialog" aria-labelledby={titleId} className="footnote-popover" style={place} onKeyDown={onKeyDown} data-testid="footnote-popover">
      <h2 id={titleId} className="footnote-popover-title">
        {footnote ? `Footnote ${number}` : 'Footnote'}
      </h2>
      {!footnote && (
        <>
          <p>This footnote is no longer in the text: someone deleted it.</p>
          <div className="dialog-actions">
            <button type="button" ref={focusFirst} className="button-secondary" onClick={() => onClose(true)}>
              Close
            </button>
          </div>
        </>
      )}
      {footnote && allowed.kind === 'write' && (
        <form className="form" onSubmit={save}>
          <label htmlFor={`${id}-text`}>Footnote text</label>
          <textarea
            ref={focusFirst}
            id={`${id}-text`}
            value={draft ?? footnote.text}
            onChange={(event) => {
              setDraft(event.target.value);
              setError(null);
            }}
            rows={4}
            maxLength={MAX_FOOTNOTE_LENGTH}
            aria-describedby={error ? `${id}-error` : undefined}
            aria-invalid={error ? true : undefined}
          />
          {error && (
            <p id={`${id}-error`} className="field-error">
              {error}
            </p>
          )}
          <div className="dialog-actions footnote-popover-actions">
            <button type="submit">Save</button>
            <button type="button" className="button-secondary" onClick={() => onClose(true)}>
              Cancel
            </button>
            <button type="button" className="button-danger footnote-delete" onClick={() => onDelete(footnote)}>
              Delete footnote
            </button>
          </div>
        </form>
      )}
      {footnote && allowed.kind !== 'write' && (
        <>
          <p className="footnote-popover-text">{footnote.text}</p>
          {allowed.kind === 'locked' && <p className="hint footnote-locked">You cannot change it: {allowed.reason}.</p>}
          <div className="dialog-actions">
            <button type="button" ref={focusFirst} className="button-secondary" onClick={() => onClose(true)}>
              Close
            </button>
          </div>
        </>
      )}
    </div>
  );
}
