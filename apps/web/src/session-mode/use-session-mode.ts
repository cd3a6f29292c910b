import type { SessionMode, SteerSessionInput } from '@accord/contract';
import type { DocumentHandle, DocumentStatus } from '@accord/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { accord } from '../api';
import { errorMessage, fieldError } from '../errors';
import type { LiveEvents } from '../comments/live-events';
import { newerSessionMode } from './session-state';

export interface SessionModeHandle {
  /** The room's state as last known; null until the first answer. */
  mode: SessionMode | null;
  /** Why the last read or change failed, in words; null when it did not. */
  problem: string | null;
  dismissProblem(): void;
  steer(input: SteerSessionInput): Promise<void>;
  end(): Promise<void>;
}

const online = (status: DocumentStatus) => status === 'synced' || status === 'saving' || status === 'saved';

/**
 * The room's session mode for one document: read when the document opens and again each time the
 * connection comes back (events sent while it was away were missed), and kept current by the live
 * `session_mode.changed` events in between. Answers and events are ordered by version: the newest wins.
 */
export function useSessionMode(
  dialogueId: string,
  documentId: string,
  events: LiveEvents,
  handle: DocumentHandle,
  /** Called at once with each newer state, before React renders it: the editor's highlight and a follower's scroll wait for nothing. */
  onNewer?: (mode: SessionMode) => void,
): SessionModeHandle {
  const [mode, setMode] = useState<SessionMode | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const held = useRef<SessionMode | null>(null);
  const latestOnNewer = useRef(onNewer);
  latestOnNewer.current = onNewer;
  const keep = useCallback((arrived: SessionMode) => {
    const next = newerSessionMode(held.current, arrived);
    if (next === held.current) return;
    held.current = next;
    setMode(next);
    latestOnNewer.current?.(next);
  }, []);
  const reading = useRef<AbortController | null>(null);

  const read = useCallback(() => {
    reading.current?.abort();
    const controller = new AbortController();
    reading.current = controller;
    // Offline or aborted: the next reconnect reads it again, and there is nothing to tell.
    accord.sessionMode.get(dialogueId, documentId, { signal: controller.signal }).then(keep, () => {});
  }, [dialogueId, documentId, keep]);

  useEffect(() => {
    const off = events.onEvent('session_mode.changed', (data) => {
      if (data.documentId !== documentId) return;
      // The end-to-end suite splits the chair-to-follower time at this mark (the server and the wire, then this page).
      performance.mark('accord:session-event', { detail: { paragraphId: data.sessionMode.current?.paragraphId ?? null, at: Date.now() } });
      keep(data.sessionMode);
    });
    return off;
  }, [events, documentId, keep]);

  useEffect(() => {
    // Subscribed before reading, so that no event falls between the answer and the subscription.
    let wasOnline = online(handle.status);
    read();
    const off = handle.onStatus((status) => {
      const now = online(status);
      if (now && !wasOnline) read();
      wasOnline = now;
    });
    return () => {
      off();
      reading.current?.abort();
    };
  }, [handle, read]);

  const steer = useCallback(
    async (input: SteerSessionInput) => {
      try {
        keep(await accord.sessionMode.steer(dialogueId, documentId, input));
        setProblem(null);
      } catch (error) {
        setProblem(`Not changed: ${messageOf(error)}`);
      }
    },
    [dialogueId, documentId, keep],
  );

  const end = useCallback(async () => {
    try {
      keep(await accord.sessionMode.end(dialogueId, documentId));
      setProblem(null);
    } catch (error) {
      setProblem(`The session was not ended: ${messageOf(error)}`);
    }
  }, [dialogueId, documentId, keep]);

  const dismissProblem = useCallback(() => setProblem(null), []);
  // One object per change of the room, so the bar re-renders with the room, not with each keystroke's save.
  return useMemo(() => ({ mode, problem, dismissProblem, steer, end }), [mode, problem, dismissProblem, steer, end]);
}

function messageOf(error: unknown): string {
  // The server names the field it refused: say what that means in the room.
  if (fieldError(error, 'paragraphId')) return 'that paragraph is not in the saved text yet. Try again in a moment.';
  if (fieldError(error, 'floorAffiliationId')) return 'no member of this dialogue speaks for that delegation now.';
  return errorMessage(error);
}
