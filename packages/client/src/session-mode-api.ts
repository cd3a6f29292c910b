import { sessionModeSchema, type SessionMode, type SteerSessionInput } from '@accord/contract';
import { apiPath, type ApiTransport, type RequestOptions } from './api-transport.js';

/**
 * Session mode: the paragraph under negotiation now and who has the floor. Everyone reads it; the
 * chair and the secretariat steer it. Live changes arrive as the `session_mode.changed` event on
 * the collaboration socket; a client keeps whichever of an answer and an event has the higher version.
 */
export class SessionModeApi {
  constructor(private readonly http: ApiTransport) {}

  get(dialogueId: string, documentId: string, options?: RequestOptions): Promise<SessionMode> {
    return this.http.json('GET', path(dialogueId, documentId), sessionModeSchema, undefined, options);
  }

  /**
   * Moves the current paragraph and/or gives the floor: a field given replaces that part, null clears
   * it. A paragraph not in the text, or an affiliation no member speaks for, is 400 naming the field.
   */
  steer(dialogueId: string, documentId: string, input: SteerSessionInput, options?: RequestOptions): Promise<SessionMode> {
    return this.http.json('PUT', path(dialogueId, documentId), sessionModeSchema, input, options);
  }

  /** Ends the session: no current paragraph, nobody has the floor. */
  end(dialogueId: string, documentId: string, options?: RequestOptions): Promise<SessionMode> {
    return this.http.json('DELETE', path(dialogueId, documentId), sessionModeSchema, undefined, options);
  }
}

function path(dialogueId: string, documentId: string): string {
  return apiPath('dialogues', dialogueId, 'documents', documentId, 'session-mode');
}
