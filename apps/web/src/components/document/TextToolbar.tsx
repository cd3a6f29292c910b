import { PARAGRAPH_STATUSES, type ParagraphStatus, statusLabels } from '@accord/text';
import type { Editor } from '@tiptap/core';
import type { Command } from '@tiptap/pm/state';
import { type KeyboardEvent, type ReactNode, useRef, useState } from 'react';
import {
  addAlternative,
  bracketableRange,
  canInsertFootnote,
  paragraphStatus,
  removeBracket,
  setParagraphStatus,
} from '../../editor/negotiation-commands';
import { type EditorRequest, run } from '../../editor/rolling-text-extensions';
import { mayChangeBoxes, mayChangeStatus } from '../../editor/room-rules-plugin';
import { ariaKeys, displayKeys, shortcut, type ShortcutId } from '../../editor/shortcuts';
import { insertBoxAfter, insertParagraphAfter, insertSubparagraph } from '../../editor/structure-commands';
import { useEditorRevision } from '../../editor/use-editor';

interface ToolbarProps {
  editor: Editor;
  onRequest: (request: EditorRequest) => void;
  /** Opens the comment composer on the selection; absent for those who may not comment. */
  onComment?: () => void;
  /** Opens the amendment dialog on the paragraph at the cursor; absent for observers. */
  onPropose?: () => void;
}

/**
 * The text tools, one tab stop: arrow keys move between them (the ARIA toolbar pattern). Buttons
 * that cannot act at the cursor stay focusable and say so (aria-disabled), so the set does not
 * shift under a keyboard user's fingers.
 */
export function TextToolbar({ editor, onRequest, onComment, onPropose }: ToolbarProps) {
  useEditorRevision(editor);
  const [active, setActive] = useState(0);
  const toolbar = useRef<HTMLDivElement>(null);
  const { state } = editor;

  const can = (command: Command) => command(state);
  const act = (command: Command) => () => {
    run(editor, command);
    editor.view.focus();
  };

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = [...(toolbar.current?.querySelectorAll<HTMLElement>('[data-tool]') ?? [])];
    const current = items.indexOf(document.activeElement as HTMLElement);
    if (current < 0) return;
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: items.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const index = (next + items.length) % items.length;
    setActive(index);
    items[index]?.focus();
  }

  const status = paragraphStatus(state);
  let index = 0;
  const tool = () => {
    const mine = index++;
    return { 'data-tool': '', tabIndex: mine === active ? 0 : -1, onFocus: () => setActive(mine) };
  };

  return (
    <div ref={toolbar} role="toolbar" aria-label="Text tools" className="toolbar" onKeyDown={onKeyDown}>
      <ToolButton {...tool()} id="undo" enabled={editor.can().undo()} onClick={() => editor.chain().focus().undo().run()}>
        Undo
      </ToolButton>
      <ToolButton {...tool()} id="redo" enabled={editor.can().redo()} onClick={() => editor.chain().focus().redo().run()}>
        Redo
      </ToolButton>
      <span className="toolbar-separator" aria-hidden="true" />
      <ToolButton {...tool()} id="bracket" enabled={bracketableRange(state) !== null} onClick={() => onRequest('bracket')}>
        [ Bracket ]
      </ToolButton>
      <ToolButton {...tool()} id="agree" enabled={can(removeBracket)} onClick={act(removeBracket)}>
        Agree text
      </ToolButton>
      <span className="toolbar-separator" aria-hidden="true" />
      <ToolButton {...tool()} id="alternative" enabled={can(addAlternative)} onClick={act(addAlternative)}>
        Alternative
      </ToolButton>
      <ToolButton {...tool()} id="paragraphAfter" enabled={can(insertParagraphAfter)} onClick={act(insertParagraphAfter)}>
        New paragraph
      </ToolButton>
      <ToolButton {...tool()} id="subparagraph" enabled={can(insertSubparagraph)} onClick={act(insertSubparagraph)}>
        Sub-paragraph
      </ToolButton>
      <ToolButton {...tool()} id="footnote" enabled={canInsertFootnote(state)} onClick={() => onRequest('footnote')}>
        Footnote
      </ToolButton>
      {/* The boxes are the chair's and the secretariat's (the rules of the room). */}
      {mayChangeBoxes(state) && (
        <ToolButton {...tool()} id="boxAfter" enabled={can(insertBoxAfter)} onClick={act(insertBoxAfter)}>
          New box
        </ToolButton>
      )}
      {/* Only the chair and the secretariat change a status (the rules of the room). */}
      {mayChangeStatus(state) && <span className="toolbar-separator" aria-hidden="true" />}
      {mayChangeStatus(state) && (
      <label className="toolbar-status">
        <span>Status</span>
        <select
          {...tool()}
          value={status ?? ''}
          // Not `disabled`: a disabled control cannot hold the toolbar's one tab stop.
          aria-disabled={status === null ? true : undefined}
          aria-keyshortcuts={ariaKeys(shortcut('status').keys[0]!)}
          title={`The paragraph’s status (${displayKeys(shortcut('status').keys[0]!).join('+')} cycles)`}
          onChange={(event) => {
            run(editor, setParagraphStatus(event.target.value as ParagraphStatus));
            editor.view.focus();
          }}
        >
          {status === null && <option value="">—</option>}
          {PARAGRAPH_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
      </label>
      )}
      {onComment && (
        <>
          <span className="toolbar-separator" aria-hidden="true" />
          <ToolButton {...tool()} id="comment" enabled onClick={onComment}>
            Comment
          </ToolButton>
        </>
      )}
      {onPropose && (
        <button type="button" className="tool" {...tool()} title="Propose an amendment to the paragraph at the cursor" onMouseDown={(event) => event.preventDefault()} onClick={onPropose}>
          Propose amendment
        </button>
      )}
    </div>
  );
}

interface ToolButtonProps {
  id: ShortcutId;
  enabled: boolean;
  onClick: () => void;
  children: ReactNode;
  tabIndex: number;
  onFocus: () => void;
  'data-tool': string;
}

function ToolButton({ id, enabled, onClick, children, ...roving }: ToolButtonProps) {
  const { keys, description } = shortcut(id);
  const shown = keys.map((k) => displayKeys(k).join('+')).join(' or ');
  return (
    <button
      type="button"
      className="tool"
      {...roving}
      aria-disabled={enabled ? undefined : true}
      aria-keyshortcuts={keys.map((k) => ariaKeys(k)).join(' ')}
      title={`${description} (${shown})`}
      // A click must not take focus (and the selection) away from the text.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => {
        if (enabled) onClick();
      }}
    >
      {children}
    </button>
  );
}
