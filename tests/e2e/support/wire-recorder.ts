import type { Page } from 'playwright-core';

/**
 * Everything the server sent a page over the comment API and the live socket, as text. A check on
 * the page's text proves what is shown; this proves what reached the browser at all, where a hidden
 * element or a script could still find it.
 */
export interface WireRecorder {
  /** Every recorded message (API answers and socket frames, presence included) that contains `needle`. */
  containing(needle: string): string[];
  /** What carried comments: the comment API's answers and the socket's comment events (`comments.…`). */
  comments(): string[];
}

// msgpack frames are binary, but strings inside them are plain UTF-8: names and ids can be searched.
const text = (payload: string | Buffer) => (typeof payload === 'string' ? payload : payload.toString('utf8'));

export function recordWire(page: Page): WireRecorder {
  const messages: { text: string; comments: boolean }[] = [];
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const frame = text(payload);
      messages.push({ text: frame, comments: frame.includes('comments.') });
    }),
  );
  page.on('response', (response) => {
    const url = response.url();
    const comments = url.includes('/comments');
    // Long polling, should the socket fall back to it, carries the same frames as HTTP bodies.
    if (!comments && !url.includes('/socket.io/')) return;
    response.text().then(
      (body) => messages.push({ text: body, comments: comments || body.includes('comments.') }),
      () => undefined, // a body the page navigated away from is gone; nothing to record
    );
  });
  return {
    containing: (needle) => messages.filter((m) => m.text.includes(needle)).map((m) => m.text),
    comments: () => messages.filter((m) => m.comments).map((m) => m.text),
  };
}
