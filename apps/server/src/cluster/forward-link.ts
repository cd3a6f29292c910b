/**
 * This server's end of the forwarding link: its own Redis channel (`accord:fwd:<NODE_ID>`, binary
 * frames), a heartbeat every second on `accord:nodes`, and who has gone quiet. Without REDIS_URL it
 * is disabled and nothing is subscribed, sent or timed.
 *
 * Pub/sub delivers at most once and replays nothing, so the link never pretends otherwise: a server
 * silent for SILENT_AFTER_MS, a subscription that had to be restored, or a frame this server failed
 * to publish makes it tear down what it forwards (`onSilent`, `onReset`), and tell the other side
 * where it still can; clients reopen, resync, and resend anything unacknowledged. A lost frame not
 * followed by a tear-down could leave a client waiting for ever for an answer that never comes.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/tokens.js';
import { decodeFrame, encodeFrame, forwardChannelOf, NODES_CHANNEL, type ForwardFrame, type FrameOf, type FrameType, type OutgoingFrame } from './forward-frames.js';
import { RedisConnections } from './redis-connections.js';

const BEAT_EVERY_MS = 1000;
/** Three missed heartbeats: the other server is gone (or cut off from Redis) as far as forwarding goes. */
export const SILENT_AFTER_MS = 3000;
/** Refused frames and failed publishes are logged at most this often. */
const LOG_EVERY_MS = 10_000;

type Handlers = { [T in FrameType]?: (frame: FrameOf<T>) => void };

@Injectable()
export class ForwardLink implements OnModuleInit, OnApplicationShutdown {
  readonly nodeId: string;
  private readonly log: Logger;
  private readonly handlers: Handlers = {};
  /** When each other server was last heard (any frame or heartbeat), by the monotonic clock. */
  private readonly heard = new Map<string, number>();
  /** The process behind each other server's NODE_ID, from its heartbeats. */
  private readonly boots = new Map<string, string>();
  private readonly boot = randomUUID();
  private readonly silentListeners = new Set<(nodeId: string) => void>();
  private readonly resetListeners = new Set<() => void>();
  private readonly off: Array<() => void> = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly channel: string;
  private lastLogAt = { invalid: -Infinity, publish: -Infinity };
  /** A frame could not be published: everything forwarded is torn down once Redis takes commands again. */
  private resetOwed = false;

  constructor(
    private readonly redis: RedisConnections,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.nodeId = redis.nodeId;
    this.channel = forwardChannelOf(redis.nodeId);
    this.log = logger.child({ module: 'forwarding' });
  }

  get enabled(): boolean {
    return this.redis.enabled;
  }

  async onModuleInit(): Promise<void> {
    const { subscriber } = this.redis;
    if (!subscriber) return;
    const onMessage = (channel: Buffer, message: Buffer) => {
      const name = channel.toString();
      if (name === this.channel || name === NODES_CHANNEL) this.received(message);
    };
    subscriber.on('messageBuffer', onMessage);
    this.off.push(() => subscriber.off('messageBuffer', onMessage));
    try {
      await subscriber.subscribe(this.channel, NODES_CHANNEL);
    } catch (error) {
      throw new Error(`Redis (REDIS_URL) cannot be reached to subscribe to ${this.channel}: ${(error as Error).message}`, { cause: error });
    }
    this.off.push(
      // Frames to this server may have been lost while it was not subscribed, and nothing replays them.
      this.redis.onResubscribed(() => this.reset()),
    );
    this.timer = setInterval(() => this.tick(), BEAT_EVERY_MS);
    this.timer.unref?.();
    this.beat();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const off of this.off) off();
  }

  /** One handler per frame type: the gateway's owner and origin halves each take theirs. */
  handle<T extends FrameType>(type: T, handler: (frame: FrameOf<T>) => void): void {
    (this.handlers as Record<string, (frame: ForwardFrame) => void>)[type] = handler as (frame: ForwardFrame) => void;
  }

  /** Another server has been silent for SILENT_AFTER_MS, or restarted under its name (reported once each time). */
  onSilent(listener: (nodeId: string) => void): () => void {
    this.silentListeners.add(listener);
    return () => this.silentListeners.delete(listener);
  }

  /** The subscription was restored after Redis was out of reach: frames may have been lost. */
  onReset(listener: () => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  /** Whether `nodeId` has been heard within SILENT_AFTER_MS. */
  isAlive(nodeId: string): boolean {
    const at = this.heard.get(nodeId);
    return at !== undefined && performance.now() - at <= SILENT_AFTER_MS;
  }

  /** Publishes a frame to another server. Fire and forget: a lost frame is what timeouts and silence are for. */
  send(nodeId: string, frame: OutgoingFrame): void {
    this.publish(forwardChannelOf(nodeId), { ...frame, from: this.nodeId } as ForwardFrame);
  }

  private publish(channel: string, frame: ForwardFrame): void {
    const commands = this.redis.commands;
    if (!commands) return;
    commands.publish(channel, encodeFrame(frame)).catch((error: unknown) => {
      this.resetOwed = true;
      if (performance.now() - this.lastLogAt.publish < LOG_EVERY_MS) return;
      this.lastLogAt.publish = performance.now();
      this.log.warn({ err: error, channel }, 'a forwarding frame could not be published');
    });
  }

  private received(message: Buffer): void {
    const decoded = decodeFrame(message);
    if ('invalid' in decoded) {
      // Logged, dropped, never thrown: one bad publisher must not stop a server's forwarding.
      if (performance.now() - this.lastLogAt.invalid >= LOG_EVERY_MS) {
        this.lastLogAt.invalid = performance.now();
        this.log.warn({ reason: decoded.invalid, bytes: message.length }, 'a malformed forwarding frame was dropped');
      }
      return;
    }
    const { frame } = decoded;
    if (frame.from === this.nodeId) return;
    if (frame.t === 'beat') {
      const before = this.boots.get(frame.from);
      this.boots.set(frame.from, frame.boot);
      if (before !== undefined && before !== frame.boot) this.fellSilent(frame.from, 'another server restarted under the same name; dropping what was forwarded to or from it');
    }
    this.heard.set(frame.from, performance.now());
    const handler = (this.handlers as Record<string, ((frame: ForwardFrame) => void) | undefined>)[frame.t];
    try {
      handler?.(frame);
    } catch (error) {
      this.log.error({ err: error, frame: frame.t, from: frame.from }, 'handling a forwarding frame failed');
    }
  }

  private beat(): void {
    this.publish(NODES_CHANNEL, { t: 'beat', from: this.nodeId, boot: this.boot });
  }

  private reset(): void {
    this.log.warn('forwarding frames may have been lost; closing every forwarded document and seat so the clients resync');
    for (const listener of this.resetListeners) listener();
  }

  private tick(): void {
    if (this.resetOwed && this.redis.commands?.status === 'ready') {
      this.resetOwed = false;
      this.reset();
    }
    this.beat();
    const now = performance.now();
    for (const [nodeId, at] of this.heard) {
      if (now - at <= SILENT_AFTER_MS) continue;
      this.heard.delete(nodeId);
      this.boots.delete(nodeId);
      this.fellSilent(nodeId, 'another server fell silent; dropping what was forwarded to or from it');
    }
  }

  private fellSilent(nodeId: string, message: string): void {
    this.log.warn({ otherNode: nodeId }, message);
    for (const listener of this.silentListeners) listener(nodeId);
  }
}
