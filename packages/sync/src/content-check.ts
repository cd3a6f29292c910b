import type * as Y from 'yjs';

/** What a content check says of one update: accepted, or refused whole with a reason for the sender. */
export type ContentVerdict = { ok: true } | { ok: false; reason: string };

/**
 * The seam through which the application says what a document may hold. The engine knows Yjs, not
 * what a rolling text is: it calls the check with the document as it is and an update that has
 * passed the structural check (so it decodes and integrates cleanly), and refuses the whole update
 * with CONTENT_REFUSED when the check says no. The check must not change the document.
 */
export type ContentCheck = (doc: Y.Doc, update: Uint8Array) => ContentVerdict;
