import type * as Y from 'yjs';

/**
 * Names what an applied update touched, in the application's words, for the log to keep beside it
 * (the rolling text: the ids of the paragraphs it changed, which the history filters and labels by).
 * Called with the Yjs transaction that applied the update, before its cleanup collects deleted
 * content, so deleted items can still be placed. Must not change the document; null names nothing.
 * The engine stores the answer and knows nothing of what it means.
 */
export type DescribeChange = (transaction: Y.Transaction) => string[] | null;
