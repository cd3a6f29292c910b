/**
 * Accord's policies against a misbehaving client or user, which Hocuspocus does not have, lifted so
 * the bench measures the server rather than the policy. Recorded in the results' environment.
 *
 * - Messages per connection (300/s by default): W2 sends a whole history from one connection as fast
 *   as it is acknowledged. W1 and W3 stay far below it (5 and 1 edits/s per client).
 * - Sockets per session and per user (20 and 50): the bench's clients share the demo's four editor
 *   accounts, one session each, so W3's 400 clients are 100 sockets per session and per user where
 *   400 people would each have their own. W1's 50 stay within the defaults.
 * - Documents created per user per hour (100): W3 creates its 200 rooms as the chair, at once.
 * - Comments per user per hour (600): C1 posts 2,000 threads and 500 replies from the demo's six
 *   writers, and the chair 100 more for the fan-out, within a minute.
 * - Amendments per user per hour (200): A1 proposes its amendments from two members, at once.
 * - Server time per member for rebuilding past texts (300 ms a second): W4 reads hundreds of past
 *   positions back to back as the chair, where a member would drag a slider now and then.
 */
export const accordRateLimitOverrides: Readonly<Record<string, string>> = {
  SYNC_MESSAGES_PER_SECOND: '1000000',
  SYNC_MESSAGE_BURST: '1000000',
  SYNC_MAX_CONNECTIONS_PER_SESSION: '1000',
  SYNC_MAX_CONNECTIONS_PER_USER: '1000',
  MAX_DOCUMENTS_PER_HOUR: '1000',
  MAX_COMMENTS_PER_HOUR: '1000000',
  MAX_AMENDMENTS_PER_HOUR: '1000000',
  HISTORY_REPLAY_MS_PER_SECOND: '1000000',
};
