/**
 * Who has each document open on this server, as whom: the sockets that server-to-client events
 * (comments now; amendments and revisions next) may reach, each with the viewer it speaks for.
 * Features decide per viewer what an event says, or whether it is sent at all; this class only
 * delivers. A viewer whose membership just changed is held back (`stale`) until the gateway has
 * re-read it, so no event is filtered against a role the member no longer has.
 */
import type { ClientEvent, MemberRole } from '@accord/contract';
import { Injectable } from '@nestjs/common';
import type { CollabSocket } from './socket-peer.js';

export interface Viewer {
  userId: string;
  dialogueId: string;
  role: MemberRole;
  affiliationId: string | null;
}

type ViewerListener = (documentId: string, viewer: Viewer, socket: CollabSocket) => void;

@Injectable()
export class DocumentViewers {
  private readonly byDocument = new Map<string, Map<CollabSocket, Viewer | 'stale'>>();
  private readonly changeListeners = new Set<ViewerListener>();

  /** A socket opened the document, or its viewer was re-read after a membership change. */
  seat(documentId: string, socket: CollabSocket, viewer: Viewer): void {
    let sockets = this.byDocument.get(documentId);
    if (!sockets) this.byDocument.set(documentId, (sockets = new Map()));
    const before = sockets.get(socket);
    sockets.set(socket, viewer);
    if (before !== undefined && !sameViewer(before, viewer)) {
      for (const listener of this.changeListeners) listener(documentId, viewer, socket);
    }
  }

  unseat(documentId: string, socket: CollabSocket): void {
    const sockets = this.byDocument.get(documentId);
    if (!sockets?.delete(socket)) return;
    if (sockets.size === 0) this.byDocument.delete(documentId);
  }

  /** Called synchronously when a membership changes, before anything is re-read. */
  holdBack(userId: string, dialogueId: string): void {
    for (const sockets of this.byDocument.values()) {
      for (const [socket, viewer] of sockets) {
        if (viewer !== 'stale' && viewer.userId === userId && viewer.dialogueId === dialogueId) sockets.set(socket, 'stale');
      }
    }
  }

  /** Listens for a seated viewer whose role or affiliation changed (what they may see changed too). */
  onViewerChanged(listener: ViewerListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * Sends each viewer of the document the event `build` makes for them; null sends nothing.
   * Returns how many sockets it was sent to.
   */
  publish(documentId: string, build: (viewer: Viewer) => ClientEvent | null): number {
    const sockets = this.byDocument.get(documentId);
    if (!sockets) return 0;
    let sent = 0;
    for (const [socket, viewer] of sockets) {
      // The engine can close a document for a connection on its own (an eviction): then it is gone here too.
      if (!socket.connected || !socket.data.documents.has(documentId)) {
        sockets.delete(socket);
        continue;
      }
      if (viewer === 'stale') continue;
      const event = build(viewer);
      if (!event) continue;
      socket.emit('event', event);
      sent += 1;
    }
    return sent;
  }

  /** Sends one socket one event (for answers meant for a single connection). */
  send(socket: CollabSocket, event: ClientEvent): void {
    if (socket.connected) socket.emit('event', event);
  }

  count(documentId: string): number {
    return this.byDocument.get(documentId)?.size ?? 0;
  }
}

function sameViewer(before: Viewer | 'stale', after: Viewer): boolean {
  // A stale entry may hide a change; treat it as one so listeners re-send what the viewer may see.
  return before !== 'stale' && before.role === after.role && before.affiliationId === after.affiliationId;
}
