import * as Y from 'yjs';

/**
 * A copy of the document for a reader's editor, following the live one and never sent anywhere.
 *
 * The editor's Yjs binding writes back whatever it renders differently from what it was given
 * (an attribute the schema fills with its default, say). From a reader that write would reach the
 * server as an edit, be refused, and stop the document. Bound to this copy, a reader's editor
 * cannot write to the live document at all.
 */
export class ReadOnlyMirror {
  readonly doc = new Y.Doc();

  constructor(private readonly source: Y.Doc) {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(source), this);
    source.on('update', this.follow);
  }

  private readonly follow = (update: Uint8Array): void => {
    Y.applyUpdate(this.doc, update, this);
  };

  destroy(): void {
    this.source.off('update', this.follow);
    this.doc.destroy();
  }
}
