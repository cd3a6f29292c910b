import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
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

export const affiliationKinds = ['government', 'civil_society', 'international_org', 'academia'] as const;
export const memberRoles = ['chair', 'secretariat', 'delegate', 'civil_society', 'observer'] as const;
export const attributionModes = ['attributed', 'chatham_house'] as const;

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

/** Append-only: a migration installs a trigger that refuses UPDATE and DELETE. */
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
export type AffiliationKind = (typeof affiliationKinds)[number];
export type MemberRole = (typeof memberRoles)[number];
export type AttributionMode = (typeof attributionModes)[number];
