/**
 * Server-to-client events that are not Yjs: what the server's services announce, filtered per
 * viewer where they leave for sockets. They travel on the collaboration socket as one socket.io event,
 * `event`, for documents the connection has open. The sync engine knows nothing of them.
 */
import type { Amendment } from './amendments.js';
import type { Thread } from './comments.js';
import type { Revision } from './history.js';
import type { SessionMode } from './session-mode.js';

export interface ClientEventMap {
  /** A thread the viewer may see was created. */
  'comments.thread_created': { documentId: string; thread: Thread };
  /** A thread the viewer may see changed: a reply, an edit, a deletion, resolved or reopened. */
  'comments.thread_updated': { documentId: string; thread: Thread };
  /**
   * What the viewer may see of the document's comments changed (their role or affiliation did):
   * fetch the list again. Sent instead of a diff so no event ever has to describe what is now hidden.
   */
  'comments.reload': { documentId: string };
  /**
   * An amendment was proposed or changed: supported, withdrawn, decided, or found in conflict. Every
   * member sees every amendment; the payload is serialized for the viewer (attribution, `can`).
   */
  'amendments.changed': { documentId: string; amendment: Amendment };
  /** The chair or the secretariat named a revision (or renumbered into one): every member sees it. */
  'revisions.created': { documentId: string; revision: Revision };
  /**
   * The chair moved the current paragraph, gave or took the floor, or ended the session: the whole
   * state, with its version (a client keeps the highest it has seen). Every member sees it.
   */
  'session_mode.changed': { documentId: string; sessionMode: SessionMode };
}

export type ClientEventName = keyof ClientEventMap;

/** One event on the wire: a name and its payload, as a discriminated union. */
export type ClientEvent = { [K in ClientEventName]: { name: K; data: ClientEventMap[K] } }[ClientEventName];

/** The socket.io event carrying them, merged into the collaboration socket's server-to-client events. */
export interface ClientEventChannel {
  event: (event: ClientEvent) => void;
}
