import type { DocumentHandle } from '@accord/client';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import type { AnyExtension, Editor } from '@tiptap/core';
import { roomRuleViolation } from '@accord/text';
import { TextSelection } from '@tiptap/pm/state';
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { AmendmentsPanel } from '../../amendments/AmendmentsPanel';
import { useMarkerBridge } from '../../amendments/amendment-markers';
import { ProposeDialog } from '../../amendments/ProposeDialog';
import { SidePanels } from '../../amendments/SidePanels';
import { type AmendmentsSetup, useAmendmentWorkspace } from '../../amendments/use-amendment-workspace';
import { CommentComposer } from '../../comments/CommentComposer';
import { CommentsPanel } from '../../comments/CommentsPanel';
import { type CommentsSetup, useCommentWorkspace, useHighlightBridge } from '../../comments/use-comment-workspace';
import { ReadOnlyMirror } from '../../document/read-only-mirror';
import { HistoryPanel } from '../../history/HistoryPanel';
import { PastTextPane } from '../../history/PastTextPane';
import { useHistoryWorkspace } from '../../history/use-history-workspace';
import type { PresenceUser } from '../../editor/carets';
import { footnoteOpener } from '../../editor/footnote-opener';
import {
  bracketSelection,
  deleteFootnote,
  findFootnote,
  footnoteAtSelection,
  insertFootnote,
  type PlacedFootnote,
  setFootnoteText,
} from '../../editor/negotiation-commands';
import { type EditorRequest, rollingTextExtensions, run } from '../../editor/rolling-text-extensions';
import { type ChangeTooLarge, tooLargeMessage } from '../../editor/size-guard';
import { ariaKeys, displayKeys, matchesShortcut, shortcut } from '../../editor/shortcuts';
import { useEditor } from '../../editor/use-editor';
import { Dialog } from './Dialog';
import { type FootnoteAccess, FootnotePopover } from './FootnotePopover';
import { OutlineNav } from './OutlineNav';
import { PromptDialog } from './PromptDialog';
import { sponsorsNamedIn } from './sponsor-options';
import { SponsorPicker } from './SponsorPicker';
import { useDelegations } from './use-delegations';
import { TextToolbar } from './TextToolbar';

interface RollingTextProps {
  handle: DocumentHandle;
  /** The handle's current document (a rebuilt one replaces it after a refused change). */
  doc: DocumentHandle['doc'];
  readOnly: boolean;
  you: PresenceUser;
  /** The id of the banner that explains a reader's view, for aria-describedby. */
  readOnlyNoticeId: string;
  /** The handle's access differs from what this editor was built for: re-read it. */
  onAccessChanged: () => void;
  comments: CommentsSetup;
  amendments: AmendmentsSetup;
  /** Extensions added by the page (session mode's highlight); read once, when the editor is built. */
  extraExtensions?: readonly AnyExtension[];
  /** Shown above the text tools (session mode's bar), given the editor once it exists. */
  banner?: (editor: Editor | null) => ReactNode;
  /** Shown at the end of the sticky bar that holds the text tools: the save indicator stays in view. */
  toolbarStatus?: ReactNode;
  /** The paragraph under negotiation now (session mode), for the outline to show. */
  currentParagraphId?: string | null;
}

/**
 * The editor, its toolbar and the outline. It is only mounted on a synced, non-empty document, so
 * the Yjs binding's first render is the server's text (never the schema's empty default, which it
 * would otherwise write back). A change of access rebuilds the editor: writers bind to the live
 * document, readers to a copy that cannot reach the server.
 */
export function RollingText({
  handle,
  doc: liveDoc,
  readOnly,
  you,
  readOnlyNoticeId,
  onAccessChanged,
  comments: commentsSetup,
  amendments: amendmentsSetup,
  extraExtensions = [],
  banner,
  toolbarStatus,
  currentParagraphId = null,
}: RollingTextProps) {
  const [request, setRequest] = useState<EditorRequest | null>(null);
  const [tooLarge, setTooLarge] = useState<ChangeTooLarge | null>(null);
  /** Why the last local change was not made: a rule of the room (an agreed paragraph, open brackets...). */
  const [ruleRefusal, setRuleRefusal] = useState<string | null>(null);
  const highlights = useHighlightBridge();
  const markers = useMarkerBridge();
  /** The footnote open in place, and whether its text was changed there (a click elsewhere then keeps it open). */
  const [footnote, setFootnote] = useState<Pick<PlacedFootnote, 'pos' | 'id'> | null>(null);
  const footnoteDirty = useRef(false);
  const noteDirty = useCallback((dirty: boolean) => {
    footnoteDirty.current = dirty;
  }, []);
  const openFootnote = useCallback((placed: PlacedFootnote) => {
    if (!footnoteDirty.current) setFootnote({ pos: placed.pos, id: placed.id });
  }, []);
  // The editor for requests from its own keys, which are bound once, when it is built.
  const current = useRef<Editor | null>(null);
  /**
   * The footnote tool (its key or the toolbar's button) beside a footnote opens that footnote in
   * place; elsewhere it asks for a new footnote's text.
   */
  const onRequest = useCallback(
    (what: EditorRequest) => {
      const beside = what === 'footnote' && current.current ? footnoteAtSelection(current.current.state) : null;
      if (beside) openFootnote(beside);
      else setRequest(what);
    },
    [openFootnote],
  );
  const [delegations, reloadDelegations] = useDelegations(commentsSetup.dialogueId, !readOnly);

  const [ref, editor] = useEditor(() => {
    const mirror = readOnly ? new ReadOnlyMirror(liveDoc) : null;
    const doc = mirror?.doc ?? liveDoc;
    return {
      extensions: [
        ...rollingTextExtensions({
        fragment: doc.getXmlFragment(ROLLING_TEXT_FIELD),
        awareness: handle.awareness,
        user: { ...you, local: true },
        onRequest,
        mayWrite: () => !handle.readOnly,
        onWriteRefused: onAccessChanged,
        // The server's limit, from the open acknowledgement: a larger change is never applied.
        maxChangeBytes: () => handle.limits?.maxUpdateBytes ?? null,
        onChangeTooLarge: setTooLarge,
        // The seat's role as the server last said it; the affiliation as the dialogue knows it.
        writer: () => (handle.role ? { role: handle.role, affiliation: commentsSetup.affiliation } : null),
        onRuleRefused: (violation) => setRuleRefusal(violation.reason),
        }),
        highlights.extension,
        markers.extension,
        footnoteOpener(openFootnote),
        ...extraExtensions,
      ],
      editable: !readOnly,
      editorProps: {
        attributes: {
          class: 'rolling-text',
          'aria-label': 'Rolling text',
          'aria-multiline': 'true',
          'aria-readonly': String(readOnly),
          tabindex: '0',
          spellcheck: 'true',
          ...(readOnly ? { 'aria-describedby': readOnlyNoticeId } : {}),
        },
      },
      onDestroy: () => mirror?.destroy(),
    };
  }, [handle, readOnly, liveDoc]);

  const comments = useCommentWorkspace(commentsSetup, editor, highlights);
  const amendments = useAmendmentWorkspace(amendmentsSetup, editor, markers);
  const history = useHistoryWorkspace(amendmentsSetup, editor, amendments.panel === 'history');

  useEffect(() => {
    current.current = editor;
    // The end-to-end suite measures time-to-typable from this mark.
    if (editor) performance.mark('accord:editor-ready');
  }, [editor]);

  // The delegations are read again each time the sponsor picker opens (members join during a session).
  useEffect(() => {
    if (request === 'bracket') reloadDelegations();
  }, [request, reloadDelegations]);

  /** Who writes here, as the server last said: the rules of the room are judged for them. */
  const writer = () => (handle.role ? { role: handle.role, affiliation: commentsSetup.affiliation } : null);

  /** Readers read a footnote; a writer edits it, unless the rules of the room lock it (agreed text, for a delegate). */
  function footnoteAccess(placed: PlacedFootnote): FootnoteAccess {
    if (readOnly || !editor) return { kind: 'read' };
    const who = writer();
    if (!who) return { kind: 'write' };
    // The change a save would make, judged before it is offered.
    const trial = editor.state.tr.setNodeAttribute(placed.pos, 'text', `${placed.text} `);
    const violation = roomRuleViolation(editor.state.doc, trial.doc, who);
    return violation ? { kind: 'locked', reason: violation.reason } : { kind: 'write' };
  }

  function closeFootnote(toText: boolean) {
    const target = footnote;
    setFootnote(null);
    footnoteDirty.current = false;
    if (!toText || !editor || editor.isDestroyed) return;
    // Back to the text with the caret after the footnote: the footnote key opens it again.
    const placed = target && findFootnote(editor.state.doc, target);
    if (placed && editor.isEditable) editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, placed.pos + 1)));
    editor.view.focus();
  }

  function saveFootnote(placed: PlacedFootnote, text: string): string | null {
    const words = text.trim();
    if (words === '') return 'A footnote needs some text. To remove it, delete the footnote.';
    const allowed = footnoteAccess(placed);
    if (allowed.kind !== 'write') return allowed.kind === 'locked' ? `Not saved: ${allowed.reason}.` : 'Not saved: you cannot change the text.';
    if (!editor || !run(editor, setFootnoteText(placed, words)) || findFootnote(editor.state.doc, placed)?.text !== words) {
      return 'Not saved: the change was not made.';
    }
    closeFootnote(true);
    return null;
  }

  function closeRequest() {
    setRequest(null);
    editor?.view.focus();
  }

  /**
   * A dialog closed: the browser gives focus back to the text, but not the selection the editor
   * holds (it may select the whole paragraph instead). Once it has, focusing through the editor
   * writes the editor's selection back.
   */
  function backToText() {
    requestAnimationFrame(() => {
      if (editor && !editor.isDestroyed) editor.view.focus();
    });
  }

  const selected = editor && request === 'bracket' ? editor.state.doc.textBetween(editor.state.selection.from, editor.state.selection.to, ' ') : '';

  // Handled here rather than in the editor's keymap, which a read-only editor does not run.
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // A reader opens the footnote beside the caret with the footnote key, to read it.
    if (readOnly && editor && matchesShortcut(event, shortcut('footnote').keys[0]!)) {
      const beside = footnoteAtSelection(editor.state);
      if (beside) {
        event.preventDefault();
        openFootnote(beside);
      }
      return;
    }
    if (!commentsSetup.canComment || !matchesShortcut(event, shortcut('comment').keys[0]!)) return;
    event.preventDefault();
    comments.compose();
  }

  const onComment = commentsSetup.canComment ? comments.compose : undefined;
  const onPropose = amendments.canPropose ? () => amendments.propose() : undefined;
  return (
    <div className="document-workspace">
      {/* A past text viewed from the history stands in for the live one, which stays bound underneath. */}
      <div className={history.viewing === null ? 'document-text' : 'document-text viewing-past'}>
        <PastTextPane workspace={history} />
        {banner?.(editor)}
        {/* One sticky bar: the tools, and the save indicator, which must stay in view while the text scrolls. */}
        <div className="text-bar">
          {editor && !readOnly && <TextToolbar editor={editor} onRequest={onRequest} onComment={onComment} onPropose={onPropose} />}
          {editor && readOnly && (onComment || onPropose) && <ReaderToolbar onComment={onComment} onPropose={onPropose} />}
          {toolbarStatus && <div className="text-bar-status">{toolbarStatus}</div>}
        </div>
        {comments.problem && (
          <div role="alert" className="alert alert-info comment-problem">
            <p>{comments.problem}</p>
            <button type="button" className="button-secondary button-small" onClick={comments.dismissProblem}>
              Dismiss
            </button>
          </div>
        )}
        {amendments.problem && (
          <div role="alert" className="alert alert-info comment-problem">
            <p>{amendments.problem}</p>
            <button type="button" className="button-secondary button-small" onClick={amendments.dismissProblem}>
              Dismiss
            </button>
          </div>
        )}
        {ruleRefusal && (
          <div role="alert" className="alert alert-info rule-refused">
            <p>Not changed: {ruleRefusal}.</p>
            <button
              type="button"
              className="button-secondary button-small"
              onClick={() => {
                setRuleRefusal(null);
                editor?.view.focus();
              }}
            >
              Dismiss
            </button>
          </div>
        )}
        {tooLarge && (
          <div role="alert" className="alert alert-error change-too-large">
            <p>{tooLargeMessage(tooLarge)}</p>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setTooLarge(null);
                editor?.view.focus();
              }}
            >
              Dismiss
            </button>
          </div>
        )}
        {/* Keys reach the frame from the editor inside it: the comment shortcut works for readers too. */}
        <div className="rolling-text-frame" ref={ref} data-ready={editor ? 'true' : undefined} onKeyDown={onKeyDown} />
      </div>
      {editor && <OutlineNav editor={editor} commentCounts={comments.openByBox} currentParagraphId={currentParagraphId} />}
      <SidePanels
        comments={comments}
        amendments={amendments}
        commentsPanel={<CommentsPanel workspace={comments} />}
        amendmentsPanel={<AmendmentsPanel workspace={amendments} />}
        historyPanel={<HistoryPanel workspace={history} />}
      />
      <ProposeDialog
        block={amendments.proposal}
        onSubmit={async (input) => {
          await amendments.actions.propose(input);
          amendments.closeProposal();
          amendments.showBlock(input.paragraphId);
        }}
        onClose={() => {
          amendments.closeProposal();
          backToText();
        }}
      />
      <CommentComposer
        target={comments.target}
        affiliation={commentsSetup.affiliation}
        attributionMode={commentsSetup.attributionMode}
        onPost={comments.post}
        onClose={() => {
          comments.closeComposer();
          backToText();
        }}
      />
      <Dialog open={request === 'bracket'} title="Bracket the selected text" onClose={closeRequest}>
        <SponsorPicker
          delegations={delegations}
          own={commentsSetup.affiliation}
          named={editor ? sponsorsNamedIn(editor.state.doc) : []}
          context={<blockquote className="dialog-quote">[{selected}]</blockquote>}
          onConfirm={(sponsors) => {
            if (editor) run(editor, bracketSelection(sponsors));
            closeRequest();
          }}
          onClose={closeRequest}
        />
      </Dialog>
      {editor && footnote && (
        <FootnotePopover
          key={footnote.id ?? `at ${footnote.pos}`}
          editor={editor}
          target={footnote}
          access={footnoteAccess}
          onSave={saveFootnote}
          onDelete={(placed) => {
            if (!editor) return;
            run(editor, deleteFootnote(placed));
            closeFootnote(true);
          }}
          onClose={closeFootnote}
          onDirtyChange={noteDirty}
        />
      )}
      <PromptDialog
        open={request === 'footnote'}
        title="Insert a footnote"
        label="Footnote text"
        confirmLabel="Insert footnote"
        required
        multiline
        onConfirm={(text) => {
          if (editor) run(editor, insertFootnote(text));
          closeRequest();
        }}
        onClose={closeRequest}
      />
    </div>
  );
}

/** Readers cannot change the text, but civil society comments on it and proposes amendments: their toolbar has those tools. */
function ReaderToolbar({ onComment, onPropose }: { onComment?: () => void; onPropose?: () => void }) {
  const { keys, description } = shortcut('comment');
  return (
    <div role="toolbar" aria-label="Text tools" className="toolbar">
      {onPropose && (
        <button type="button" className="tool" title="Propose an amendment to the paragraph at the cursor" onMouseDown={(event) => event.preventDefault()} onClick={onPropose}>
          Propose amendment
        </button>
      )}
      {onComment && (
        <button
          type="button"
          className="tool"
          aria-keyshortcuts={keys.map((k) => ariaKeys(k)).join(' ')}
          title={`${description} (${keys.map((k) => displayKeys(k).join('+')).join(' or ')})`}
          onMouseDown={(event) => event.preventDefault()}
          onClick={onComment}
        >
          Comment
        </button>
      )}
    </div>
  );
}
