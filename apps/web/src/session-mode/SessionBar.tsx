import type { SessionMode } from '@accord/contract';
import type { Editor } from '@tiptap/core';
import type { EditorView } from '@tiptap/pm/view';
import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type AffiliationKind, api, type Member } from '../api';
import { ariaKeys, displayKeys } from '../editor/shortcuts';
import { affiliationKindLabels } from '../labels';
import { currentParagraphElement, MARK_CURRENT_KEYS, type SessionHighlightBridge, type SessionHighlightMeta, setSessionHighlight } from './highlight-plugin';
import { citationOf, floorWords, paragraphAtCursor, readFollowPreference, sessionIsOn, writeFollowPreference } from './session-state';
import type { SessionModeHandle } from './use-session-mode';
// The bar's and the highlight's styles, beside them (Vite puts them in the page's stylesheet).
// oxlint-disable-next-line import/no-unassigned-import
import './session-mode.css';

export interface SessionBarProps {
  editor: Editor | null;
  session: SessionModeHandle;
  bridge: SessionHighlightBridge;
  dialogueId: string;
  userId: string;
  /** The chair or the secretariat: they mark the paragraph, give the floor and end the session. */
  steward: boolean;
  /** The affiliation this person speaks for in the dialogue, to tell them they have the floor. */
  myAffiliationId: string | null;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The citation of the current paragraph, from the labels the text shows. Read when the paragraph
 * changes, and again once typing pauses (a clean revision may renumber it): never per keystroke.
 */
function useCitation(editor: Editor | null, paragraphId: string | null): string | null {
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    if (!editor || paragraphId === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (!transaction.docChanged) return;
      clearTimeout(timer);
      timer = setTimeout(() => setRevision((n) => n + 1), 400);
    };
    editor.on('transaction', onUpdate);
    return () => {
      clearTimeout(timer);
      editor.off('transaction', onUpdate);
    };
  }, [editor, paragraphId]);
  // `revision` is the signal to read the document again.
  return useMemo(() => (editor && paragraphId ? citationOf(editor.state.doc, paragraphId) : null), [editor, paragraphId, revision]);
}

/** Who may be given the floor: each delegation and organization a member speaks for, once. */
interface FloorChoice {
  id: string;
  name: string;
  kind: AffiliationKind;
}

function floorChoices(members: readonly Member[]): FloorChoice[] {
  const byId = new Map<string, FloorChoice>();
  for (const member of members) {
    // The room's speakers: delegates and civil society. The stewards run the room; observers listen.
    if (!member.affiliation || (member.role !== 'delegate' && member.role !== 'civil_society')) continue;
    byId.set(member.affiliation.id, { id: member.affiliation.id, name: member.affiliation.name, kind: member.affiliation.kind });
  }
  return [...byId.values()].toSorted((a, b) => a.name.localeCompare(b.name));
}

/** What the editor draws for the room's state: the paragraph, and the floor in this person's words. */
function roomMeta(mode: SessionMode | null, myAffiliationId: string | null): SessionHighlightMeta & { mine: boolean } {
  const mine = Boolean(mode?.floor && mode.floor.affiliationId === myAffiliationId);
  return { paragraphId: mode?.current?.paragraphId ?? null, floor: mine ? 'You have the floor' : floorWords(mode), mine };
}

interface Followed {
  editor: Editor | null;
  /** The paragraph this person was last taken to; undefined while they do not follow (turning it on takes them there). */
  paragraphId: string | null | undefined;
  /** Stops waiting for a paragraph that had not reached this editor yet. */
  pending: (() => void) | null;
}

/**
 * Tells the editor the room's state and, for a follower, scrolls the current paragraph into the middle
 * of the view once per move. A paragraph made a moment ago may not have reached this editor yet: then
 * it goes there as soon as it has.
 */
function showRoom(editor: Editor, meta: SessionHighlightMeta, follow: boolean, followed: Followed): void {
  if (editor.isDestroyed) return;
  setSessionHighlight(editor.view, meta);
  const { paragraphId } = meta;
  if (followed.editor === editor && followed.paragraphId === paragraphId) return;
  followed.pending?.();
  followed.pending = null;
  if (!follow || paragraphId === null) {
    Object.assign(followed, { editor, paragraphId: follow ? null : undefined });
    return;
  }
  const goThere = () => {
    const element = currentParagraphElement(editor.view);
    if (!element) return false;
    element.scrollIntoView({ block: 'center', behavior: 'auto' });
    Object.assign(followed, { editor, paragraphId });
    // The end-to-end suite measures the chair's move to this scroll from this mark.
    performance.mark('accord:followed', { detail: { paragraphId, at: Date.now() } });
    return true;
  };
  if (goThere()) return;
  const retry = () => {
    if (!goThere()) return;
    editor.off('transaction', retry);
    followed.pending = null;
  };
  editor.on('transaction', retry);
  followed.pending = () => editor.off('transaction', retry);
}

/**
 * Session mode's bar, above the text tools: the paragraph under negotiation now, who has the floor,
 * "Follow the chair", and for the chair and the secretariat the controls that steer the room. It
 * also tells the editor what to highlight and scrolls a follower to the paragraph as it changes.
 */
export const SessionBar = memo(function SessionBar({ editor, session, bridge, dialogueId, userId, steward, myAffiliationId }: SessionBarProps) {
  const { mode, problem, dismissProblem, steer, end } = session;
  const { paragraphId, floor, mine } = roomMeta(mode, myAffiliationId);
  const citation = useCitation(editor, paragraphId);
  const [follow, setFollow] = useState(() => readFollowPreference(storage(), userId, steward));
  const [notice, setNotice] = useState<string | null>(null);
  const followId = useId();

  // The editor shows what the room is on; a follower is taken there. Done at once when an event
  // arrives (before React renders the page again: a follower's scroll waits for nothing), and again
  // on each render, which changes nothing then but covers a new editor and "Follow the chair" turned on.
  const followed = useRef<Followed>({ editor: null, paragraphId: null, pending: null });
  const latest = useRef({ editor, follow, myAffiliationId });
  latest.current = { editor, follow, myAffiliationId };
  useLayoutEffect(() => {
    if (editor) showRoom(editor, { paragraphId, floor, mine }, follow, followed.current);
  }, [editor, paragraphId, floor, mine, follow]);
  useEffect(() => {
    bridge.onRoomChanged((next) => {
      const { editor: now, follow: following, myAffiliationId: affiliation } = latest.current;
      if (now) showRoom(now, roomMeta(next, affiliation), following, followed.current);
    });
    const held = followed.current;
    return () => {
      bridge.onRoomChanged(null);
      held.pending?.();
    };
  }, [bridge]);

  function mark(view: EditorView): void {
    const id = paragraphAtCursor(view.state);
    if (id === null) {
      setNotice('Put the cursor in a paragraph first, then mark it as current.');
      return;
    }
    setNotice(null);
    performance.mark('accord:steered', { detail: { paragraphId: id, at: Date.now() } });
    void steer({ paragraphId: id }).then(() => performance.mark('accord:steer-answered', { detail: { paragraphId: id, at: Date.now() } }));
  }

  useEffect(() => {
    bridge.onMarkShortcut(
      steward
        ? (view) => {
            mark(view);
            return true;
          }
        : null,
    );
    return () => bridge.onMarkShortcut(null);
  });

  const announcement = useAnnouncement(mode, citation, mine);

  function changeFollow(next: boolean) {
    setFollow(next);
    writeFollowPreference(storage(), userId, next);
  }

  function goToCurrent() {
    const element = editor && currentParagraphElement(editor.view);
    element?.scrollIntoView({ block: 'center', behavior: 'auto' });
  }

  const on = sessionIsOn(mode);
  const live = (
    <p role="status" aria-live="polite" className="visually-hidden session-announcement">
      {announcement}
    </p>
  );
  // The live region stays mounted in one place whether or not the bar shows: a region that appears
  // with its words already in it is not announced.
  if (!on && !steward) return <>{live}</>;

  const keys = displayKeys(MARK_CURRENT_KEYS).join('+');
  return (
    <>
      {live}
      <section aria-label="Session" className={on ? 'session-bar session-bar-on' : 'session-bar'}>
        {mine && (
          <p className="session-your-floor" data-testid="your-floor">
            You have the floor
          </p>
        )}
        <div className="session-state">
          {on ? (
            <>
              <p className="session-now" data-testid="session-now">
                <span className="session-label">Now:</span>{' '}
                {paragraphId === null ? <span>no paragraph marked</span> : <strong>{citation ?? 'a paragraph not in this text yet'}</strong>}
                {paragraphId !== null && citation && (
                  <button type="button" className="button-secondary button-small session-go" onClick={goToCurrent}>
                    Go to {citation}
                  </button>
                )}
              </p>
              <p className="session-floor" data-testid="session-floor">
                {mode?.floor ? `${mode.floor.name} (${affiliationKindLabels[mode.floor.kind]}) has the floor` : 'Nobody has the floor'}
              </p>
              <label className="session-follow" htmlFor={followId}>
                <input id={followId} type="checkbox" checked={follow} onChange={(event) => changeFollow(event.target.checked)} />
                Follow the chair
              </label>
            </>
          ) : (
            <p className="session-off">No session: put the cursor in the paragraph under discussion and mark it as current.</p>
          )}
        </div>
        {steward && (
          <div className="session-controls" role="group" aria-label="Run the session">
            <button
              type="button"
              className="button-secondary"
              aria-keyshortcuts={ariaKeys(MARK_CURRENT_KEYS)}
              title={`Mark the paragraph at the cursor as current (${keys})`}
              // Keep the editor's selection: the cursor says which paragraph.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => editor && mark(editor.view)}
              disabled={!editor}
            >
              Mark the paragraph at the cursor as current <span className="session-keys">({keys})</span>
            </button>
            <FloorPicker dialogueId={dialogueId} mode={mode} onGive={(floorAffiliationId) => void steer({ floorAffiliationId })} />
            {on && (
              <button type="button" className="button-secondary session-end" onClick={() => void end()}>
                End session
              </button>
            )}
          </div>
        )}
        {notice && (
          <p role="alert" className="alert alert-info session-notice">
            {notice}
          </p>
        )}
        {problem && (
          <div role="alert" className="alert alert-error session-problem">
            <p>{problem}</p>
            <button type="button" className="button-secondary button-small" onClick={dismissProblem}>
              Dismiss
            </button>
          </div>
        )}
      </section>
    </>
  );
});

/**
 * What the live region says: once per change of the paragraph or of the floor, never per keystroke
 * (the citation is read again when typing pauses, but the words only change with the room).
 */
function useAnnouncement(mode: SessionMode | null, citation: string | null, mine: boolean): string {
  const [text, setText] = useState('');
  const last = useRef<{ paragraphId: string | null; floor: string | null } | null>(null);
  const paragraphId = mode?.current?.paragraphId ?? null;
  const floorId = mode?.floor?.affiliationId ?? null;
  useEffect(() => {
    if (mode === null) return;
    const before = last.current;
    last.current = { paragraphId, floor: floorId };
    const parts: string[] = [];
    if (paragraphId !== before?.paragraphId && paragraphId !== null) parts.push(`Now on ${citation ?? 'a new paragraph'}.`);
    if (floorId !== (before?.floor ?? null) && floorId !== null) parts.push(mine ? 'You have the floor.' : `${mode.floor!.name} has the floor.`);
    if (before && paragraphId === null && floorId === null && (before.paragraphId !== null || before.floor !== null)) parts.push('The session has ended.');
    if (parts.length > 0) setText(parts.join(' '));
    // Only a change of the room speaks; the citation is read at that moment.
  }, [paragraphId, floorId, mode === null]);
  return text;
}

function FloorPicker({ dialogueId, mode, onGive }: { dialogueId: string; mode: SessionMode | null; onGive: (affiliationId: string | null) => void }) {
  const [choices, setChoices] = useState<FloorChoice[] | null>(null);
  const [failed, setFailed] = useState(false);
  const current = mode?.floor?.affiliationId ?? '';
  const [chosen, setChosen] = useState(current);
  const selectId = useId();
  useEffect(() => setChosen(current), [current]);
  useEffect(() => {
    const controller = new AbortController();
    api.listMembers(dialogueId, controller.signal).then(
      (members) => setChoices(floorChoices(members)),
      () => {
        if (!controller.signal.aborted) setFailed(true);
      },
    );
    return () => controller.abort();
  }, [dialogueId]);

  const delegations = (choices ?? []).filter((c) => c.kind === 'government');
  const organizations = (choices ?? []).filter((c) => c.kind !== 'government');
  return (
    <form
      className="session-floor-picker"
      aria-label="The floor"
      onSubmit={(event) => {
        event.preventDefault();
        onGive(chosen === '' ? null : chosen);
      }}
    >
      <label htmlFor={selectId}>Give the floor to</label>
      <select id={selectId} value={chosen} onChange={(event) => setChosen(event.target.value)} disabled={choices === null}>
        <option value="">Nobody</option>
        {delegations.length > 0 && (
          <optgroup label="Delegations">
            {delegations.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </optgroup>
        )}
        {organizations.length > 0 && (
          <optgroup label="Organizations">
            {organizations.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({affiliationKindLabels[c.kind]})
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <button type="submit" className="button-secondary" disabled={choices === null || chosen === current}>
        Give the floor
      </button>
      {failed && <span className="session-picker-problem">The delegations could not be listed. Reload to try again.</span>}
    </form>
  );
}
