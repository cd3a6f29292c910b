import { PGlite, type PGliteOptions, types } from '@electric-sql/pglite';
import { byteaFromText, byteaToText } from './bytea.js';

/**
 * PostgreSQL's memory settings for the embedded database. PGlite's own defaults are a server's
 * (shared_buffers 128MB, room for 100 connections), and in WebAssembly that shared memory is touched
 * at start and never given back: 155 MB of the server's resident memory at rest. One process is
 * PGlite's only client, and the rows Accord reads again are few (open documents live in the sync
 * engine), so a small buffer pool costs little; pages it drops are read back from the operating
 * system's cache. Durability settings are PGlite's own defaults, unchanged.
 */
const MEMORY_SETTINGS: Record<string, string> = {
  shared_buffers: '16MB',
  max_connections: '5',
};

/** The options every PGlite Accord opens uses: its memory settings and the bytea codec (see bytea.ts). */
export function pgliteOptions(): PGliteOptions {
  const settings = Object.entries(MEMORY_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  return {
    startParams: [...PGlite.defaultStartParams, ...settings],
    serializers: { [types.BYTEA]: byteaToText },
    parsers: { [types.BYTEA]: byteaFromText },
  };
}
