import {
  type Database,
  affiliations,
  amendments,
  amendmentSupports,
  auditEvents,
  dialogues,
  documentCheckpoints,
  documents,
  documentUpdates,
  invitations,
  memberships,
  revisions,
  sessionModes,
  sessions,
  users,
} from '@accord/db';

/** Every row of every table, as one comparable string: "the database is unchanged" made checkable. */
export async function snapshot(db: Database): Promise<string> {
  const tables = { users, sessions, affiliations, dialogues, memberships, invitations, documents, documentUpdates, documentCheckpoints, auditEvents, amendments, amendmentSupports, revisions, sessionModes };
  const dump: Record<string, unknown[]> = {};
  for (const [name, table] of Object.entries(tables)) {
    const rows = await db.select().from(table);
    dump[name] = rows.map((row) => JSON.stringify(row, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))).toSorted();
  }
  return JSON.stringify(dump);
}
