/**
 * The schema check's own cost, measured in-process in CPU time, where no network, database or other
 * process adds noise: the server's check (checkRollingTextUpdate, the one startServer passes to the engine) on W1's
 * kind of update, one typed or deleted character in a paragraph, against applying that update. On
 * W1 one incoming update is delivered to N − 1 replicas, so its share per delivered update is this
 * divided by N − 1: a figure the end-to-end comparison (A / Au) cannot resolve from machine noise.
 */
import { emptyRollingText } from '@accord/text';
import { checkRollingTextUpdate, toYUpdate } from '@accord/text/yjs';
import * as Y from 'yjs';
import { firstParagraphText } from './load/rolling-text.js';
import { Typist, seedText, seededRandom, slotStart } from './load/typist.js';

export interface SchemaCheckInProcess {
  updates: number;
  /** CPU µs per update, the best of several rounds (the least disturbed): applying it, and checking then applying it. */
  applyUs: number;
  checkAndApplyUs: number;
  /** checkAndApplyUs − applyUs. */
  checkUs: number;
}

const EDITS = 10_000;
const WARMUP_ROUNDS = 3;
const ROUNDS = 9;

export function measureSchemaCheck(): SchemaCheckInProcess {
  const author = new Y.Doc();
  Y.applyUpdate(author, toYUpdate(emptyRollingText()));
  author.transact(() => firstParagraphText(author).insert(0, seedText(50, 16)));
  const base = Y.encodeStateAsUpdate(author);
  const updates: Uint8Array[] = [];
  author.on('update', (update: Uint8Array) => void updates.push(update));
  const typist = new Typist(firstParagraphText(author), slotStart(0, 16), seededRandom(7));
  for (let i = 0; i < EDITS; i++) typist.step();

  const round = (check: boolean): number => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base);
    const startedAt = process.cpuUsage();
    for (const update of updates) {
      if (check && !checkRollingTextUpdate(doc, update).ok) throw new Error('the schema check refused a typed character');
      Y.applyUpdate(doc, update);
    }
    const used = process.cpuUsage(startedAt);
    return (used.user + used.system) / updates.length;
  };
  for (let i = 0; i < WARMUP_ROUNDS; i++) {
    round(true);
    round(false);
  }
  const checked: number[] = [];
  const unchecked: number[] = [];
  // Alternating, so a machine that slows down meanwhile slows both alike.
  for (let i = 0; i < ROUNDS; i++) {
    checked.push(round(true));
    unchecked.push(round(false));
  }
  const applyUs = Math.min(...unchecked);
  const checkAndApplyUs = Math.min(...checked);
  return { updates: updates.length, applyUs, checkAndApplyUs, checkUs: checkAndApplyUs - applyUs };
}
