/**
 * Reads a document's current state for the server's own features (its text, comment anchors):
 * the open room's document in place when editors have it open, or else a replica kept up to date
 * from the stored log. Reading never opens a room, so the engine's rooms stay those of connected
 * editors; nothing read here is written back.
 */
import { replayStored } from '@accord/sync';
import { Injectable } from '@nestjs/common';
import * as Y from 'yjs';
import { CollabGateway } from './collab.gateway.js';
import { DocumentLogRepository } from './document-log.repository.js';

interface Replica {
  doc: Y.Doc;
  /** The last stored update applied to `doc`. */
  seq: number;
}

/** Replicas of documents nobody has open, kept for the next read; the least recently read goes first. */
const MAX_REPLICAS = 16;

@Injectable()
export class DocumentReader {
  private readonly replicas = new Map<string, Replica>();
  /** One load per document at a time: concurrent reads share it instead of replaying the log twice. */
  private readonly loading = new Map<string, Promise<Replica>>();

  constructor(
    private readonly gateway: CollabGateway,
    private readonly log: DocumentLogRepository,
  ) {}

  /** `seq` is the log position the document read holds (the last update applied to it). */
  async read<T>(documentId: string, read: (doc: Y.Doc, seq: number) => T): Promise<T> {
    const live = this.gateway.engine.readDocument(documentId, read);
    if (live !== null) return live;
    const replica = await this.replica(documentId);
    return read(replica.doc, replica.seq);
  }

  private async replica(documentId: string): Promise<Replica> {
    const pending = this.loading.get(documentId);
    if (pending) return pending;
    const work = this.refresh(documentId).finally(() => this.loading.delete(documentId));
    this.loading.set(documentId, work);
    return work;
  }

  /** The stored log only grows (it is append-only), so a kept replica needs only what came after it. */
  private async refresh(documentId: string): Promise<Replica> {
    const kept = this.replicas.get(documentId);
    let replica: Replica;
    if (kept) {
      const tail = await this.log.readLog(documentId, kept.seq);
      Y.transact(kept.doc, () => {
        for (const row of tail) Y.applyUpdate(kept.doc, row.update);
      });
      kept.seq = tail.at(-1)?.seq ?? kept.seq;
      replica = kept;
    } else {
      const loaded = await this.log.load(documentId);
      const doc = new Y.Doc();
      replayStored(doc, loaded);
      replica = { doc, seq: loaded.updates.at(-1)?.seq ?? loaded.checkpoint?.seq ?? 0 };
    }
    // Map order is insertion order: re-inserting marks it as the most recently read.
    this.replicas.delete(documentId);
    this.replicas.set(documentId, replica);
    for (const [id, old] of this.replicas) {
      if (this.replicas.size <= MAX_REPLICAS) break;
      old.doc.destroy();
      this.replicas.delete(id);
    }
    return replica;
  }
}
