/**
 * What a workload needs from a server's client side. Workloads are written once against this; the
 * Accord driver wraps the SDK, the Hocuspocus driver wraps HocuspocusProvider.
 */
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

export interface BenchDocument {
  /** The replica. */
  readonly doc: Y.Doc;
  /** Presence (cursors): the SDK's `handle.awareness`, the provider's `provider.awareness`. */
  readonly awareness: Awareness;
  /**
   * The text the workloads type into, the same characters at the same rate on both servers:
   * Hocuspocus's root `Y.Text` 'text'; for Accord, whose server refuses a free-standing root Y.Text,
   * the first paragraph of the rolling text (see rolling-text.ts), created empty on first use.
   */
  typingText(): Y.Text;
  /**
   * Resolves once every local change made so far is acknowledged: durably stored for Accord, applied
   * to the server's copy for Hocuspocus (which acknowledges nothing more).
   */
  whenAcknowledged(): Promise<void>;
  /** Accord only: the SDK's durable save acknowledgement. */
  readonly whenSaved: (() => Promise<void>) | null;
  /** Accord only: the SDK's document status ('offline' once the connection or the document is lost); returns the unsubscribe. */
  readonly onStatus?: (listener: (status: string) => void) => () => void;
  close(): void;
}

/** One client connection; each simulated editor has its own, as separate browsers would. */
export interface BenchConnection {
  /** Opens a document and resolves once the replica holds the server's state. */
  open(document: string): Promise<BenchDocument>;
  close(): void;
}

export interface Driver {
  readonly acknowledgement: 'durable' | 'applied in memory';
  /** Makes `count` new, empty documents and returns what `open` takes. */
  createDocuments(count: number, label: string): Promise<string[]>;
  /** `seat` spreads connections over the available accounts. */
  connect(seat: number): Promise<BenchConnection>;
  /** The server moved (a restart): later connections go to `url`. */
  setUrl(url: string): void;
}
