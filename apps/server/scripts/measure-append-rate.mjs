// How fast DocumentLogRepository.append stores back-to-back batches of small updates, on in-memory
// PGlite, on-disk PGlite and (when DATABASE_URL is set) a fresh PostgreSQL database. A measurement,
// not a test:
//   pnpm --filter @accord/server build   # after building its dependencies (pnpm build does all)
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node apps/server/scripts/measure-append-rate.mjs [batches] [rows-per-batch...]
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dialogues, documents, openDatabase, users } from '@accord/db';
import { createTestDatabase } from '@accord/db/testing';
import { DocumentLogRepository } from '../dist/collab/document-log.repository.js';

const [batches = 100, ...sizes] = process.argv.slice(2).map(Number);
const batchSizes = sizes.length > 0 ? sizes : [100, 1000, 2000];
const say = (line) => process.stdout.write(`${line}\n`);

async function measure(label, handle) {
  const store = new DocumentLogRepository(handle.db);
  const [user] = await handle.db.insert(users).values({ email: 'bench@accord.example', displayName: 'B', passwordHash: 'h' }).returning();
  const [dialogue] = await handle.db.insert(dialogues).values({ title: 'Bench' }).returning();
  for (const size of batchSizes) {
    const [doc] = await handle.db.insert(documents).values({ dialogueId: dialogue.id, title: 'Bench', symbol: `B/${size}` }).returning();
    let seq = 0;
    const batch = () => ({
      checkpoints: [],
      updates: Array.from({ length: size }, () => ({
        documentId: doc.id,
        seq: ++seq,
        update: new Uint8Array(randomBytes(30)),
        userId: user.id,
        sessionId: 'bench-session',
        connectionId: 'bench-connection',
        createdAt: new Date(),
      })),
    });
    await store.append(batch()); // warm-up: connections, plans
    const prepared = Array.from({ length: batches }, batch);
    const started = performance.now();
    for (const b of prepared) await store.append(b);
    const seconds = (performance.now() - started) / 1000;
    const rows = batches * size;
    say(`${label.padEnd(16)} ${String(batches).padStart(4)} × ${String(size).padStart(4)} rows: ${Math.round(rows / seconds).toLocaleString('en')} rows/s (${(seconds * 1000 / batches).toFixed(1)} ms per batch)`);
  }
}

const memory = await openDatabase({ pgliteDir: 'memory://' });
await measure('PGlite (memory)', memory).finally(() => memory.close());

const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
const disk = await openDatabase({ pgliteDir: join(dir, 'pglite') });
await measure('PGlite (disk)', disk).finally(async () => {
  await disk.close();
  rmSync(dir, { recursive: true, force: true });
});

if (process.env.DATABASE_URL) {
  const postgres = await createTestDatabase(process.env.DATABASE_URL);
  await measure('PostgreSQL', postgres).finally(() => postgres.close());
}
