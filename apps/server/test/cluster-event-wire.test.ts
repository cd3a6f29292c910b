/**
 * Domain events as they cross between servers (cluster/event-wire.ts): what one server encodes the
 * others decode to the same event, Dates included; what stays local is never encoded; anything
 * malformed is reported as invalid, never thrown and never handed on.
 */
import { describe, expect, it } from 'vitest';
import type { DomainEventMap } from '../src/common/domain-events.js';
import { decodeMessage, encodeEvent, encodeResyncRequest, isRelayed, LOCAL_ONLY } from '../src/cluster/event-wire.js';

const dialogueId = '0b9c1a52-64a8-4a59-9b7e-2a7f7c1f3d11';
const documentId = '5d1e8f0e-3c0a-4a1e-8a55-8f6a0c2b9e42';

describe('encoding and decoding', () => {
  it('gives back the event that was sent, with its Date a Date again', () => {
    const lastActiveAt = new Date('2026-12-07T03:22:01.123Z');
    const decoded = decodeMessage(encodeEvent('node-a', 'session.active', { sessionId: 'abc', lastActiveAt }));
    expect(decoded).toEqual({ kind: 'event', from: 'node-a', name: 'session.active', event: { sessionId: 'abc', lastActiveAt } });
    expect(decoded.kind === 'event' && (decoded.event as DomainEventMap['session.active']).lastActiveAt).toBeInstanceOf(Date);
  });

  it('carries every relayed event unchanged', () => {
    const sessionMode = {
      documentId,
      current: { paragraphId: 'p-1', since: '2026-12-07T03:00:00.000Z' },
      floor: { affiliationId: dialogueId, name: 'Arandia', kind: 'government' as const, since: '2026-12-07T03:01:00.000Z' },
      version: 3,
    };
    const samples = [
      ['membership.changed', { dialogueId, userId: 'u1' }],
      ['session.revoked', { sessionId: 's1' }],
      ['session.revoked', { sessionId: 's1', reason: 'expired' }],
      ['comments.changed', { dialogueId, documentId, threadId: 't1', change: 'created' }],
      ['amendments.changed', { dialogueId, documentId, amendmentId: 'a1' }],
      ['revisions.created', { dialogueId, documentId, revisionId: 'r1' }],
      ['session_mode.changed', { dialogueId, documentId, sessionMode }],
    ] as const;
    for (const [name, event] of samples) {
      expect(decodeMessage(encodeEvent('node-a', name, event as never)), name).toEqual({ kind: 'event', from: 'node-a', name, event });
    }
  });

  it('never relays what must stay on its server (the unverified sign-in mail would go out once per server)', () => {
    expect(LOCAL_ONLY).toContain('account.unverified_sign_in');
    for (const name of LOCAL_ONLY) expect(isRelayed(name), name).toBe(false);
    expect(isRelayed('session.revoked')).toBe(true);
  });

  it('reads a resync request apart from events', () => {
    expect(decodeMessage(encodeResyncRequest('node-b'))).toEqual({ kind: 'resync', from: 'node-b' });
  });

  it('strips fields it does not know, so a newer server is still heard', () => {
    const message = JSON.stringify({ from: 'node-c', name: 'session.revoked', event: { sessionId: 's1', shard: 7 }, trace: 'x' });
    expect(decodeMessage(message)).toEqual({ kind: 'event', from: 'node-c', name: 'session.revoked', event: { sessionId: 's1' } });
  });
});

describe('malformed messages are invalid, never thrown', () => {
  const cases: Array<[string, string]> = [
    ['not JSON', '{"from":'],
    ['JSON that is not an object', '"session.revoked"'],
    ['null', 'null'],
    ['no origin', JSON.stringify({ name: 'session.revoked', event: { sessionId: 's1' } })],
    ['an empty origin', JSON.stringify({ from: '', name: 'session.revoked', event: { sessionId: 's1' } })],
    ['an unknown event', JSON.stringify({ from: 'a', name: 'members.exploded', event: {} })],
    ['a local-only event', JSON.stringify({ from: 'a', name: 'account.unverified_sign_in', event: { userId: 'u1' } })],
    ['a resync dressed as an event', JSON.stringify({ from: 'a', name: 'cluster.resynced', event: {} })],
    ['a prototype key as the name', JSON.stringify({ from: 'a', name: '__proto__', event: {} })],
    ['a number for an id', JSON.stringify({ from: 'a', name: 'session.revoked', event: { sessionId: 42 } })],
    ['an unknown reason', JSON.stringify({ from: 'a', name: 'session.revoked', event: { sessionId: 's1', reason: 'banned' } })],
    ['a date that is not one', JSON.stringify({ from: 'a', name: 'session.active', event: { sessionId: 's1', lastActiveAt: 'yesterday' } })],
    ['a missing field', JSON.stringify({ from: 'a', name: 'comments.changed', event: { dialogueId, documentId, change: 'created' } })],
    ['an unknown change', JSON.stringify({ from: 'a', name: 'comments.changed', event: { dialogueId, documentId, threadId: 't', change: 'deleted' } })],
    ['a session mode of the wrong shape', JSON.stringify({ from: 'a', name: 'session_mode.changed', event: { dialogueId, documentId, sessionMode: { version: -1 } } })],
    ['no event', JSON.stringify({ from: 'a', name: 'membership.changed' })],
    ['an id far too long', JSON.stringify({ from: 'a', name: 'membership.changed', event: { dialogueId: 'x'.repeat(10_000), userId: 'u' } })],
  ];
  it.each(cases)('%s', (_what, message) => {
    const decoded = decodeMessage(message);
    expect(decoded.kind).toBe('invalid');
    expect(decoded.kind === 'invalid' && decoded.reason.length).toBeGreaterThan(0);
  });
});
