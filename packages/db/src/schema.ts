import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  date,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { acceptModes, affiliationKinds, amendmentKinds, amendmentStatuses, attributionModes, commentAudiences, memberRoles, supportKinds } from '@accord/contract';
import { toPlainBytes } from './bytea.js';

/**
 * Raw bytes: hashes, Yjs updates and states. Both drivers are opened with the codec in bytea.ts, so
 * values arrive as plain Uint8Arrays that own their memory; `toPlainBytes` only guards a handle opened
 * some other way (postgres-js's own parser returns Buffers cut from Node's shared pool).
 */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: toPlainBytes,
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export { affiliationKinds, attributionModes, memberRoles };

export const affiliationKind = pgEnum('affiliation_kind', affiliationKinds);
export const memberRole = pgEnum('member_role', memberRoles);
export const attributionMode = pgEnum('attribution_mode', attributionModes);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Stored lower-cased by the application; the check keeps a stray writer honest.
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
    // Set when the owner of the address followed a link mailed to it (or reset the password by one).
    // Until then the account cannot sign in nor accept an invitation bound to its address.
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    check('users_email_lowercase', sql`${t.email} = lower(${t.email})`),
    check('users_display_name_present', sql`length(trim(${t.displayName})) > 0`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    // SHA-256 of the token's secret half; the token itself is never stored.
    secretHash: bytea('secret_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull(),
    // Absolute end of life: sliding renewal never extends past it.
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    address: text('address'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

export const authTokenPurposes = ['verify_email', 'reset_password'] as const;
export const authTokenPurpose = pgEnum('auth_token_purpose', authTokenPurposes);

/**
 * Single-use links mailed to an account's address: proving the address, resetting the password.
 * Lucia-shaped like sessions (`<id>.<secret>`): only SHA-256 of the secret is stored.
 * A used token is deleted; issuing a new one deletes the account's older ones of the same purpose.
 */
export const authTokens = pgTable(
  'auth_tokens',
  {
    id: text('id').primaryKey(),
    secretHash: bytea('secret_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: authTokenPurpose('purpose').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('auth_tokens_user_id_idx').on(t.userId, t.purpose)],
);

export const affiliations = pgTable(
  'affiliations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: affiliationKind('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('affiliations_name_kind_key').on(t.name, t.kind),
    check('affiliations_name_present', sql`length(trim(${t.name})) > 0`),
  ],
);

export const dialogues = pgTable(
  'dialogues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    attributionMode: attributionMode('attribution_mode').notNull().default('chatham_house'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [check('dialogues_title_present', sql`length(trim(${t.title})) > 0`)],
);

export const memberships = pgTable(
  'memberships',
  {
    dialogueId: uuid('dialogue_id')
      .notNull()
      .references(() => dialogues.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull(),
    affiliationId: uuid('affiliation_id').references(() => affiliations.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.dialogueId, t.userId] }), index('memberships_user_id_idx').on(t.userId)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dialogueId: uuid('dialogue_id')
      .notNull()
      .references(() => dialogues.id, { onDelete: 'cascade' }),
    // SHA-256 of the link's secret; the link itself is shown once, to its creator.
    tokenHash: bytea('token_hash').notNull(),
    role: memberRole('role').notNull(),
    affiliationId: uuid('affiliation_id').references(() => affiliations.id, { onDelete: 'restrict' }),
    // When set, only an account with this address may accept.
    email: text('email'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('invitations_token_hash_key').on(t.tokenHash),
    index('invitations_dialogue_id_idx').on(t.dialogueId),
  ],
);

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dialogueId: uuid('dialogue_id')
      .notNull()
      .references(() => dialogues.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    // A document symbol such as T15/AWS/2026/1, unique within its dialogue.
    symbol: text('symbol').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('documents_dialogue_symbol_key').on(t.dialogueId, t.symbol),
    check('documents_title_present', sql`length(trim(${t.title})) > 0`),
    check('documents_symbol_present', sql`length(trim(${t.symbol})) > 0`),
  ],
);

/**
 * The collaboration log: every update the engine applied to a document, in order. Never pruned.
 * Append-only: a migration installs a trigger that refuses UPDATE and TRUNCATE, and DELETE except the
 * cascade from a deleted document.
 */
export const documentUpdates = pgTable(
  'document_updates',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    // Assigned by the engine: per document, gap-free, from 1.
    seq: bigint('seq', { mode: 'number' }).notNull(),
    update: bytea('update').notNull(),
    // Users are never deleted, so the log can always say who wrote.
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    // No foreign key: sessions are deleted at logout, the log outlives them.
    sessionId: text('session_id').notNull(),
    connectionId: text('connection_id').notNull(),
    // What made a server-originated change ("amendment:<uuid>"); null for a client's update.
    source: text('source'),
    // The ids of the paragraphs and sub-paragraphs the update touched (a sub-paragraph's change names
    // its paragraph too), worked out when it was applied: the history's paragraph filter and labels.
    // Null for a document's first content and for rows stored before the history existed.
    touched: text('touched').array(),
    // The author's role in the dialogue when they made the change: the history shows their category
    // as it was then, not as it is now. Null for rows stored before the history existed.
    authorRole: memberRole('author_role'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.seq] }),
    check('document_updates_seq_positive', sql`${t.seq} >= 1`),
  ],
);

/**
 * Which session owns each Yjs client id of a document: the one that first wrote new content with it.
 * Written in the same transaction as that content's log row, so a claim never outlives or precedes
 * its update. A client id present in the document without a row here (legacy or server-written
 * content) belongs to no one, and nobody may write new content under it.
 */
export const documentClients = pgTable(
  'document_clients',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    // Yjs client ids are unsigned 53-bit integers at most; in practice random 32-bit ones.
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    // No foreign key, as in document_updates: the claim outlives the session's row.
    sessionId: text('session_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.clientId] }),
    check('document_clients_client_id_range', sql`${t.clientId} >= 0`),
  ],
);

/**
 * Which server owns each open document (docs/architecture.md, "Running several servers"). Only the
 * owner writes the document's log, and every commit it makes checks, in its own transaction, that
 * `node_id` and `epoch` are still its own: a server that lost the lease while paused can never
 * commit, so it can never acknowledge. `epoch` rises by one at every taking, and a row is never
 * deleted while its document lives (a release only ends `expires_at`), so an epoch is never reused.
 * Expiry is judged by the database's clock alone.
 */
export const documentLeases = pgTable(
  'document_leases',
  {
    documentId: uuid('document_id')
      .primaryKey()
      .references(() => documents.id, { onDelete: 'cascade' }),
    nodeId: text('node_id'),
    epoch: bigint('epoch', { mode: 'number' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [check('document_leases_epoch_positive', sql`${t.epoch} > 0`)],
);

/** The merged state of a document at a log position; only the newest few per document are kept. */
export const documentCheckpoints = pgTable(
  'document_checkpoints',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    state: bytea('state').notNull(),
    stateVector: bytea('state_vector').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.seq] })],
);

export const commentAudience = pgEnum('comment_audience', commentAudiences);
export const threadStatuses = ['open', 'resolved'] as const;
export const threadStatus = pgEnum('thread_status', threadStatuses);

/**
 * A comment thread on a document's text. Who may see it is decided by its audience, fixed at
 * creation, against the author's role and affiliation as they were then (kept here, so a later
 * change of the author's membership does not widen or narrow who reads what was written).
 */
export const commentThreads = pgTable(
  'comment_threads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    audience: commentAudience('audience').notNull(),
    // Users are never deleted; the author is kept for permissions and the audit trail.
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    authorRole: memberRole('author_role').notNull(),
    authorAffiliationId: uuid('author_affiliation_id').references(() => affiliations.id, { onDelete: 'restrict' }),
    status: threadStatus('status').notNull().default('open'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    // The anchor as written: the paragraph's permanent id, the quoted words ('' for the whole
    // paragraph) and, when the editor gave them, Yjs relative positions of their start and end.
    paragraphId: text('paragraph_id').notNull(),
    quote: text('quote').notNull(),
    anchorStart: bytea('anchor_start'),
    anchorEnd: bytea('anchor_end'),
    createdAt: createdAt(),
  },
  (t) => [
    index('comment_threads_document_idx').on(t.documentId, t.createdAt),
    check('comment_threads_delegation_has_affiliation', sql`${t.audience} <> 'delegation' OR ${t.authorAffiliationId} IS NOT NULL`),
    check('comment_threads_resolution', sql`(${t.status} = 'resolved') = (${t.resolvedAt} IS NOT NULL)`),
  ],
);

/**
 * A comment in a thread; the thread's first comment opens it. Editing keeps the earlier wording in
 * comment_revisions; deleting keeps the row (shown as "deleted", its body never sent again).
 */
export const comments = pgTable(
  'comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => commentThreads.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    authorRole: memberRole('author_role').notNull(),
    authorAffiliationId: uuid('author_affiliation_id').references(() => affiliations.id, { onDelete: 'restrict' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    index('comments_thread_idx').on(t.threadId, t.createdAt),
    check('comments_body_present', sql`length(trim(${t.body})) > 0`),
  ],
);

/** Every earlier wording of an edited or deleted comment, for the audit trail. Append-only. */
export const commentRevisions = pgTable(
  'comment_revisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    commentId: uuid('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    // When this wording was replaced (or deleted).
    replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('comment_revisions_comment_idx').on(t.commentId)],
);

/** Append-only: a migration installs a trigger that refuses UPDATE and DELETE. */
export const amendmentKind = pgEnum('amendment_kind', amendmentKinds);
export const amendmentStatus = pgEnum('amendment_status', amendmentStatuses);
export const acceptMode = pgEnum('accept_mode', acceptModes);
export const supportKind = pgEnum('support_kind', supportKinds);

/**
 * A proposed change to one paragraph or sub-paragraph: a record of its own, never a change to the
 * live text until the chair accepts it. `base_seq`/`base_text` are the log position and the wording
 * it was written against, for the three-way merge when the paragraph has moved on since.
 */
export const amendments = pgTable(
  'amendments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    // The paragraph's or sub-paragraph's permanent id, and its label when last seen ("Box I(1)").
    paragraphId: text('paragraph_id').notNull(),
    label: text('label').notNull(),
    kind: amendmentKind('kind').notNull(),
    text: text('text'),
    justification: text('justification'),
    status: amendmentStatus('status').notNull().default('submitted'),
    baseSeq: bigint('base_seq', { mode: 'number' }).notNull(),
    baseText: text('base_text').notNull(),
    proposerId: uuid('proposer_id')
      .notNull()
      .references(() => users.id),
    proposerRole: memberRole('proposer_role').notNull(),
    proposerAffiliationId: uuid('proposer_affiliation_id').references(() => affiliations.id, { onDelete: 'restrict' }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedRole: memberRole('decided_role'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reason: text('reason'),
    mode: acceptMode('mode'),
    appliedSeq: bigint('applied_seq', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('amendments_document_idx').on(t.documentId, t.createdAt),
    check('amendments_text_by_kind', sql`(${t.kind} = 'delete') = (${t.text} IS NULL)`),
    check('amendments_decision', sql`(${t.status} IN ('accepted', 'rejected', 'withdrawn')) = (${t.decidedAt} IS NOT NULL)`),
    check('amendments_applied', sql`(${t.status} = 'accepted') = (${t.appliedSeq} IS NOT NULL)`),
  ],
);

/**
 * A revision the chair or the secretariat named: the text at one log position, with its label
 * ("Rev.1"), document symbol and status date. Immutable: a migration installs a trigger that refuses
 * UPDATE, and DELETE except the cascade from a deleted document. A renumbered (clean) revision also
 * keeps the position before renumbering and the concordance of every paragraph's old and new label.
 */
export const revisions = pgTable(
  'revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    symbol: text('symbol'),
    statusDate: date('status_date', { mode: 'string' }),
    note: text('note'),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    baseSeq: bigint('base_seq', { mode: 'number' }),
    concordance: jsonb('concordance').$type<Array<{ paragraphId: string; kind: 'paragraph' | 'subparagraph'; from: string; to: string; changed: boolean }>>(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdRole: memberRole('created_role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('revisions_document_label_key').on(t.documentId, sql`lower(${t.label})`),
    index('revisions_document_seq_idx').on(t.documentId, t.seq),
    check('revisions_label_present', sql`length(trim(${t.label})) > 0`),
    check('revisions_seq_nonnegative', sql`${t.seq} >= 0`),
    check('revisions_renumbered', sql`(${t.baseSeq} IS NULL) = (${t.concordance} IS NULL)`),
  ],
);

/**
 * The timeline's editing sessions, derived from document_updates and kept so that a restarted server
 * does not group a long log again: one author in one role, no pause of five minutes, a server change
 * on its own, ended at a named revision (apps/server/src/history/history-index.ts). Only the newest
 * session of a document still grows. A cache: rebuilt from the log whenever in doubt.
 */
export const historySessions = pgTable(
  'history_sessions',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    fromSeq: bigint('from_seq', { mode: 'number' }).notNull(),
    toSeq: bigint('to_seq', { mode: 'number' }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    authorRole: memberRole('author_role'),
    source: text('source'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    updates: bigint('updates', { mode: 'number' }).notNull(),
    touched: text('touched').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.fromSeq] }), check('history_sessions_span', sql`${t.fromSeq} <= ${t.toSeq}`)],
);

/** Support for an amendment: one per delegation or organization, whoever of its members gave it. */
export const amendmentSupports = pgTable(
  'amendment_supports',
  {
    amendmentId: uuid('amendment_id')
      .notNull()
      .references(() => amendments.id, { onDelete: 'cascade' }),
    affiliationId: uuid('affiliation_id')
      .notNull()
      .references(() => affiliations.id, { onDelete: 'restrict' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: memberRole('role').notNull(),
    kind: supportKind('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.amendmentId, t.affiliationId] })],
);

/**
 * Session mode: the state of the room for one document, the paragraph under negotiation now and the
 * affiliation that has the floor. One row per document, overwritten on every change: the room is
 * kept (a reconnect, a restart, a second server read it), its past is not. Never copied to the
 * history, the audit trail, the exports or the logs (the Chatham House Rule; docs/session-mode.md).
 */
export const sessionModes = pgTable(
  'session_modes',
  {
    documentId: uuid('document_id')
      .primaryKey()
      .references(() => documents.id, { onDelete: 'cascade' }),
    // A paragraph's permanent id in the text (not a foreign key: paragraphs live in the Yjs document).
    paragraphId: text('paragraph_id'),
    paragraphSince: timestamp('paragraph_since', { withTimezone: true }),
    // Affiliations are never deleted; should one be, the floor simply falls empty.
    floorAffiliationId: uuid('floor_affiliation_id').references(() => affiliations.id, { onDelete: 'set null' }),
    floorSince: timestamp('floor_since', { withTimezone: true }),
    // Grows by one on every accepted change, so clients keep the newest of an answer and an event.
    version: bigint('version', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('session_modes_paragraph_since', sql`${t.paragraphId} IS NULL OR ${t.paragraphSince} IS NOT NULL`),
    check('session_modes_floor_since', sql`${t.floorAffiliationId} IS NULL OR ${t.floorSince} IS NOT NULL`),
    check('session_modes_version_positive', sql`${t.version} > 0`),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // No foreign keys: the trail must outlive the users and dialogues it names.
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    dialogueId: uuid('dialogue_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    address: text('address'),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_events_dialogue_idx').on(t.dialogueId, t.createdAt),
    index('audit_events_actor_idx').on(t.actorId, t.createdAt),
  ],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type AuthTokenRow = typeof authTokens.$inferSelect;
export type AuthTokenPurpose = (typeof authTokenPurposes)[number];
export type Affiliation = typeof affiliations.$inferSelect;
export type Dialogue = typeof dialogues.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;
export type DocumentUpdateRow = typeof documentUpdates.$inferSelect;
export type DocumentCheckpointRow = typeof documentCheckpoints.$inferSelect;
export type DocumentClientRow = typeof documentClients.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type SessionModeRow = typeof sessionModes.$inferSelect;
export type CommentThreadRow = typeof commentThreads.$inferSelect;
export type CommentRow = typeof comments.$inferSelect;
export type AmendmentRow = typeof amendments.$inferSelect;
export type AmendmentSupportRow = typeof amendmentSupports.$inferSelect;
export type CommentAudience = (typeof commentAudiences)[number];
export type { AffiliationKind, AttributionMode, MemberRole } from '@accord/contract';
