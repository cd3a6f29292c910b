/**
 * Request/response calls over a child process's IPC channel, in both directions: the orchestrator
 * asks a server for its CPU time, and the load generator asks the orchestrator for the server's.
 */
import type { ChildProcess } from 'node:child_process';

export type Api = Record<string, (params: never) => Promise<unknown>>;

interface Request {
  rpc: 'request';
  id: number;
  method: string;
  params: unknown;
}

interface Response {
  rpc: 'response';
  id: number;
  result?: unknown;
  error?: string;
}

type Message = Request | Response;

interface Channel {
  send(message: Message): void;
  onMessage(listener: (message: unknown) => void): void;
  onClose(listener: () => void): void;
}

export function childChannel(child: ChildProcess): Channel {
  return {
    send: (message) => void child.send(message),
    onMessage: (listener) => void child.on('message', listener),
    onClose: (listener) => void child.once('exit', listener),
  };
}

export function parentChannel(): Channel {
  const send = process.send?.bind(process);
  if (!send) throw new Error('this script runs as a child of the bench (child_process.fork)');
  return {
    send: (message) => void send(message),
    onMessage: (listener) => void process.on('message', listener),
    onClose: (listener) => void process.once('disconnect', listener),
  };
}

export class Rpc<Remote extends Api> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(
    private readonly channel: Channel,
    local: Api = {},
  ) {
    channel.onMessage((raw) => {
      const message = raw as Message;
      if (message?.rpc === 'request') void this.answer(message, local);
      else if (message?.rpc === 'response') this.settle(message);
    });
    channel.onClose(() => {
      for (const { reject } of this.pending.values()) reject(new Error('the other process went away'));
      this.pending.clear();
    });
  }

  call<M extends keyof Remote & string>(method: M, params: Parameters<Remote[M]>[0]): ReturnType<Remote[M]> {
    const id = this.nextId++;
    const result = new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.channel.send({ rpc: 'request', id, method, params });
    });
    return result as ReturnType<Remote[M]>;
  }

  private async answer(request: Request, local: Api): Promise<void> {
    try {
      const handler = local[request.method];
      if (!handler) throw new Error(`no such method: ${request.method}`);
      this.channel.send({ rpc: 'response', id: request.id, result: await handler(request.params as never) });
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.channel.send({ rpc: 'response', id: request.id, error: text });
    }
  }

  private settle(response: Response): void {
    const waiter = this.pending.get(response.id);
    if (!waiter) return;
    this.pending.delete(response.id);
    if (response.error !== undefined) waiter.reject(new Error(response.error));
    else waiter.resolve(response.result);
  }
}
