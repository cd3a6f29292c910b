/** An existing text brought in as a new document (DOCX, Markdown or the plain-text format). */
export interface ImportDocumentInput {
  dialogueId: string;
  /** The file's bytes: a browser's File, or a Blob made from a Buffer in Node. */
  file: Blob;
  /** Tells the server which reader to use (.docx, .md, .txt) and names the file in the report. */
  fileName: string;
  /** Required unless dryRun; a dry run suggests one from the file's front matter. */
  title?: string;
  /** Required unless dryRun; a dry run suggests one from the file's front matter. */
  symbol?: string;
  /** Return the report and create nothing. */
  dryRun?: boolean;
  /** Required when the DOCX holds tracked changes: its newer text (accept) or its older (reject). */
  trackedChanges?: 'accept' | 'reject';
  /** Required when the DOCX holds comments: they are not imported. */
  comments?: 'drop';
}

/** The multipart body the import route reads: `file` and the fields of the contract's importFields. */
export function importForm(input: ImportDocumentInput): FormData {
  const form = new FormData();
  if (input.title !== undefined) form.append('title', input.title);
  if (input.symbol !== undefined) form.append('symbol', input.symbol);
  if (input.dryRun !== undefined) form.append('dryRun', String(input.dryRun));
  if (input.trackedChanges !== undefined) form.append('trackedChanges', input.trackedChanges);
  if (input.comments !== undefined) form.append('comments', input.comments);
  // The file last: a server streaming the body has read every choice before the bytes.
  form.append('file', input.file, input.fileName);
  return form;
}
