/**
 * Cuts client ids out of a checked Yjs update (v1), byte for byte: the kept clients' structs are
 * copied as they are, and the delete set keeps, for a cut client, only the ranges the document
 * already holds (a range into the cut content would leave Yjs waiting for it).
 */
import * as encoding from 'lib0/encoding';
import { BoundedReader } from './protocol/reader.js';
import type { UpdateLayout } from './update-check.js';

export function withoutClients(update: Uint8Array, layout: UpdateLayout, cut: ReadonlySet<number>, held: (client: number) => number): Uint8Array {
  const e = encoding.createEncoder();
  const kept = layout.runs.filter((run) => !cut.has(run.client));
  encoding.writeVarUint(e, kept.length);
  for (const run of kept) encoding.writeUint8Array(e, update.subarray(run.start, run.end));

  const r = new BoundedReader(update);
  r.pos = layout.deleteSetStart;
  const deletes: Array<{ client: number; ranges: Array<[number, number]> }> = [];
  const clients = r.count(2);
  for (let i = 0; i < clients; i++) {
    const client = r.varUint();
    const ranges: Array<[number, number]> = [];
    const count = r.count(2);
    for (let j = 0; j < count; j++) {
      const clock = r.varUint();
      const length = r.varUint();
      if (!cut.has(client)) ranges.push([clock, length]);
      else if (clock < held(client)) ranges.push([clock, Math.min(length, held(client) - clock)]);
    }
    if (ranges.length > 0) deletes.push({ client, ranges });
  }
  encoding.writeVarUint(e, deletes.length);
  for (const { client, ranges } of deletes) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, ranges.length);
    for (const [clock, length] of ranges) {
      encoding.writeVarUint(e, clock);
      encoding.writeVarUint(e, length);
    }
  }
  return encoding.toUint8Array(e);
}
