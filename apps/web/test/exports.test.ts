import { AccordApi } from '@accord/client/api';
import { exportFormats } from '@accord/contract';
import { describe, expect, it } from 'vitest';
import { type ExportLink, exportMenuGroups, type ExportSection, fallbackCapabilities, type FormatCapability, menuKeyTarget } from '../src/exports/export-menu-items';

/**
 * Rule: the Export menu offers each format the server can make as a real download link, built by the
 * SDK (so only exports the contract allows), and the others disabled with the server's reason; a
 * redline only in the formats that show one. Its keys follow the WAI-ARIA menu pattern.
 */

const DIALOGUE = '11111111-1111-4111-8111-111111111111';
const DOCUMENT = '22222222-2222-4222-8222-222222222222';
const REV1 = '33333333-3333-4333-8333-333333333333';
const REV2 = '44444444-4444-4444-8444-444444444444';

// The SDK as the page has it: no base, so links are relative to the page and carry its cookie.
const sdk = new AccordApi({ baseUrl: '' });
const link: ExportLink = (target) => sdk.exports.url({ dialogueId: DIALOGUE, documentId: DOCUMENT, ...target });

const chromiumMissing = 'PDF needs Chromium on the server (CHROMIUM_PATH)';
const server: FormatCapability[] = [
  { format: 'docx', label: 'Word (DOCX)', available: true, reason: null, redline: true },
  { format: 'pdf', label: 'PDF', available: false, reason: chromiumMissing, redline: true },
  { format: 'akn', label: 'Akoma Ntoso XML', available: true, reason: null, redline: false },
  { format: 'html', label: 'HTML', available: true, reason: null, redline: true },
  { format: 'plain', label: 'Plain text', available: true, reason: null, redline: false },
  { format: 'markdown', label: 'Markdown', available: true, reason: null, redline: false },
];

const query = (href: string | null) => (href === null ? null : Object.fromEntries(new URL(href, 'https://accord.example').searchParams));

describe('the Export menu on the document', () => {
  const sections: ExportSection[] = [
    { kind: 'text', label: 'Current text' },
    { kind: 'compilation', label: 'Compilation of amendments' },
  ];
  const groups = exportMenuGroups(server, sections, link);

  it('offers the current text in every format, in the server order, as links to the export route', () => {
    expect(groups[0]!.label).toBe('Current text');
    expect(groups[0]!.items.map((i) => i.label)).toEqual(['Word (DOCX)', 'PDF', 'Akoma Ntoso XML', 'HTML', 'Plain text', 'Markdown']);
    const docx = groups[0]!.items[0]!;
    expect(docx.href).toBe(`/api/dialogues/${DIALOGUE}/documents/${DOCUMENT}/export?format=docx`);
    expect(groups[0]!.items.filter((i) => i.href).map((i) => query(i.href))).toEqual(['docx', 'akn', 'html', 'plain', 'markdown'].map((format) => ({ format })));
  });

  it('keeps a format the server cannot make, without a link, with its reason', () => {
    const pdf = groups[0]!.items.find((i) => i.format === 'pdf')!;
    expect(pdf).toEqual({ format: 'pdf', label: 'PDF', href: null, reason: chromiumMissing });
    const unexplained = exportMenuGroups([{ ...server[1]!, reason: null }], sections, link);
    expect(unexplained[0]!.items[0]!.reason).toBe('Not available on this server');
  });

  it('offers the compilation in every format, never as a redline or of a past text', () => {
    expect(groups[1]!.label).toBe('Compilation of amendments');
    expect(groups[1]!.items.map((i) => i.format)).toEqual(server.map((f) => f.format));
    expect(query(groups[1]!.items[0]!.href)).toEqual({ format: 'docx', compilation: 'true' });
  });
});

describe('the Export menu of a revision and of a comparison', () => {
  it('exports the revision by its id, and its redline against the previous one only in docx, pdf and html', () => {
    const groups = exportMenuGroups(
      server,
      [
        { kind: 'text', label: 'Text of Rev.2', revision: REV2 },
        { kind: 'redline', label: 'Redline against Rev.1', revision: REV2, compare: REV1 },
      ],
      link,
    );
    expect(groups.map((g) => g.label)).toEqual(['Text of Rev.2', 'Redline against Rev.1']);
    expect(query(groups[0]!.items[0]!.href)).toEqual({ format: 'docx', revision: REV2 });
    expect(groups[1]!.items.map((i) => i.label)).toEqual(['Word (DOCX)', 'PDF', 'HTML']);
    expect(query(groups[1]!.items[0]!.href)).toEqual({ format: 'docx', revision: REV2, compare: REV1 });
    expect(query(groups[1]!.items[2]!.href)).toEqual({ format: 'html', revision: REV2, compare: REV1 });
    expect(groups[1]!.items[1]!.href).toBeNull();
  });

  it('a comparison against now exports the live text as the newer side', () => {
    const [group] = exportMenuGroups(server, [{ kind: 'redline', label: 'Redline from Rev.1 to now', revision: 'current', compare: REV1 }], link);
    expect(query(group!.items[0]!.href)).toEqual({ format: 'docx', revision: 'current', compare: REV1 });
  });

  it('a point the server would refuse (a mistyped address) disables the items instead of failing the page', () => {
    const [group] = exportMenuGroups(server, [{ kind: 'redline', label: 'Redline', revision: 'current', compare: 'not-a-point' }], link);
    expect(group!.items.map((i) => [i.format, i.href, i.reason])).toEqual([
      ['docx', null, 'This text cannot be exported from here'],
      ['pdf', null, chromiumMissing],
      ['html', null, 'This text cannot be exported from here'],
    ]);
  });

  it('drops a group with nothing to offer', () => {
    const textOnly = server.map((f) => ({ ...f, redline: false }));
    expect(exportMenuGroups(textOnly, [{ kind: 'redline', label: 'Redline', revision: REV2, compare: REV1 }], link)).toEqual([]);
  });

  it('when the server cannot say what it exports, every format is offered and a redline only where the contract allows one', () => {
    const fallback = fallbackCapabilities();
    expect(fallback.map((f) => f.format)).toEqual([...exportFormats]);
    const [group] = exportMenuGroups(fallback, [{ kind: 'redline', label: 'Redline', revision: REV2, compare: REV1 }], link);
    // Each one passes the SDK's check of the contract's export query, so each has a link.
    expect(group!.items.map((i) => [i.format, i.href !== null])).toEqual([
      ['docx', true],
      ['pdf', true],
      ['html', true],
    ]);
  });
});

describe('keys in an open menu', () => {
  const labels = ['Word (DOCX)', 'PDF', 'Akoma Ntoso XML', 'HTML', 'Plain text', 'Markdown'];

  it('arrows move and wrap; Home and End go to the ends', () => {
    expect(menuKeyTarget('ArrowDown', 0, labels)).toBe(1);
    expect(menuKeyTarget('ArrowDown', 5, labels)).toBe(0);
    expect(menuKeyTarget('ArrowUp', 0, labels)).toBe(5);
    // Nothing focused yet (the menu just opened on a loading item): down is the first, up the last.
    expect(menuKeyTarget('ArrowUp', -1, labels)).toBe(5);
    expect(menuKeyTarget('ArrowDown', -1, labels)).toBe(0);
    expect(menuKeyTarget('Home', 3, labels)).toBe(0);
    expect(menuKeyTarget('End', 1, labels)).toBe(5);
  });

  it('a letter goes to the next item starting with it, wrapping, in any case', () => {
    expect(menuKeyTarget('p', 0, labels)).toBe(1);
    expect(menuKeyTarget('P', 1, labels)).toBe(4);
    expect(menuKeyTarget('p', 4, labels)).toBe(1);
    expect(menuKeyTarget('w', 3, labels)).toBe(0);
    expect(menuKeyTarget('z', 0, labels)).toBeNull();
  });

  it('leaves other keys to the page and to the menu itself (Space, Enter, Escape, Tab)', () => {
    for (const key of [' ', 'Enter', 'Escape', 'Tab', 'Shift', 'ArrowLeft']) expect(menuKeyTarget(key, 0, labels)).toBeNull();
    expect(menuKeyTarget('ArrowDown', 0, [])).toBeNull();
  });
});
