/**
 * The HTML export: one standalone page laid out as a working paper, every piece of the printed text
 * in it (escaped), redline and compilation marks, footnotes at the foot with links both ways.
 */
import { describe, expect, it } from 'vitest';
import { toHtml } from '../src/html/to-html.js';
import { printedLines, printText, printRedline, type PrintedDocument } from '../src/index.js';
import { demoDoc, demoPair, DEMO_SPONSORS } from './support/demo-texts.js';
import { FRONT } from './support/front.js';

/** The page's visible text, tags out and entities read, whitespace as single spaces. */
function visibleText(html: string): string {
  const body = html.slice(html.indexOf('<body'));
  return body
    .replace(/<\/(div|p|h1|h2|li)>|<br>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#8617;/g, '↩')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe('toHtml', () => {
  const printed = printText(demoDoc(), { ...FRONT, notes: ['Sponsors are shown after the brackets they proposed.'] }, { sponsors: true });
  const html = toHtml(printed);

  it('is one standalone page: charset, lang, title = the document title, no outside resource', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(`<title>${FRONT.title}</title>`);
    expect(html).toContain('@page { size: A4;');
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/url\(/);
  });

  it('prints the front matter as a working paper does', () => {
    expect(html).toContain('<div class="symbol">CCW/GGE.1/2026/WP.1/Rev.1</div>');
    expect(html).toContain('<div class="status-date">Status: 1 September 2026</div>');
    expect(html).toContain('<p class="note">Sponsors are shown after the brackets they proposed.</p>');
  });

  it('holds every printed line, in order, footnotes as numbered references', () => {
    const text = visibleText(html);
    let n = 0;
    let from = 0;
    for (const line of printedLines(printed, { footnote: () => String(++n) })) {
      const at = text.indexOf(squash(line), from);
      expect(at, line).toBeGreaterThanOrEqual(0);
      from = at;
    }
  });

  it('lays out labels, sub-paragraphs, alternatives, brackets, sponsors and statuses', () => {
    expect(html).toMatch(/<div class="block paragraph status-agreed" data-id="[^"]+"><span class="label">1\.<\/span> The characterisation/);
    expect(html).toMatch(/<div class="block subparagraph" data-id="[^"]+"><span class="label">\(a\)<\/span> automated navigation/);
    expect(html).toMatch(/<div class="block paragraph alt status-under-negotiation" data-id="[^"]+"><span class="label">4 Alt 2\.<\/span>/);
    expect(html).toContain('<span class="bracket">[</span>with lethal force<span class="nobreak"><span class="bracket">]</span><span class="sponsors">{Veloria}</span></span>');
    expect(html).toContain('<span class="status"> {agreed ad ref}</span>');
  });

  it('numbers footnotes and links them both ways', () => {
    expect(html).toContain('trade.<sup class="fn-ref"><a href="#fn-1" id="fnref-1">1</a></sup>');
    expect(html).toContain('<li id="fn-1">The Chair understands &quot;peaceful uses&quot; to include dual-use research conducted under national export controls. <a class="back" href="#fnref-1"');
  });

  it('without sponsors names no delegation', () => {
    const page = toHtml(printText(demoDoc(), FRONT, { sponsors: false }));
    for (const name of DEMO_SPONSORS) expect(page).not.toContain(name);
  });

  it('escapes everything it prints', () => {
    const hostile: PrintedDocument = {
      kind: 'text',
      front: { symbol: '<b>S</b>', title: '</title><script>alert(1)</script>', statusDate: null, revisionLabel: null, subtitle: '"&', notes: ['<img src=x onerror=alert(1)>'] },
      boxes: [
        {
          id: 'b"1',
          numeral: 'I',
          heading: 'Box I. <i>x</i>',
          title: '<i>x</i>',
          blocks: [
            {
              id: '"><script>',
              kind: 'paragraph',
              label: '1',
              alt: null,
              status: 'under_negotiation',
              runs: [
                { kind: 'text', role: 'label', text: '1.', inBracket: false },
                { kind: 'text', role: 'words', text: '<script>alert(2)</script> & \u0001', inBracket: false },
                { kind: 'footnote', text: '<a href="javascript:x">', inBracket: false },
              ],
              note: '<u>',
              proposals: [{ heading: '<h1>', runs: [{ kind: 'text', role: 'words', text: '<em>', inBracket: false }], notes: ['<p>'] }],
            },
          ],
        },
      ],
    };
    const page = toHtml(hostile);
    expect(page).not.toMatch(/<(script|img|i|u|a href="javascript)[ >]/);
    expect(page.match(/<h1[ >]/g)).toHaveLength(1); // the title's own
    expect(page).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(page).toContain('data-id="&quot;&gt;&lt;script&gt;"');
    expect(page).not.toContain('\u0001');
  });

  it('marks a redline: insertions and deletions, whole paragraphs, moves with their notes', () => {
    const { older, newer } = demoPair();
    const redline = printRedline(older, newer, { ...FRONT, subtitle: 'Redline: Rev.2 (newer) compared with Rev.1 (older)' }, { sponsors: true }, { author: 'Chair', date: '2026-12-06T12:00:00Z' });
    const page = toHtml(redline);
    expect(page).toContain('<ins>');
    expect(page).toContain('<del>');
    expect(page).toMatch(/<div class="block paragraph change-delete[^"]*"[^>]*><span class="label"><del>2bis\.<\/del><\/span>/);
    expect(page).toMatch(/<div class="block paragraph change-insert[^"]*"[^>]*><span class="label"><ins>[^<]+<\/ins><\/span> <ins>A new paragraph inserted in this session\.<\/ins>/);
    expect(page).toMatch(/<p class="block-note">Moved to Box III/);
    expect(page).toMatch(/<p class="block-note">Moved from Box II/);
    expect(page).toContain('(changes attributed to: Chair)');
    // Without its deletions the page reads as the newer text; without its insertions as the older.
    const accepted = visibleText(page.replace(/<del>.*?<\/del>/g, '').replace(/<sup class="fn-ref">.*?<\/sup>/g, ''));
    let from = 0;
    for (const line of printedLines(printText(newer, FRONT, { sponsors: true }), { footnote: () => '' })) {
      const at = accepted.indexOf(squash(line.replace(/\t/, ' ')), from);
      expect(at, line).toBeGreaterThanOrEqual(0);
      from = at;
    }
  });
});
