import { N, type RoomRuleViolation, type RoomWriter } from '@accord/text';
import { type Editor, Extension, type Extensions } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import type { Command, EditorState } from '@tiptap/pm/state';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { renderCaret, renderSelection, type PresenceUser } from './carets';
import { clipboardPlugin } from './clipboard-plugin';
import { addAlternative, bracketableRange, canInsertFootnote, cycleParagraphStatus, removeBracket } from './negotiation-commands';
import { pastePlugin } from './paste-plugin';
import { remoteSelectionPlugin } from './remote-selection';
import { repairPlugin } from './repair-plugin';
import { roomRulesPlugin } from './room-rules-plugin';
import { writeGuard } from './write-guard';
import { rollingTextSchemaExtensions } from './schema-extensions';
import { shortcut, type ShortcutId } from './shortcuts';
import { type ChangeTooLarge, sizeGuard } from './size-guard';
import { insertBoxAfter, insertParagraphAfter, insertSubparagraph, joinBackward, joinForward, splitAtCursor } from './structure-commands';
import { textDecorationsPlugin } from './text-decorations-plugin';

/** Actions that need a person's input first (sponsors, footnote text): the page opens a dialog. */
export type EditorRequest = 'bracket' | 'footnote';

export interface RollingTextOptions {
  fragment: Y.XmlFragment;
  awareness: Awareness;
  user: PresenceUser;
  onRequest: (request: EditorRequest) => void;
  /** Asked before every local change: the member's access can change while the text is open. */
  mayWrite: () => boolean;
  /** A local change was stopped because `mayWrite` said no. */
  onWriteRefused: () => void;
  /** The server's limit for one change (null while unknown): a larger one is stopped before it is made. */
  maxChangeBytes?: () => number | null;
  /** A local change was stopped for its size. */
  onChangeTooLarge?: (refusal: ChangeTooLarge) => void;
  /** Who is editing, for the rules of the room (null: no rules apply, as before the text is open). */
  writer?: () => RoomWriter | null;
  /** A local change was stopped by a rule of the room. */
  onRuleRefused?: (violation: RoomRuleViolation) => void;
}

export function run(editor: Editor, command: Command): boolean {
  return command(editor.state, editor.view.dispatch, editor.view);
}

function bind(ids: ShortcutId[], handler: (editor: Editor) => boolean, editor: Editor): Record<string, () => boolean> {
  const bindings: Record<string, () => boolean> = {};
  for (const id of ids) for (const keys of shortcut(id).keys) bindings[keys] = () => handler(editor);
  return bindings;
}

/** The rolling text's keys and plugins. Its priority puts Enter and Backspace before Tiptap's own. */
type BehaviourOptions = Required<
  Pick<RollingTextOptions, 'onRequest' | 'mayWrite' | 'onWriteRefused' | 'maxChangeBytes' | 'onChangeTooLarge' | 'writer' | 'onRuleRefused'>
>;

const RollingTextBehaviour = Extension.create<BehaviourOptions>({
  name: 'rollingTextBehaviour',
  priority: 1100,

  addOptions() {
    return {
      onRequest: () => {},
      mayWrite: () => true,
      onWriteRefused: () => {},
      maxChangeBytes: () => null,
      onChangeTooLarge: () => {},
      writer: () => null,
      onRuleRefused: () => {},
    };
  },

  addKeyboardShortcuts() {
    const editor = this.editor;
    const request = (what: EditorRequest, possible: (state: EditorState) => boolean) => (e: Editor) => {
      if (!possible(e.state)) return false;
      this.options.onRequest(what);
      return true;
    };
    // Yjs undo writes to the document directly, past the write guard: ask first.
    const guardUndo = () => {
      if (this.options.mayWrite()) return false;
      this.options.onWriteRefused();
      return true;
    };
    return {
      ...bind(['undo', 'redo'], guardUndo, editor),
      Enter: () => run(editor, splitAtCursor),
      Backspace: () => run(editor, joinBackward),
      Delete: () => run(editor, joinForward),
      ...bind(['paragraphAfter'], (e) => run(e, insertParagraphAfter), editor),
      ...bind(['subparagraph'], (e) => run(e, insertSubparagraph), editor),
      ...bind(['boxAfter'], (e) => run(e, insertBoxAfter), editor),
      ...bind(['bracket'], request('bracket', (state) => bracketableRange(state) !== null), editor),
      ...bind(['agree'], (e) => run(e, removeBracket), editor),
      ...bind(['alternative'], (e) => run(e, addAlternative), editor),
      ...bind(['status'], (e) => run(e, cycleParagraphStatus), editor),
      ...bind(['footnote'], request('footnote', canInsertFootnote), editor),
    };
  },

  addProseMirrorPlugins() {
    return [
      writeGuard(this.options.mayWrite, this.options.onWriteRefused),
      sizeGuard(this.options.maxChangeBytes, this.options.onChangeTooLarge),
      roomRulesPlugin(this.options.writer, this.options.onRuleRefused),
      repairPlugin(() => this.editor.isEditable),
      clipboardPlugin(this.editor.schema),
      pastePlugin(),
      remoteSelectionPlugin(),
      textDecorationsPlugin(),
    ];
  },
});

/**
 * Yjs's undo deletes the nodes this person inserted, except a "protected" node that still holds
 * something once their own content is gone: someone else's words. y-tiptap protects only nodes named
 * "paragraph"; here the words sit in paragraphText and subparagraph, so undoing a new paragraph would
 * delete what another delegate had typed into it meanwhile. Every node that holds text is protected.
 */
const undoProtectedNodes = new Set<string>([N.box, N.boxTitle, N.paragraph, N.paragraphText, N.subparagraph]);

/**
 * Everything the editor is made of: the shared schema, Yjs collaboration (whose undo manager is
 * the undo: it only undoes this person's own changes), remote carets, and the rolling text's keys,
 * repairs and decorations. No StarterKit: every node and mark comes from the shared schema.
 */
export function rollingTextExtensions(options: RollingTextOptions): Extensions {
  return [
    ...rollingTextSchemaExtensions(),
    Collaboration.configure({ fragment: options.fragment, yUndoOptions: { protectedNodes: undoProtectedNodes } }),
    CollaborationCaret.configure({
      provider: { awareness: options.awareness },
      user: options.user,
      render: renderCaret,
      selectionRender: renderSelection,
    }),
    RollingTextBehaviour.configure({
      onRequest: options.onRequest,
      mayWrite: options.mayWrite,
      onWriteRefused: options.onWriteRefused,
      maxChangeBytes: options.maxChangeBytes ?? (() => null),
      onChangeTooLarge: options.onChangeTooLarge ?? (() => {}),
      writer: options.writer ?? (() => null),
      onRuleRefused: options.onRuleRefused ?? (() => {}),
    }),
  ];
}
