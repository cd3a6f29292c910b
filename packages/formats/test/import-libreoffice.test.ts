/**
 * A DOCX written by another word processor: LibreOffice (headless, as CI installs it) converts an HTML
 * page with headings and nested ordered lists, so the paragraph numbers and the sub-paragraph letters
 * exist only as Word automatic numbering (numbering.xml), with its own lvlText ("a." rather than "(a)")
 * and trailing spaces. readDocx prints them as Word would and the recognizer reads the structure.
 * Skipped where there is no soffice.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toPlainText } from '@accord/text';
import { recognizeText } from '@accord/text/recognize';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../src/import/index.js';

const SOFFICE = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));

const HTML = `<html><body>
<p><b>CCW/GGE.1/2026/WP.3</b></p>
<p>Status: 2 October 2026</p>
<p><b>A text written in a word processor</b></p>
<h1>Box I. Scope</h1>
<ol>
<li>States [shall][should]{Arandia} apply the law. {agreed}</li>
<li>The Group notes:
  <ol type="a"><li>first item;</li><li>second item.</li></ol>
</li>
<li>A third paragraph with <i>emphasis</i>.</li>
</ol>
<h1>Box II. Other</h1>
<ol><li>Only one.</li></ol>
</body></html>`;

describe('a DOCX written by LibreOffice', () => {
  it.skipIf(!SOFFICE)('numbers and letters from Word numbering, headings and front matter are recognized', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-import-lo-'));
    try {
      writeFileSync(join(dir, 'text.html'), HTML);
      execFileSync(SOFFICE!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, join(dir, 'text.html')], {
        stdio: 'ignore',
        timeout: 110_000,
      });
      const reading = readDocx(new Uint8Array(readFileSync(join(dir, 'text.docx'))));
      expect(reading.lines.map((l) => l.numbering).filter(Boolean)).toEqual(['1.', '2.', 'a.', 'b.', '3.', '1.']);
      const { doc, report } = recognizeText(reading.lines);
      expect(toPlainText(doc)).toBe(
        [
          'Box I. Scope',
          '',
          '1. States [shall][should]{Arandia} apply the law. {agreed}',
          '2. The Group notes:',
          '   (a) first item;',
          '   (b) second item.',
          '3. A third paragraph with emphasis.',
          '',
          'Box II. Other',
          '',
          '1. Only one.',
          '',
        ].join('\n'),
      );
      expect(report.front).toMatchObject({ symbol: 'CCW/GGE.1/2026/WP.3', statusDate: '2026-10-02', title: 'A text written in a word processor' });
      expect(report.unrecognized).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
