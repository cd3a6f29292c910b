import { it } from 'vitest';
import * as Y from 'yjs';
import { SyncEngine, MemoryStore, checkUpdate, defaultSyncLimits, type SyncPeer } from '@accord/sync';
import { encodeUpdate } from '@accord/sync/protocol';

function rng(seed: number) { return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }

it('fuzz', async () => {
  const base = new Y.Doc(); base.clientID = 1;
  const text = base.getText('text');
  text.insert(0, 'Article 1. The parties shall [consider][ensure] meaningful human control. 🚀 é');
  text.format(5, 10, { bold: true });
  text.delete(20, 5);
  const m = base.getMap('meta'); m.set('status', 'draft'); m.set('n', 3.5); const inner = new Y.Map(); m.set('inner', inner); inner.set('k', [1, 'a', { b: null }]);
  const a = base.getArray('arr'); a.push([1, new Uint8Array([1, 2]), "x", { y: [true, null] }]);
  const x = base.getXmlFragment('xml'); const el = new Y.XmlElement('p'); el.setAttribute('class', 'c'); x.insert(0, [el, new Y.XmlText('hello')]);
  const baseState = Y.encodeStateAsUpdate(base);
  const valid: Uint8Array[] = [];
  const ops: Array<(d: Y.Doc) => void> = [
    (d) => d.getText('text').insert(3, 'abc'),
    (d) => d.getText('text').delete(2, 7),
    (d) => d.getText('text').format(1, 8, { italic: true }),
    (d) => d.getText('text').insertEmbed(4, { image: 'x.png' }),
    (d) => d.getMap('meta').set('k' + 1, { a: [1, 2, { c: 'd' }] }),
    (d) => (d.getMap('meta').get('inner') as Y.Map<unknown>).set('z', 5),
    (d) => d.getArray('arr').insert(1, [new Y.Map(), 'q']),
    (d) => d.getXmlFragment('xml').insert(0, [new Y.XmlElement('h1')]),
    (d) => { d.getText('text').applyDelta([{ retain: 5 }, { insert: 'PASTE '.repeat(20), attributes: { bold: true } }, { delete: 3 }]); },
  ];
  for (const [i, op] of ops.entries()) {
    const d = new Y.Doc(); d.clientID = 100 + i; Y.applyUpdate(d, baseState);
    const sv = Y.encodeStateVector(d);
    const got: Uint8Array[] = []; d.on('update', (u: Uint8Array) => got.push(u));
    op(d);
    valid.push(...got, Y.encodeStateAsUpdate(d, sv), Y.encodeStateAsUpdate(d));
  }
  for (let i = 0; i < 6; i++) {
    const d1 = new Y.Doc(); d1.clientID = 300 + i; Y.applyUpdate(d1, baseState);
    const d2 = new Y.Doc(); d2.clientID = 400 + i; Y.applyUpdate(d2, baseState);
    const sv = Y.encodeStateVector(d1);
    d1.getText('text').insert(2 + i, 'one'); Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1, sv));
    d2.getText('text').insert(3 + i, 'two'); d2.getText('text').delete(1, 2); d2.getMap('meta').set('w', i);
    Y.applyUpdate(d1, Y.encodeStateAsUpdate(d2, sv)); d1.getText('text').insert(5, 'three');
    valid.push(Y.encodeStateAsUpdate(d1, sv));
  }
  if (process.env.ENGINEHEX) {
    const st = new MemoryStore(); const docId = '00000000-0000-4000-8000-000000000001';
    st.updates.set(docId, [{ documentId: docId, seq: 1, update: baseState, userId: 'u', sessionId: 's', connectionId: 'c', createdAt: new Date() }]);
    const ev: string[] = [];
    const mk = (id: string): SyncPeer => ({ id, identity: { userId: id, sessionId: id, name: id, colour: '#000' }, send: (_d, m) => ev.push(`${id} y ${m[0]},${m[1]}`), saved: (_d, s2) => ev.push(`${id} saved ${s2}`), refused: (_d, s2, err) => ev.push(`${id} refused ${s2} ${err.code}`), closed: (_d, err) => ev.push(`${id} closed ${err.code}`), storage: () => {} });
    const e = new SyncEngine({ store: st }); const pa = mk('a'), pb = mk('b');
    await e.open(pa, docId, { readOnly: false, role: 'delegate', affiliation: null }); await e.open(pb, docId, { readOnly: false, role: 'delegate', affiliation: null });
    const before = e.stateOf(docId)!;
    e.receive(pa, docId, 7, encodeUpdate(new Uint8Array(Buffer.from(process.env.ENGINEHEX, 'hex'))));
    await e.flush();
    const d0 = new Y.Doc(); Y.applyUpdate(d0, before); const d1 = new Y.Doc(); Y.applyUpdate(d1, e.stateOf(docId)!);
    console.log('events', ev, 'stored rows', st.updates.get(docId)!.length, 'text before', JSON.stringify(d0.getText('text').toString()), 'after', JSON.stringify(d1.getText('text').toString()), d1.getMap('meta').toJSON());
    return;
  }
  if (process.env.HEX) { const d = new Y.Doc(); Y.applyUpdate(d, baseState); try { Y.applyUpdate(d, new Uint8Array(Buffer.from(process.env.HEX, 'hex'))); } catch (e) { console.log((e as Error).stack); } console.log(JSON.stringify(Y.decodeUpdate(new Uint8Array(Buffer.from(process.env.HEX, 'hex'))), (_k, v) => typeof v === 'object' && v && v.constructor && v.constructor.name.startsWith('Content') ? { [v.constructor.name]: v.str ?? v.len ?? v.arr ?? v.key } : v, 0)); return; }
  const store = new MemoryStore();
  const doc = '00000000-0000-4000-8000-000000000001';
  store.updates.set(doc, [{ documentId: doc, seq: 1, update: baseState, userId: 'u', sessionId: 's', connectionId: 'c', createdAt: new Date() }]);
  const events: string[] = [];
  const peer = (id: string): SyncPeer => ({ id, identity: { userId: id, sessionId: id, name: id, colour: '#000' },
    send: () => {}, saved: (_d, s) => events.push(`saved ${s}`),
    refused: (_d, s, err) => events.push(`refused ${s} ${err.code}`), closed: (_d, err) => events.push(`closed ${err.code}`), storage: () => {} });
  const errors: unknown[] = [];
  const engine = new SyncEngine({ store, limits: { messagesPerSecond: 1e9, messageBurst: 1e9 }, log: { warn: () => {}, error: (d) => errors.push(d) } });
  const p = peer('a');
  await engine.open(p, doc, { readOnly: false, role: 'delegate', affiliation: null });
  const r = rng(Number(process.env.SEED ?? 12345));
  const counts: Record<string, number> = {};
  const replica = new Y.Doc(); Y.applyUpdate(replica, baseState);
  let bad = 0;
  for (let n = 0; n < 600000; n++) {
    const v = valid[Math.floor(r() * valid.length)]!;
    const u = new Uint8Array(v);
    const kind = r();
    let mutated: Uint8Array = u;
    if (kind < 0.5) { const flips = 1 + Math.floor(r() * 3); for (let k = 0; k < flips; k++) { const pos = Math.floor(r() * u.length); u[pos] ^= 1 << Math.floor(r() * 8); } }
    else if (kind < 0.7) { mutated = u.slice(0, Math.floor(r() * u.length)); }
    else if (kind < 0.85) { const pos = Math.floor(r() * u.length); u[pos] = Math.floor(r() * 256); }
    else { const pos = Math.floor(r() * u.length); mutated = new Uint8Array([...u.slice(0, pos), Math.floor(r() * 256), ...u.slice(pos)]); }
    const check = checkUpdate(replica, mutated, defaultSyncLimits);
    if (check.ok) {
      // would it apply cleanly?
      const d = new Y.Doc(); Y.applyUpdate(d, baseState);
      let res = 'ok';
      try { Y.applyUpdate(d, mutated); if (d.store.pendingStructs || d.store.pendingDs) res = 'pending'; } catch (e) { res = 'throws:' + (e as Error).message; }
      counts['accepted-' + res.slice(0, 40)] = (counts['accepted-' + res.slice(0, 40)] ?? 0) + 1;
      if (res.startsWith('throws') || (res !== 'ok' && bad++ < 6)) console.log('BAD', res, Buffer.from(mutated).toString('hex'));
    } else counts[check.code] = (counts[check.code] ?? 0) + 1;
  }
  console.log(counts);
  void engine; void encodeUpdate; void events; void errors;
}, 120000);
