/** A text frame means the wrong parser: answered once per connection, however many arrive. */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { refuseTextFrames } from '../src/collab/wrong-parser.js';

describe('refuseTextFrames', () => {
  it('answers and schedules the close once, not once per text frame (a polling request carries thousands)', () => {
    vi.useFakeTimers();
    try {
      const sent: string[] = [];
      let closes = 0;
      const connection = Object.assign(new EventEmitter(), {
        send: (data: string) => sent.push(data),
        close: () => closes++,
      });
      refuseTextFrames(connection);
      for (let i = 0; i < 5000; i++) connection.emit('data', '2probe');
      connection.emit('data', new Uint8Array([1]));
      expect(sent).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(1);
      vi.runAllTimers();
      expect(closes).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
