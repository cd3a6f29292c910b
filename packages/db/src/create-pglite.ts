/**
 * Creates an embedded database in a directory of its own, in a process of its own:
 * `node create-pglite.js <dir> [migrate]`. PGlite creates a database with two more instances of
 * itself and a copy of the new directory, over 400 MB that WebAssembly never returns to the system;
 * a server that did it in its own process kept them for good. See createPgliteApart in client.ts.
 */
import { PGlite } from '@electric-sql/pglite';
import { runMigrations } from './migrate.js';
import { pgliteOptions } from './pglite-options.js';

const [dir, step] = process.argv.slice(2);
if (!dir) throw new Error('usage: create-pglite.js <dir> [migrate]');
const pglite = await PGlite.create(dir, pgliteOptions());
try {
  if (step === 'migrate') await runMigrations({ pglite });
} finally {
  await pglite.close();
}
