/**
 * JSON from untrusted clients (awareness states; embed, format and JSON content in updates). A few
 * kilobytes of brackets parse fine, but nest deeper than JSON.stringify can recurse: the server, which
 * re-encodes these values, would throw halfway through applying them. So depth is bounded on arrival.
 */
import { MalformedInput } from './protocol/reader.js';

export function parseJsonValue(text: string, maxDepth: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedInput('invalid JSON');
  }
  // Iterative, so the check itself cannot run out of stack.
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [next, depth] = pending.pop()!;
    if (typeof next !== 'object' || next === null) continue;
    if (depth >= maxDepth) throw new MalformedInput('value nested too deeply');
    for (const child of Object.values(next)) pending.push([child, depth + 1]);
  }
  return value;
}
