/**
 * A PDF's metadata made ours: Title the document's title, Creator and Producer "Accord", no Author,
 * subject or keywords, and no XMP stream (Chromium's Info names the browser and its version, and an
 * XMP packet could carry whatever a later version adds; under the Chatham House Rule nothing in the
 * file may name anyone, so nothing is kept that we did not write).
 *
 * Chromium's PDF has one Info dictionary, no XMP and no object streams: its Info object is rewritten
 * in place, padded to the same length so that no offset moves (milliseconds, where re-saving a
 * 500-paragraph text's tagged PDF with pdf-lib takes over a second). Any other PDF, or one where the
 * new dictionary would not fit, is rewritten whole with pdf-lib.
 */
import { ParseSpeeds, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream } from 'pdf-lib';

export interface PdfMetadata {
  title: string;
}

export async function cleanPdfMetadata(bytes: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  return infoRewrittenInPlace(bytes, meta) ?? (await rewrittenWithPdfLib(bytes, meta));
}

/** A PDF string: literal when printable ASCII, else UTF-16BE with its byte-order mark, in hex. */
function pdfString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, '\\$&')})`;
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

const DATE_VALUE = /^\(D:[0-9]{4,14}(?:[Z+-][0-9']*)?\)$/;

function infoRewrittenInPlace(bytes: Uint8Array, meta: PdfMetadata): Uint8Array | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  // One revision, plain cross-reference table, nothing we would have to look inside.
  if (/\/(Metadata|ObjStm|XRefStm|Encrypt)\b/.test(text)) return null;
  if (text.split('startxref').length !== 2 || text.split('trailer').length !== 2) return null;
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const infoRef = /\/Info\s+(\d+)\s+(\d+)\s+R/.exec(trailer);
  if (!infoRef) return null;
  const head = new RegExp(`(?:^|[\\r\\n])${infoRef[1]} ${infoRef[2]} obj`).exec(text);
  if (!head) return null;
  const start = head.index + head[0].length;
  const end = text.indexOf('endobj', start);
  if (end < 0) return null;
  const old = text.slice(start, end);
  if (!/^\s*<<[\s\S]*>>\s*$/.test(old) || old.includes('stream')) return null;

  // Dates say nothing about anyone: kept when they are plain dates.
  let dates = '';
  for (const key of ['CreationDate', 'ModDate']) {
    const value = new RegExp(`/${key}\\s*(\\([^)]*\\))`).exec(old)?.[1];
    if (value && DATE_VALUE.test(value)) dates += ` /${key} ${value}`;
  }
  const dict = `\n<</Title ${pdfString(meta.title)} /Creator (Accord) /Producer (Accord)${dates}>>`;
  if (dict.length + 1 > old.length) return null;
  const out = new Uint8Array(bytes);
  out.set(Buffer.from(dict.padEnd(old.length - 1, ' ') + '\n', 'latin1'), start);
  return out;
}

/** What the Info dictionary keeps: anything else (Author, Subject, Keywords, a private key) goes. */
const KEPT_INFO = new Set(['Title', 'Creator', 'Producer', 'CreationDate', 'ModDate']);

async function rewrittenWithPdfLib(bytes: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  // pdf-lib yields to the event loop every 100 objects by default, which triples its time here.
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  pdf.setCreator('Accord');
  pdf.setProducer('Accord');
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict);
  for (const key of info.keys()) if (!KEPT_INFO.has(key.decodeText())) info.delete(key);

  // Every XMP stream goes, referenced from the catalog or from anywhere else, and the object with it:
  // pdf-lib writes every object it holds, referenced or not.
  pdf.catalog.delete(PDFName.of('Metadata'));
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict) object.delete(PDFName.of('Metadata'));
    const dict = object instanceof PDFStream || object instanceof PDFRawStream ? object.dict : null;
    if (dict?.get(PDFName.of('Type')) === PDFName.of('Metadata')) pdf.context.delete(ref);
  }
  // Uncompressed, so that a byte search of the file sees the metadata as it is.
  return pdf.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
