/**
 * socket.io's default parser sends a message carrying binary as two WebSocket frames (a JSON header,
 * then the attachment), so every keystroke fanned out to N editors cost 2N socket writes. The msgpack
 * parser sends one binary frame per message. Client and server must use the same parser.
 */
import * as msgpackParser from 'socket.io-msgpack-parser';

/**
 * notepack's browser build writes an ArrayBuffer as msgpack binary but a Uint8Array as a map of
 * its indices (which the server refuses as not binary), so binary arguments go as exact
 * ArrayBuffers: a view's own bytes, not the whole buffer under it.
 */
function asArrayBuffer(value: unknown): unknown {
  if (!ArrayBuffer.isView(value)) return value;
  // A view of its whole buffer (what the SDK's encoders make) goes as it is, without a copy.
  if (value.byteOffset === 0 && value.byteLength === value.buffer.byteLength && value.buffer instanceof ArrayBuffer) return value.buffer;
  return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
}

class Encoder extends msgpackParser.Encoder {
  override encode(packet: { data?: unknown }): ArrayBuffer {
    // In place: socket.io builds a fresh packet for every emit and does not read it again.
    const data = packet.data;
    if (Array.isArray(data)) for (let i = 0; i < data.length; i++) data[i] = asArrayBuffer(data[i]);
    return super.encode(packet);
  }
}

/**
 * notepack in Node writes an ArrayBuffer or a plain Uint8Array as msgpack extension 0, which its
 * Node decoder reads back as an ArrayBuffer; its browser decoder does not know that extension and
 * hands over [0, ArrayBuffer]. Unwrapped here, before socket.io sees the event's arguments.
 */
function unwrapArrayBuffer(value: unknown): unknown {
  return Array.isArray(value) && value.length === 2 && value[0] === 0 && value[1] instanceof ArrayBuffer ? value[1] : value;
}

class Decoder extends msgpackParser.Decoder {
  override checkPacket(decoded: { data?: unknown }): void {
    // In place, as every received message passes here: no copy of the arguments per packet.
    const data = decoded.data;
    if (Array.isArray(data)) for (let i = 0; i < data.length; i++) data[i] = unwrapArrayBuffer(data[i]);
    super.checkPacket(decoded);
  }
}

export const wireParser = { ...msgpackParser, Encoder, Decoder };
