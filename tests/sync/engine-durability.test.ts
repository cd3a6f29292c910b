/** Directed cases of the engine's durability contract, over the simulated network. */
import { afterEach, describe, expect, it } from 'vitest';
import { SimClient, SimServer, committing, settle } from './simulated-network.js';

let server: SimServer;
let clients: SimClient[] = [];

async function setup(count: number): Promise<SimClient[]> {
  server = new SimServer();
  clients = Array.from({ length: count }, (_, i) => new SimClient(i));
  for (const c of clients) await server.connect(c);
  await exchange();
  return clients;
}

/** Delivers everything both ways, committing, until the network is quiet. */
async function exchange(): Promise<void> {
  for (let round = 0; round < 20; round++) {
    let moved = false;
    for (const c of clients) {
      moved ||= c.up.length > 0;
      while (c.up.length > 0) server.deliverUp(c);
    }
    await settle(server);
    for (const c of clients) {
      moved ||= c.down.length > 0;
      while (c.down.length > 0) server.deliverDown(c);
    }
    if (!moved) return;
  }
}

afterEach(async () => {
  for (const c of clients) c.destroy();
  await committing(server, server.engine.shutdown());
});

describe('durable acknowledgement', () => {
  it('acknowledges an update only after the transaction storing it committed', async () => {
    const [alice] = await setup(1);
    alice!.doc.getText('text').insert(0, 'Box III(2)(a)');
    expect(alice!.sync.status).toBe('saving');
    server.deliverUp(alice!);
    await new Promise((resolve) => setImmediate(resolve));
    expect(alice!.down.filter((m) => m.kind === 'saved')).toEqual([]);
    await settle(server);
    expect(alice!.down.filter((m) => m.kind === 'saved')).toHaveLength(1);
    while (alice!.down.length > 0) server.deliverDown(alice!);
    expect(alice!.sync.status).toBe('saved');
    expect(server.replayStored().getText('text').toString()).toBe('Box III(2)(a)');
  });

  it('fans an update out to the other clients once it is stored, so a crash never leaves them holding what the server lost', async () => {
    const [alice, bob] = await setup(2);
    alice!.doc.getText('text').insert(0, 'shall');
    server.deliverUp(alice!);
    while (bob!.down.length > 0) server.deliverDown(bob!);
    expect(bob!.text).toBe('');
    expect(server.store.log('00000000-0000-4000-8000-000000000001')).toHaveLength(0);
    for (let i = 0; i < 10 && server.store.log('00000000-0000-4000-8000-000000000001').length === 0; i++) await server.commit();
    while (bob!.down.length > 0) server.deliverDown(bob!);
    expect(bob!.text).toBe('shall');
    expect(server.store.log('00000000-0000-4000-8000-000000000001')).toHaveLength(1);
  });

  it('keeps unacknowledged edits on the client across a crash and stores them after reconnecting', async () => {
    const [alice, bob] = await setup(2);
    alice!.doc.getText('text').insert(0, '[shall][should]');
    server.deliverUp(alice!);
    server.crash(clients);
    expect(alice!.sync.status).toBe('offline');
    for (const c of clients) await server.connect(c);
    await exchange();
    expect(alice!.sync.status).toBe('saved');
    expect(bob!.text).toBe('[shall][should]');
    expect(server.replayStored().getText('text').toString()).toBe('[shall][should]');
  });

  it('stores nothing and acknowledges nothing while the store fails, then everything when it returns', async () => {
    const [alice] = await setup(1);
    server.store.failing = true;
    alice!.doc.getText('text').insert(0, 'agreed ad ref');
    server.deliverUp(alice!);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.commit();
    expect(alice!.down.filter((m) => m.kind === 'saved')).toEqual([]);
    expect(server.engine.stats().storageAvailable).toBe(false);
    server.store.failing = false;
    await exchange();
    expect(alice!.sync.status).toBe('saved');
    expect(server.replayStored().getText('text').toString()).toBe('agreed ad ref');
  });
});
