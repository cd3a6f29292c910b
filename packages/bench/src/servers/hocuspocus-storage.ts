/**
 * Hocuspocus's database extension stores the whole document state under its name. Here that is a
 * table the bench creates in the same kind of database Accord uses in this run (PGlite or PostgreSQL),
 * through @accord/db's client factory so both servers get the same drivers and bytea codec.
 */
import { openDatabase, type DatabaseHandle } from '@accord/db';
import type { StorageConfig } from '../protocol.js';

export interface DocumentTable {
  fetch(name: string): Promise<Uint8Array | null>;
  store(name: string, state: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export async function openDocumentTable(storage: StorageConfig): Promise<DocumentTable> {
  const handle = await openDatabase(
    storage.kind === 'postgres'
      ? { url: storage.url, migrate: false, maxConnections: 10 }
      : { pgliteDir: storage.dir, migrate: false },
  );
  await query(handle, 'create table if not exists bench_hocuspocus_documents (name text primary key, data bytea not null)');
  return {
    fetch: async (name) => {
      const rows = await query(handle, `select data from bench_hocuspocus_documents where name = ${literal(name)}`);
      return (rows[0]?.data as Uint8Array | undefined) ?? null;
    },
    store: async (name, state) => {
      // Without drizzle's sql tag (not a dependency of the bench), bytes travel as a hex literal:
      // the same text form @accord/db's bytea codec would send as a parameter.
      const hex = Buffer.from(state.buffer, state.byteOffset, state.byteLength).toString('hex');
      await query(
        handle,
        `insert into bench_hocuspocus_documents (name, data) values (${literal(name)}, '\\x${hex}'::bytea)
         on conflict (name) do update set data = excluded.data`,
      );
    },
    close: () => handle.close(),
  };
}

/** postgres-js answers a row array, PGlite an object holding one. */
async function query(handle: DatabaseHandle, sql: string): Promise<Array<Record<string, unknown>>> {
  const result = (await handle.db.execute(sql)) as unknown;
  if (Array.isArray(result)) return result as Array<Record<string, unknown>>;
  return (result as { rows: Array<Record<string, unknown>> }).rows;
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
