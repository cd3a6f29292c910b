/**
 * socket.io's default parser sends a message carrying binary as two WebSocket frames (a JSON header,
 * then the attachment), so every keystroke fanned out to N editors cost 2N socket writes. The msgpack
 * parser sends one binary frame per message. Client and server must use the same parser.
 */
import * as msgpackParser from 'socket.io-msgpack-parser';

export const wireParser = msgpackParser;
