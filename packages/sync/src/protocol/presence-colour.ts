/**
 * A stable colour per user for cursors and presence: readable on white, distinct from neighbours.
 * In the protocol so a client shows itself in the colour the server gives it to everyone else.
 */
const palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#ff7f0e', '#393b79', '#637939', '#843c39'];

export function presenceColour(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return palette[hash % palette.length]!;
}
