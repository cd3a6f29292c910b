import { findUnrenderable, type Unrenderable } from '@accord/text/yjs-content';
import { useMemo } from 'react';
import type * as Y from 'yjs';

/**
 * What the editor says when a document holds content it cannot show. The Yjs binding deletes what it
 * cannot convert and rewrites attributes it does not know, and those deletions would be sent as this
 * member's edits: so such a document is shown read-only, bound to a copy that never reaches the server.
 */
export const UNRENDERABLE_MESSAGE =
  'This text holds content this editor cannot show, so editing is turned off and nothing of it is lost. Ask the secretariat to look at it.';

/**
 * What of the document the editor could not show as it is, decided once the server's state has
 * arrived and before the editor binds (RollingText mounts only then). Computed once per document:
 * the server refuses such content, so no later update brings it.
 */
export function useUnrenderable(doc: Y.Doc, synced: boolean): Unrenderable[] {
  return useMemo(() => {
    if (!synced) return [];
    try {
      return findUnrenderable(doc, 5);
    } catch (error) {
      // Whatever made the check fail would make the binding fail too: keep the text safe.
      return [{ path: '', problem: error instanceof Error ? error.message : 'the text could not be checked' }];
    }
  }, [doc, synced]);
}
