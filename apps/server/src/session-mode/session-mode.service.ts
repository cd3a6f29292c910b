/**
 * Session mode's rules: everyone in the dialogue reads the room's state; the chair and the
 * secretariat steer it. A paragraph must be one of the text as it is now, the floor an affiliation a
 * current member speaks for; anything else is refused naming the field, and nothing changes.
 *
 * The Chatham House Rule: the floor and the current paragraph are shown in the room and nowhere
 * else. So no audit record is written, nothing is logged that names the affiliation or the paragraph
 * (not even in an error message), and the text is only read, never written.
 */
import type { SessionMode, SteerSessionInput } from '@accord/contract';
import type { SessionModeRow } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import { RedisConnections } from '../cluster/redis-connections.js';
import { type SharedLimiter, sharedLimiter } from '../cluster/shared-limits.js';
import { AppError, fieldError } from '../common/app-error.js';
import type { Clock } from '../common/clock.js';
import { DomainEvents } from '../common/domain-events.js';
import { CLOCK } from '../common/tokens.js';
import { DocumentReader } from '../collab/document-reader.js';
import { DialogueAccess } from '../dialogues/dialogue-access.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { isParagraphOf } from './paragraph-in-text.js';
import { type FloorAffiliation, type SessionChange, SessionModeRepository } from './session-mode.repository.js';

/**
 * Steering per member: a chair moves the paragraph a few times a minute, a keyboard at most a few
 * times a second; each change goes to every socket in the room, so a script may not send thousands.
 * Ten a second, and past that a reserve of fifty a minute, so a burst of sixty goes through at once
 * (what a token bucket of rate 10 and burst 60 allowed, in windows a shared counter can keep).
 */
const STEERS = { points: 10, durationSeconds: 1 };
const STEER_RESERVE = { points: 50, durationSeconds: 60 };

@Injectable()
export class SessionModeService {
  private readonly steers: SharedLimiter;
  private readonly steerReserve: SharedLimiter;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repository: SessionModeRepository,
    private readonly access: DialogueAccess,
    private readonly documents: DocumentsRepository,
    private readonly reader: DocumentReader,
    private readonly events: DomainEvents,
    redis: RedisConnections,
  ) {
    this.steers = sharedLimiter(redis, 'session-steer', STEERS);
    this.steerReserve = sharedLimiter(redis, 'session-steer-reserve', STEER_RESERVE);
  }

  /** The room's state; a document never steered answers no paragraph, no floor, version 0. */
  async get(userId: string, dialogueId: string, documentId: string): Promise<SessionMode> {
    await this.access.require(userId, dialogueId, 'session_mode.view');
    await this.requireDocument(dialogueId, documentId);
    const row = await this.repository.find(documentId);
    return this.view(documentId, row, row?.floorAffiliationId ? await this.repository.affiliation(row.floorAffiliationId) : undefined);
  }

  /** Moves the current paragraph and/or gives the floor (null clears a part, an omitted one stays). */
  async steer(userId: string, dialogueId: string, documentId: string, input: SteerSessionInput): Promise<SessionMode> {
    await this.access.require(userId, dialogueId, 'session_mode.steer');
    await this.requireDocument(dialogueId, documentId);
    const change: SessionChange = { paragraphId: input.paragraphId, floorAffiliationId: input.floorAffiliationId };
    if (change.paragraphId) {
      const paragraphId = change.paragraphId;
      if (!(await this.reader.read(documentId, (doc) => isParagraphOf(doc, paragraphId)))) {
        throw fieldError('paragraphId', "is not a paragraph of this document's text");
      }
    }
    let floor: FloorAffiliation | undefined;
    if (change.floorAffiliationId) {
      floor = await this.repository.memberAffiliation(dialogueId, change.floorAffiliationId);
      if (!floor) throw fieldError('floorAffiliationId', 'is not the affiliation of a member of this dialogue');
    }
    // Spent on changes that would be made: a refusal for bad input reaches no socket.
    await this.spend(userId);
    return this.commit(dialogueId, documentId, change, floor);
  }

  /** Ends the session: no current paragraph, nobody has the floor (still a change: version + 1). */
  async end(userId: string, dialogueId: string, documentId: string): Promise<SessionMode> {
    await this.access.require(userId, dialogueId, 'session_mode.steer');
    await this.requireDocument(dialogueId, documentId);
    await this.spend(userId);
    return this.commit(dialogueId, documentId, { paragraphId: null, floorAffiliationId: null }, undefined);
  }

  /** The room's state as it is stored, for a socket that must be told it again (no access check: the caller has it). */
  async current(documentId: string): Promise<SessionMode> {
    const row = await this.repository.find(documentId);
    return this.view(documentId, row, row?.floorAffiliationId ? await this.repository.affiliation(row.floorAffiliationId) : undefined);
  }

  private async spend(userId: string): Promise<void> {
    if ((await this.steers.trySpend(userId)) || (await this.steerReserve.trySpend(userId))) return;
    throw new AppError('RATE_LIMITED', 'The room was steered too often in a short time; wait a moment', { retryAfterSeconds: 1 });
  }

  /** Stores the change, then tells the room (after the commit, so a re-read sees it). */
  private async commit(dialogueId: string, documentId: string, change: SessionChange, floor: FloorAffiliation | undefined): Promise<SessionMode> {
    const row = await this.repository.apply(documentId, change, this.clock.now());
    if (row.floorAffiliationId && row.floorAffiliationId !== floor?.id) floor = await this.repository.affiliation(row.floorAffiliationId);
    const sessionMode = this.view(documentId, row, floor);
    this.events.emit('session_mode.changed', { dialogueId, documentId, sessionMode });
    return sessionMode;
  }

  private async requireDocument(dialogueId: string, documentId: string): Promise<void> {
    if (!(await this.documents.find(dialogueId, documentId))) throw new AppError('NOT_FOUND', 'No such document in this dialogue');
  }

  private view(documentId: string, row: SessionModeRow | undefined, floor: FloorAffiliation | undefined): SessionMode {
    if (!row) return { documentId, current: null, floor: null, version: 0 };
    return {
      documentId,
      current: row.paragraphId && row.paragraphSince ? { paragraphId: row.paragraphId, since: row.paragraphSince.toISOString() } : null,
      floor:
        floor && row.floorAffiliationId === floor.id && row.floorSince
          ? { affiliationId: floor.id, name: floor.name, kind: floor.kind, since: row.floorSince.toISOString() }
          : null,
      version: row.version,
    };
  }
}
