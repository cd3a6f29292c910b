/**
 * The fan-out's peer on Hocuspocus: `viewers` connections have one document open; a further
 * connection sends a stateless message of a comment event's size, which the server broadcasts to
 * every other connection of the document (`document.broadcastStateless`, see the launcher's
 * onStateless). Hocuspocus stores nothing and checks no audience: the figure is what delivering a
 * message to that many sockets costs, the floor under Accord's.
 */
import { randomUUID } from 'node:crypto';
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { FanOutResult, PhaseUsage } from '../protocol.js';
import { sleep } from './connect-clients.js';
import { FanOutRecorder, markerIn } from './fan-out-recorder.js';
import { nextEvent } from './hocuspocus-driver.js';
import type { Measure } from './timed-requests.js';

const GAP_MS = 30;

export async function hocuspocusFanOut(
  url: string,
  viewers: number,
  messages: number,
  measure: Measure,
): Promise<{ fanOut: FanOutResult; phase: PhaseUsage }> {
  const recorder = new FanOutRecorder(viewers);
  const name = `c1-fan-out-${randomUUID().slice(0, 8)}`;
  const opened: Array<{ socket: HocuspocusProviderWebsocket; provider: HocuspocusProvider }> = [];
  try {
    for (let i = 0; i < viewers; i++) {
      const viewer = await openDocument(url, name);
      opened.push(viewer);
      viewer.provider.on('stateless', ({ payload }: { payload: string }) => {
        const marker = markerIn(payload);
        if (marker !== null) recorder.arrived(marker, Buffer.byteLength(payload));
      });
    }
    const sender = await openDocument(url, name);
    opened.push(sender);
    const documentId = randomUUID();
    const { usage } = await measure(async () => {
      for (let k = 1; k <= messages; k++) {
        const payload = JSON.stringify(representativeEvent(documentId, k));
        await recorder.send(k, async () => sender.provider.sendStateless(payload));
        await sleep(GAP_MS);
      }
    });
    return { fanOut: recorder.result(messages, usage), phase: usage };
  } finally {
    for (const { socket, provider } of opened) {
      provider.destroy();
      socket.destroy();
    }
  }
}

async function openDocument(url: string, name: string): Promise<{ socket: HocuspocusProviderWebsocket; provider: HocuspocusProvider }> {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  while (socket.status !== WebSocketStatus.Connected) await nextEvent(socket, 'status');
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: new Y.Doc() });
  const synced = nextEvent(provider, 'synced');
  provider.attach();
  if (!provider.isSynced) await synced;
  return { socket, provider };
}

/** What Accord sends a viewer for a new thread, in shape and size: the marker travels in the body. */
function representativeEvent(documentId: string, marker: number) {
  const at = new Date().toISOString();
  const author = { category: 'steward', name: 'Ingrid Halvorsen', affiliation: 'Institute for Dialogue', you: false };
  return {
    name: 'comments.thread_created',
    data: {
      documentId,
      thread: {
        id: randomUUID(),
        documentId,
        audience: 'everyone',
        status: 'open',
        anchor: { paragraphId: 'Bx7kQ2mN9pLr', quote: 'meaningful human control', orphaned: false, start: 'AaGX5uMNBwA=', end: 'AaGX5uMNIgA=' },
        author,
        comments: [{ id: randomUUID(), body: `Fan-out comment #${marker}: the chair invites views on this wording.`, author, createdAt: at, editedAt: null, deleted: false }],
        createdAt: at,
        resolvedAt: null,
        can: { reply: true, resolve: false },
      },
    },
  };
}
