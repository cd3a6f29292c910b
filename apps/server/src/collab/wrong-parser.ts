/**
 * A client on socket.io's default parser sends text frames, which the msgpack parser cannot read: it
 * used to hang until a silent "transport close". Every Accord packet is binary, so a text frame means
 * the wrong parser; it is answered in the default parser's own words, a CONNECT_ERROR packet, so
 * that the client's `connect_error` says what to fix, and the connection is closed.
 */
export const WRONG_PARSER_MESSAGE = 'Accord speaks socket.io-msgpack-parser: pass { parser } to io() (see docs/protocol.md, "Transport")';

const CLOSE_DELAY_MS = 1000;

interface EngineConnection {
  prependListener(event: 'data', listener: (data: unknown) => void): unknown;
  send(data: string): unknown;
  close(): unknown;
}

export function refuseTextFrames(connection: EngineConnection): void {
  // Ahead of socket.io's own reader, which drops the connection on a packet it cannot decode.
  let refused = false;
  connection.prependListener('data', (data) => {
    // Once per connection: a polling request can carry thousands of frames, each otherwise answered and timed.
    if (typeof data !== 'string' || refused) return;
    refused = true;
    // "4" is socket.io's CONNECT_ERROR packet type, then its JSON payload, as the default parser writes it.
    connection.send(`4${JSON.stringify({ message: WRONG_PARSER_MESSAGE, data: { code: 'WRONG_PARSER', message: WRONG_PARSER_MESSAGE } })}`);
    // Closed once the packet is on its way; the client's connect_error ends its attempt first.
    setTimeout(() => connection.close(), CLOSE_DELAY_MS).unref();
  });
}
