/**
 * The engine's server write path (SyncEngine.change) and its policy seam (UpdatePolicy): a change the
 * server makes goes where a client's update goes, and a policy refusal leaves everything as it was.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryStore, SyncEngine, decodeMessage, encodeUpdate, type SyncError, type SyncPeer, type UpdatePolicy } from '../src/index.js';

const DOC = '00000000-0000-4000-8000-0000000000bb';
const author = { userId: 'chair', sessionId: 'chair-session', source: 'amendment:a1' };

interface TestPeer extends SyncPeer {
  received: Uint8Array[];
  saves: number[];
  refusals: Array<{ seq: number; code: string }>;
  closes: string[];
}

function peer(id: string): TestPeer {
  const received: Uint8Array[] = [];
  const saves: number[] = [];
  const refusals: Array<{ seq: number; code: string }> = [];
  const closes: string[] = [];
  return {
    id,
    identity: { userId: `user-${id}`, sessionId: `session-${id}`, name: id, colour: '#000' },
    received,
    saves,
    refusals,
    closes,
    send: (_doc, message) => received.push(message),
    saved: (_doc, seq) => saves.push(seq),
    refused: (_doc, seq, error: SyncError) => refusals.push({ seq, code: error.code }),
    closed: (_doc, error: SyncError) => closes.push(error.code),
    storage: () => {},
  };
}

/** Applies every update message a peer received to a fresh replica. */
function replicaOf(p: TestPeer): Y.Doc {
  const doc = new Y.Doc();
  for (const message of p.received) {
    const decoded = decodeMessage(message);
    if (decoded.kind === 'update' || decoded.kind === 'step2') Y.applyUpdate(doc, decoded.update);
  }
  return doc;
}

describe('SyncEngine.change: the server writes a document', () => {
  it('applies the edit in the room, shares it with every seat once stored, logs it under its author and source, and resolves with its seq', async () => {
    const store = new MemoryStore();
    const engine = new SyncEngine({ store });
    const editor = peer('editor');
    await engine.open(editor, DOC, { readOnly: false, role: 'delegate', affiliation: null });
    const { seq, result } = await engine.change(DOC, author, (doc) => {
      doc.getText('text').insert(0, 'Box I(1) [shall]');
      return 'done';
    });
    expect(result).toBe('done');
    expect(seq).toBe(1);
    expect(replicaOf(editor).getText('text').toString()).toBe('Box I(1) [shall]');
    const [row] = store.log(DOC);
    expect(row).toMatchObject({ seq: 1, userId: 'chair', sessionId: 'chair-session', connectionId: 'server', source: 'amendment:a1' });
    await engine.shutdown();
  });

  it('loads a document nobody has open, and the next client finds the change', async () => {
    const store = new MemoryStore();
    const engine = new SyncEngine({ store });
    await engine.change(DOC, author, (doc) => doc.getText('text').insert(0, 'first'));
    const { seq } = await engine.change(DOC, author, (doc) => doc.getText('text').insert(5, ' second'));
    expect(seq).toBe(2);
    const state = new Y.Doc();
    Y.applyUpdate(state, engine.stateOf(DOC)!);
    expect(state.getText('text').toString()).toBe('first second');
    expect(store.log(DOC).map((r) => r.seq)).toEqual([1, 2]);
    await engine.shutdown();
  });

  it('writes nothing, logs nothing and tells nobody when the edit changes nothing or throws before writing', async () => {
    const store = new MemoryStore();
    const engine = new SyncEngine({ store });
    const editor = peer('editor');
    await engine.open(editor, DOC, { readOnly: false, role: 'delegate', affiliation: null });
    expect((await engine.change(DOC, author, () => 'read only')).seq).toBeNull();
    await expect(
      engine.change(DOC, author, () => {
        throw new Error('conflict: the paragraph moved on');
      }),
    ).rejects.toThrow('conflict');
    expect(store.log(DOC)).toHaveLength(0);
    expect(editor.received).toHaveLength(0);
    expect(editor.closes).toEqual([]);
    await engine.shutdown();
  });

  it('reloads the room when an edit throws halfway, so no half-change is ever stored or shared', async () => {
    const store = new MemoryStore();
    const engine = new SyncEngine({ store });
    const editor = peer('editor');
    await engine.open(editor, DOC, { readOnly: false, role: 'delegate', affiliation: null });
    await expect(
      engine.change(DOC, author, (doc) => {
        doc.getText('text').insert(0, 'half');
        throw new Error('a bug after writing');
      }),
    ).rejects.toThrow('a bug after writing');
    expect(editor.closes).toEqual(['INTERNAL']);
    expect(store.log(DOC)).toHaveLength(0);
    expect(engine.stateOf(DOC)).toBeNull();
    await engine.shutdown();
  });

  it('writes under a client id nobody holds, so a client cannot later write under it', async () => {
    const store = new MemoryStore();
    const engine = new SyncEngine({ store });
    await engine.change(DOC, author, (doc) => doc.getText('text').insert(0, 'server'));
    const state = new Y.Doc();
    Y.applyUpdate(state, engine.stateOf(DOC)!);
    const [serverClient] = [...Y.decodeStateVector(Y.encodeStateVector(state)).keys()];
    expect((await store.load(DOC)).claims.map((c) => c.clientId)).not.toContain(serverClient);
    // A client that takes the server's id is refused: the id belongs to no one.
    const thief = peer('thief');
    await engine.open(thief, DOC, { readOnly: false, role: 'delegate', affiliation: null });
    const forged = new Y.Doc();
    Y.applyUpdate(forged, engine.stateOf(DOC)!);
    // Set after loading: Yjs gives a doc a new id when a remote update writes under its own.
    forged.clientID = serverClient!;
    const before = Y.encodeStateVector(forged);
    forged.getText('text').insert(0, 'forged ');
    engine.receive(thief, DOC, 1, encodeUpdate(Y.encodeStateAsUpdate(forged, before)));
    expect(thief.refusals).toEqual([{ seq: 1, code: 'CLIENT_ID_TAKEN' }]);
    await engine.shutdown();
  });
});

describe('the policy seam', () => {
  it('refuses a whole update with the policy code: nothing applied, stored or shared, and the writer told', async () => {
    const store = new MemoryStore();
    const questions: string[] = [];
    const policy: UpdatePolicy = ({ writer, doc, after }) => {
      questions.push(writer.role);
      const now = doc.getText('text').toString();
      const next = after().getText('text').toString();
      return next.includes('agreed') && writer.role !== 'chair' ? { ok: false, code: 'STATUS_STEWARDS_ONLY', reason: `only the chair agrees (${now} → ${next})` } : { ok: true };
    };
    const engine = new SyncEngine({ store, policy });
    const writer = peer('delegate');
    const other = peer('other');
    await engine.open(writer, DOC, { readOnly: false, role: 'delegate', affiliation: 'Republic of Arandia' });
    await engine.open(other, DOC, { readOnly: false, role: 'delegate', affiliation: null });
    const doc = new Y.Doc();
    let seq = 0;
    doc.on('update', (update: Uint8Array) => engine.receive(writer, DOC, ++seq, encodeUpdate(update)));
    doc.getText('text').insert(0, 'Box I(1) ');
    doc.getText('text').insert(9, 'agreed');
    await engine.flush();
    expect(writer.refusals).toEqual([{ seq: 2, code: 'STATUS_STEWARDS_ONLY' }]);
    expect(writer.saves).toEqual([1]);
    expect(store.log(DOC)).toHaveLength(1);
    expect(replicaOf(other).getText('text').toString()).toBe('Box I(1) ');
    expect(questions).toEqual(['delegate', 'delegate']);
    // The policy's copy is its own: the live document never saw the refused words.
    const state = new Y.Doc();
    Y.applyUpdate(state, engine.stateOf(DOC)!);
    expect(state.getText('text').toString()).toBe('Box I(1) ');
    await engine.shutdown();
  });

  it('is not asked about read-only seats (refused first) nor about the server’s own changes', async () => {
    let asked = 0;
    const engine = new SyncEngine({ store: new MemoryStore(), policy: () => (asked++, { ok: true }) });
    const reader = peer('reader');
    await engine.open(reader, DOC, { readOnly: true, role: 'observer', affiliation: null });
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => engine.receive(reader, DOC, 1, encodeUpdate(update)));
    doc.getText('text').insert(0, 'x');
    await engine.change(DOC, author, (d) => d.getText('text').insert(0, 'server'));
    expect(reader.refusals).toEqual([{ seq: 1, code: 'READ_ONLY' }]);
    expect(asked).toBe(0);
    await engine.shutdown();
  });
});
