/**
 * Export and import tests' fixtures: files downloaded and uploaded over real HTTP (bytes, not JSON),
 * a DOCX opened entry by entry (a zip reader of our own on node:zlib, so a test does not trust the
 * library that wrote the file), a PDF read every way a recipient could read it (raw bytes, inflated
 * streams, pdftotext, pdfinfo's Info dictionary and XMP), XML parsed by a real parser, a text written
 * into a document as the chair's editor writes it, and "does this file name anyone" made checkable.
 */
import { AccordClient } from '@accord/client';
import { fromPlainText, type RollingTextNodeJSON, toJSON, toPlainText, fromJSON } from '@accord/text';
import { applyDocumentChange } from '@accord/text/yjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, deflateRawSync, inflateRawSync, inflateSync } from 'node:zlib';
import type { ApiResponse, TestServer } from './test-server.js';

/** A downloaded file: its bytes as they came, and the headers that name it. */
export interface Download {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  /** The bytes as UTF-8 (for text formats and error bodies). */
  text: string;
  /** The parsed body of a JSON answer (an error), else undefined. */
  json: any;
}

export async function download(url: string, token: string | undefined, path: string): Promise<Download> {
  const response = await fetch(url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  const json = response.headers.get('content-type')?.includes('application/json') ? JSON.parse(text) : undefined;
  return { status: response.status, headers: response.headers, bytes, text, json };
}

/** The file name a browser saves a download under (filename* when present, RFC 6266). */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]!);
  return /filename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
}

export interface UploadFile {
  name: string;
  bytes: Uint8Array | string;
  type?: string;
}

/** POST …/documents/import as a browser's form sends it: multipart, the file and the fields. */
export async function upload(t: TestServer, token: string | undefined, dialogueId: string, file: UploadFile | null, fields: Record<string, string> = {}): Promise<ApiResponse> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  if (file) form.append('file', new Blob([typeof file.bytes === 'string' ? file.bytes : Buffer.from(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const response = await fetch(`${t.url}/api/dialogues/${dialogueId}/documents/import`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  const text = await response.text();
  const body: unknown = response.headers.get('content-type')?.includes('application/json') && text ? JSON.parse(text) : text;
  return { status: response.status, body, headers: response.headers };
}

/** The field names of an error answer. */
export const fieldsOf = (res: { body: any }): string[] => ((res.body?.error?.fields ?? []) as Array<{ field: string }>).map((f) => f.field).toSorted();

// ---------------------------------------------------------------------------------------------
// Zip

/** Every entry of a zip, decompressed, by name (read from the central directory, as Word does). */
export function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const entries = new Map<string, Uint8Array>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`zip: bad central directory entry ${n}`);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataAt, dataAt + compressed);
    if (method === 0) entries.set(name, new Uint8Array(data));
    else if (method === 8) entries.set(name, new Uint8Array(inflateRawSync(data)));
    else throw new Error(`zip: ${name} uses compression method ${method}`);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip of the entries, stored or deflated: for making hostile or doctored DOCX files. */
export function zip(entries: Map<string, Uint8Array | string>, options: { deflate?: boolean } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const data = options.deflate ? deflateRawSync(raw) : raw;
    const method = options.deflate ? 8 : 0;
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The XML's character entities decoded (what a reader of the text sees). */
export function xmlDecode(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The words of a WordprocessingML part: every w:t (and w:delText with `deleted`), paragraphs on lines of their own. */
export function wordText(xml: string, options: { deleted?: boolean } = {}): string {
  const pattern = options.deleted ? /<w:(t|delText)(?:\s[^>]*)?>([^<]*)<\/w:\1>|<w:tab\/>|<\/w:p>/g : /<w:(t)(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<\/w:p>/g;
  let out = '';
  for (const match of xml.matchAll(pattern)) {
    if (match[0] === '</w:p>') out += '\n';
    else if (match[0] === '<w:tab/>') out += '\t';
    else out += xmlDecode(match[2]!);
  }
  return out;
}

/** A DOCX's main text (word/document.xml), and the entries themselves. */
export function readDocxFile(bytes: Uint8Array): { entries: Map<string, Uint8Array>; documentXml: string; text: string } {
  const entries = unzip(bytes);
  const documentXml = utf8(entries.get('word/document.xml') ?? new Uint8Array());
  return { entries, documentXml, text: wordText(documentXml) };
}

// ---------------------------------------------------------------------------------------------
// PDF

export interface PdfReading {
  /** pdftotext's text (UTF-8, layout off). */
  text: string;
  /** `pdfinfo`: the Info dictionary as poppler decodes it. */
  info: string;
  /** `pdfinfo -meta`: the XMP metadata packet. */
  xmp: string;
  /** Every stream that inflates, inflated (content, fonts' ToUnicode maps, object streams, XMP). */
  streams: Uint8Array[];
}

/** A PDF read with poppler's tools from a temporary file, and its Flate streams inflated. */
export function readPdf(bytes: Uint8Array): PdfReading {
  const dir = mkdtempSync(join(tmpdir(), 'accord-pdf-'));
  try {
    const file = join(dir, 'export.pdf');
    writeFileSync(file, bytes);
    return {
      text: run('pdftotext', ['-enc', 'UTF-8', file, '-']),
      info: run('pdfinfo', ['-enc', 'UTF-8', file]),
      xmp: run('pdfinfo', ['-meta', file]),
      streams: inflatedStreams(bytes),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Every `stream … endstream` of a PDF that inflates (FlateDecode), inflated; others as they are. */
export function inflatedStreams(bytes: Uint8Array): Uint8Array[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: Uint8Array[] = [];
  let at = 0;
  for (;;) {
    const start = buf.indexOf('stream', at, 'latin1');
    if (start < 0) break;
    // "endstream" also contains "stream": skip it.
    if (start >= 3 && buf.toString('latin1', start - 3, start) === 'end') {
      at = start + 6;
      continue;
    }
    let dataAt = start + 6;
    if (buf[dataAt] === 0x0d) dataAt += 1;
    if (buf[dataAt] === 0x0a) dataAt += 1;
    const end = buf.indexOf('endstream', dataAt, 'latin1');
    if (end < 0) break;
    const data = buf.subarray(dataAt, end);
    try {
      found.push(new Uint8Array(inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH })));
    } catch {
      found.push(new Uint8Array(data));
    }
    at = end + 9;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// XML

/**
 * Parses XML with a real parser (Python's expat, present wherever LibreOffice's UNO bridge is) and
 * answers the root element's expanded name and the local names of every element, in order.
 */
export function parseXml(text: string): { root: string; elements: string[] } {
  const script = [
    'import sys, json, xml.etree.ElementTree as ET',
    'root = ET.fromstring(sys.stdin.buffer.read())',
    'print(json.dumps({"root": root.tag, "elements": [e.tag.split("}")[-1] for e in root.iter()]}))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { input: text, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as { root: string; elements: string[] };
}

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

// ---------------------------------------------------------------------------------------------
// Names

/**
 * Which of `secrets` occur in the bytes, case-insensitively: as UTF-8 (or Latin-1) and as UTF-16
 * in either byte order (PDF strings and Word's older parts).
 */
export function secretsInBytes(bytes: Uint8Array, secrets: readonly string[]): string[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const views = [buf.toString('utf8').toLowerCase(), buf.toString('latin1').toLowerCase(), buf.toString('utf16le').toLowerCase()];
  if (buf.length > 1) views.push(Buffer.from(buf.subarray(1)).toString('utf16le').toLowerCase());
  return secrets.filter((secret) => views.some((view) => view.includes(secret.toLowerCase())));
}

/** Which of `secrets` occur in the text, case-insensitively, spaces of any kind and number counted as one. */
export function secretsInText(text: string, secrets: readonly string[]): string[] {
  const flat = text.replace(/\s+/g, ' ').toLowerCase();
  return secrets.filter((secret) => flat.includes(secret.toLowerCase()));
}

/** Spaces of any kind and number as one space: for finding a phrase a renderer may have wrapped. */
export const flat = (text: string): string => text.replace(/\s+/g, ' ');

// ---------------------------------------------------------------------------------------------
// Texts

/** Writes `plain` (the plain-text format) into the document as the chair's editor writes it, over the socket. */
export async function writeText(t: TestServer, token: string, documentId: string, plain: string): Promise<void> {
  const client = await AccordClient.connect({ url: t.url, token, transports: ['websocket'] });
  try {
    const handle = client.open(documentId);
    await handle.synced;
    applyDocumentChange(handle.doc, fromPlainText(plain));
    await handle.whenSaved();
  } finally {
    client.close();
  }
}

/** The text in the plain-text format with every sponsor dropped: what a text exported under the Chatham House Rule keeps. */
export function withoutSponsors(plain: string): string {
  const json = toJSON(fromPlainText(plain));
  const visit = (node: RollingTextNodeJSON) => {
    for (const mark of node.marks ?? []) if (mark.type === 'bracket' && mark.attrs) mark.attrs.sponsors = [];
    for (const child of node.content ?? []) visit(child);
  };
  visit(json);
  return toPlainText(fromJSON(json));
}

/**
 * The parts of the smallest DOCX Word opens: content types, the package relationship, and a body of
 * one paragraph per line. For doctoring into hostile files without depending on the exporter.
 */
export function minimalDocxEntries(lines: string[]): Map<string, Uint8Array | string> {
  return new Map<string, Uint8Array | string>([
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ],
    [
      'word/document.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
        lines.map((line) => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(line)}</w:t></w:r></w:p>`).join('') +
        '</w:body></w:document>',
    ],
  ]);
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
