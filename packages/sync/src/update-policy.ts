import type * as Y from 'yjs';
import type { DocumentRole } from './protocol/events.js';
import type { SyncErrorCode } from './protocol/errors.js';

/** Who is writing, as the server knows them: the seat's role and affiliation, never what the client claims. */
export interface UpdateWriter {
  userId: string;
  role: DocumentRole;
  /** The affiliation's name (a delegation, an organization), or null. */
  affiliation: string | null;
}

/**
 * What the policy is asked: may this writer make this change? `doc` is the document as it is (the
 * policy must not change it). `after()` materialises the document as it would be after the update,
 * as a separate copy, built on the first call and kept for later ones: it costs a copy of the whole
 * document, so a policy asks for it only when the update's effect (update-effect.ts) cannot settle
 * the question alone.
 */
export interface PolicyQuestion {
  doc: Y.Doc;
  update: Uint8Array;
  writer: UpdateWriter;
  after(): Y.Doc;
}

/** The codes a policy may refuse with; each is in the protocol's list (protocol/errors.ts). */
export type PolicyRefusalCode = Extract<SyncErrorCode, 'STATUS_STEWARDS_ONLY' | 'PARAGRAPH_AGREED' | 'BOXES_STEWARDS_ONLY' | 'BRACKET_NOT_YOURS' | 'OPEN_BRACKETS'>;

export type PolicyVerdict = { ok: true } | { ok: false; code: PolicyRefusalCode; reason: string };

/**
 * The seam through which the application enforces who may change what (the rules of the room). The
 * engine calls it for every update from a writable seat, after the structural and content checks and
 * before anything is applied, and refuses the whole update with the verdict's code when it says no.
 * The engine knows nothing of what the rules are; the rolling text's live in @accord/text.
 */
export type UpdatePolicy = (question: PolicyQuestion) => PolicyVerdict;
