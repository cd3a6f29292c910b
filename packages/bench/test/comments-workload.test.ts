/**
 * The pure parts of the bench's comments workload (C1): the long text it writes is one the server's
 * schema check accepts, the thread plan keeps the promises the figures rest on, and the server's
 * own time is read from its Server-Timing header.
 */
import { N, emptyRollingText } from '@accord/text';
import { checkRollingTextUpdate, fromYDoc, toYUpdate } from '@accord/text/yjs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_MEMBERS, TYPIST, demoMembers, maySee, planThreads } from '../src/load/comments-plan.js';
import { writeParagraphs } from '../src/load/long-rolling-text.js';
import { serverTimingMs } from '../src/load/timed-requests.js';
import { seededRandom } from '../src/load/typist.js';

const plan = { threads: 2_000, replies: 500, visibleToTypist: 500 };

function templateDoc(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

describe('the long rolling text C1 writes', () => {
  it('is accepted update by update by the schema check the server runs, and reads back as 500 paragraphs', () => {
    const template = toYUpdate(emptyRollingText());
    const server = templateDoc(template);
    const client = templateDoc(template);
    const refusals: string[] = [];
    let updates = 0;
    client.on('update', (update: Uint8Array) => {
      updates++;
      const verdict = checkRollingTextUpdate(server, update);
      if (!verdict.ok) refusals.push(verdict.reason);
      Y.applyUpdate(server, update);
    });

    const written = writeParagraphs(client, 500, seededRandom(1));

    expect(refusals).toEqual([]);
    expect(updates).toBe(5); // one per box
    expect(written).toHaveLength(500);
    expect(new Set(written.map((p) => p.id)).size).toBe(500);
    const paragraphs: Array<{ id: string; text: string; num: number }> = [];
    fromYDoc(server).descendants((node) => {
      if (node.type.name !== N.paragraph) return true;
      paragraphs.push({ id: String(node.attrs.id), text: node.textContent, num: Number(node.attrs.num) });
      return false;
    });
    expect(paragraphs.map(({ id, text }) => ({ id, text }))).toEqual(written);
    // Numbered 1 to 100 in each box, as the editor numbers them.
    expect(paragraphs.slice(0, 100).map((p) => p.num)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });
});

describe('the thread plan', () => {
  const paragraphs = Array.from({ length: 500 }, (_, i) => ({ id: `p${i}`, text: `In box 1, paragraph ${i}: states shall ensure meaningful human control over the use of force` }));
  const threads = planThreads(paragraphs, plan);

  it('gives the typist exactly the threads the editor figure is measured with', () => {
    expect(threads).toHaveLength(2_000);
    expect(threads.filter((t) => maySee(TYPIST, t.audience, t.author))).toHaveLength(500);
  });

  it('writes for every audience and spreads the threads over every paragraph', () => {
    expect(new Set(threads.map((t) => t.audience))).toEqual(new Set(['everyone', 'governments', 'stewards', 'delegation']));
    expect(new Set(threads.map((t) => t.paragraphId)).size).toBe(500);
  });

  it('quotes only words of the thread’s own paragraph, or none (the whole paragraph)', () => {
    const textOf = new Map(paragraphs.map((p) => [p.id, p.text]));
    for (const thread of threads) {
      if (thread.quote === undefined) continue;
      expect(thread.quote.length).toBeGreaterThan(0);
      expect(textOf.get(thread.paragraphId)).toContain(thread.quote);
    }
    expect(threads.filter((t) => t.quote === undefined).length).toBe(400);
  });

  it('has each reply written by a member who may see the thread and may write (never the observer)', () => {
    const replies = threads.filter((t) => t.replier !== null);
    expect(replies).toHaveLength(500);
    for (const { replier, audience, author } of replies) {
      expect(replier).not.toBe('observer');
      expect(maySee(replier!, audience, author)).toBe(true);
    }
    expect(threads.some((t) => t.author === 'observer')).toBe(false);
  });

  it('follows the audience rule of the design for every demo member', () => {
    // A delegation thread is seen by its author's delegation only, not even by the chair.
    expect(maySee('chair', 'delegation', 'arandia')).toBe(false);
    expect(maySee('secretariat', 'delegation', 'chair')).toBe(true);
    expect(maySee('ngo', 'governments', 'chair')).toBe(false);
    expect(maySee('veloria', 'stewards', 'chair')).toBe(false);
    expect(maySee('observer', 'everyone', 'icrc')).toBe(true);
    for (const member of demoMembers) expect(maySee(member, 'stewards', member)).toBe(true);
    expect(DEMO_MEMBERS[TYPIST].category).toBe('government');
  });
});

describe('Server-Timing', () => {
  it('reads the app metric’s duration in ms', () => {
    expect(serverTimingMs('app;dur=12.3')).toBe(12.3);
    expect(serverTimingMs('db;dur=4, app;desc="Accord";dur=7')).toBe(7);
    expect(serverTimingMs('app;dur="0.5"')).toBe(0.5);
  });

  it('gives null rather than a figure when the header is missing or says nothing usable', () => {
    expect(serverTimingMs(null)).toBeNull();
    expect(serverTimingMs('db;dur=4')).toBeNull();
    expect(serverTimingMs('app')).toBeNull();
    expect(serverTimingMs('app;dur=soon')).toBeNull();
    expect(serverTimingMs('app;dur=-1')).toBeNull();
  });
});
