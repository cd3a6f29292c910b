/**
 * Accord limits messages per connection (300/s by default), a policy against a misbehaving client;
 * Hocuspocus has no such limit. W2 sends a whole history from one connection as fast as it is
 * acknowledged, so with the default the bench would measure the policy, not the server. The other
 * workloads stay far below it (5 and 1 edits/s per client). Recorded in the results' environment.
 */
export const accordRateLimitOverrides: Readonly<Record<string, string>> = {
  SYNC_MESSAGES_PER_SECOND: '1000000',
  SYNC_MESSAGE_BURST: '1000000',
};
