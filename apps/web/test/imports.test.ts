import { AccordApiError } from '@accord/client/api';
import { type ImportReport, MAX_IMPORT_BYTES } from '@accord/contract';
import { describe, expect, it } from 'vitest';
import { importErrorMessage, importErrorPlace } from '../src/imports/import-errors';
import { fileProblem, importSourceOf, keptAsText, missingChoices, prefill, recognizedRows, trackedChangesSummary } from '../src/imports/import-report';

/**
 * Rule: before a document is created from a file, the chair sees what was recognized (counts, the
 * first few), what was not (with its line and what became of it), and must choose what to do with
 * tracked changes and comments; a refused file is explained beside the file, in words.
 */

const kind = (count: number, examples: string[] = []) => ({ count, examples });

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    source: 'docx',
    fileName: 'WP.1.docx',
    suggested: { title: 'Rolling text on LAWS', symbol: 'CCW/GGE.1/2026/WP.1', statusDate: '2026-08-25' },
    recognized: {
      boxes: kind(5, ['Box I', 'Box II', 'Box III', 'Box IV']),
      paragraphs: kind(12, ['Box I(1)', 'Box I(2)']),
      subparagraphs: kind(0),
      alternatives: kind(2, ['Box III(2) Alt 1', 'Box III(2) Alt 2']),
      brackets: kind(7, ['[shall]', '[should]', '[meaningful]', '[appropriate]']),
      sponsors: kind(3, ['Arandia', 'Veloria', 'Ostmark']),
      footnotes: kind(1, ['The Chair understands…']),
      statuses: kind(0),
    },
    unrecognized: [{ line: 14, text: '*** DRAFT ***', reason: 'Decoration', keptAs: 'dropped' }],
    trackedChanges: { insertions: 0, deletions: 0, moves: 0, examples: [], applied: null },
    comments: { count: 0, examples: [] },
    warnings: [],
    needs: [],
    preview: 'Box I\n1. Text.',
    ...overrides,
  };
}

const chosen = { trackedChanges: undefined, commentsDropped: false, title: 'Rolling text', symbol: 'WP.1' };

describe('the file chosen', () => {
  it('is read by the reader its name calls for', () => {
    expect(importSourceOf('Rev.1.docx')).toBe('docx');
    expect(importSourceOf('REV.1.DOCX')).toBe('docx');
    expect(importSourceOf('notes.md')).toBe('markdown');
    expect(importSourceOf('notes.markdown')).toBe('markdown');
    expect(importSourceOf('text.txt')).toBe('plain');
    expect(importSourceOf('text.pdf')).toBeNull();
    expect(importSourceOf('docx')).toBeNull();
  });

  it('is refused before it is sent when Accord cannot read its kind, or it is too large or empty', () => {
    expect(fileProblem({ name: 'a.docx', size: 1000 })).toBeNull();
    expect(fileProblem({ name: 'a.docx', size: MAX_IMPORT_BYTES })).toBeNull();
    expect(fileProblem({ name: 'a.docx', size: MAX_IMPORT_BYTES + 1 })).toBe('This file is 10 MB; Accord imports files of up to 10 MB.');
    expect(fileProblem({ name: 'a.docx', size: 25 * 1024 * 1024 })).toBe('This file is 25 MB; Accord imports files of up to 10 MB.');
    expect(fileProblem({ name: 'a.txt', size: 0 })).toBe('This file is empty.');
    expect(fileProblem({ name: 'old.doc', size: 10 })).toMatch(/save it as a Word Document \(\.docx\)/);
    expect(fileProblem({ name: 'macro.docm', size: 10 })).toMatch(/\.docx/);
    expect(fileProblem({ name: 'scan.pdf', size: 10 })).toBe('Choose a Word document (.docx), a Markdown file (.md) or a plain-text file (.txt).');
  });
});

const changes = (insertions: number, deletions: number, moves: number) =>
  trackedChangesSummary(report({ trackedChanges: { insertions, deletions, moves, examples: [], applied: null } }));

describe('the report', () => {
  it('lists every kind in the order of the text, with at most three examples and how many more', () => {
    const rows = recognizedRows(report());
    expect(rows.map((r) => r.label)).toEqual(['Boxes', 'Paragraphs', 'Sub-paragraphs', 'Alternatives (Alt 1 / Alt 2)', 'Square brackets', 'Sponsors', 'Footnotes', 'Statuses']);
    expect(rows[0]).toEqual({ kind: 'boxes', label: 'Boxes', count: 5, examples: ['Box I', 'Box II', 'Box III'], more: 2 });
    expect(rows[1]).toMatchObject({ count: 12, examples: ['Box I(1)', 'Box I(2)'], more: 10 });
    expect(rows[2]).toMatchObject({ count: 0, examples: [], more: 0 });
  });

  it('says what became of a line it did not recognize', () => {
    expect(keptAsText('paragraph')).toBe('Kept as a plain paragraph');
    expect(keptAsText('dropped')).toBe('Left out');
  });

  it('counts the tracked changes by kind, naming only the kinds found', () => {
    expect(changes(3, 2, 1)).toBe('3 insertions, 2 deletions and 1 move');
    expect(changes(1, 0, 0)).toBe('1 insertion');
    expect(changes(0, 4, 2)).toBe('4 deletions and 2 moves');
    expect(changes(0, 0, 0)).toBe('no tracked changes');
  });
});

describe('what must be chosen before Create document', () => {
  it('nothing, for a clean file with a title and a symbol', () => {
    expect(missingChoices(report(), chosen)).toEqual({});
  });

  it('a title and a symbol, when the file suggested none and none was typed', () => {
    expect(missingChoices(report(), { ...chosen, title: ' ', symbol: '' })).toEqual({
      title: 'Give the document a title.',
      symbol: 'Give the document a symbol, e.g. CCW/GGE.1/2026/WP.1.',
    });
  });

  it('accept or reject, when the DOCX holds tracked changes; an acknowledgement, when it holds comments', () => {
    const withBoth = report({
      trackedChanges: { insertions: 2, deletions: 1, moves: 0, examples: ['[shall]'], applied: null },
      comments: { count: 3, examples: ['Check with capital'] },
      needs: ['trackedChanges', 'comments'],
    });
    expect(missingChoices(withBoth, chosen)).toEqual({
      trackedChanges: 'Choose whether to accept or reject the tracked changes.',
      comments: 'Confirm that the comments are not imported.',
    });
    expect(missingChoices(withBoth, { ...chosen, trackedChanges: 'reject', commentsDropped: true })).toEqual({});
    // The server's `needs` alone is enough to ask, whatever the counts say.
    expect(missingChoices(report({ needs: ['comments'] }), chosen)).toHaveProperty('comments');
  });
});

describe('title and symbol to start from', () => {
  it('come from the file, unless the chair typed them already', () => {
    const suggested = { title: 'Rolling text on LAWS', symbol: 'CCW/GGE.1/2026/WP.1', statusDate: null };
    expect(prefill({ title: '', symbol: '' }, suggested)).toEqual({ title: 'Rolling text on LAWS', symbol: 'CCW/GGE.1/2026/WP.1' });
    expect(prefill({ title: 'Mine', symbol: '' }, suggested)).toEqual({ title: 'Mine', symbol: 'CCW/GGE.1/2026/WP.1' });
    expect(prefill({ title: '', symbol: '' }, { title: null, symbol: null, statusDate: null })).toEqual({ title: '', symbol: '' });
  });
});

const error = (code: string, status: number, fields: { field: string; message: string }[] = []) =>
  new AccordApiError({ status, code, message: `${code} (for developers)`, fields });

describe('a refused import, in words and in its place', () => {

  it('a file Accord will not read is explained beside the file, never with the developer message', () => {
    for (const [code, words] of [
      ['FILE_UNREADABLE', /cannot read this file/],
      ['FILE_ENCRYPTED', /protected with a password/],
      ['FILE_HAS_MACROS', /contains macros/],
      ['FILE_TOO_COMPLEX', /too large or too complex/],
    ] as const) {
      expect(importErrorPlace(error(code, 422))).toBe('file');
      expect(importErrorMessage(error(code, 422))).toMatch(words);
      expect(importErrorMessage(error(code, 422))).not.toMatch(/for developers/);
    }
    expect(importErrorPlace(error('PAYLOAD_TOO_LARGE', 413))).toBe('file');
    expect(importErrorMessage(error('PAYLOAD_TOO_LARGE', 413))).toBe('This file is larger than Accord imports (10 MB).');
  });

  it('a field the server names is explained beside that field, in its words', () => {
    const choice = error('VALIDATION_FAILED', 400, [{ field: 'trackedChanges', message: 'The file holds tracked changes: accept or reject them' }]);
    expect(importErrorPlace(choice)).toBe('trackedChanges');
    expect(importErrorMessage(choice)).toBe('The file holds tracked changes: accept or reject them');
    expect(importErrorPlace(error('VALIDATION_FAILED', 400, [{ field: 'symbol', message: 'letters, digits and . / - _ ( ) only' }]))).toBe('symbol');
    expect(importErrorPlace(error('SYMBOL_TAKEN', 409))).toBe('symbol');
    expect(importErrorMessage(error('SYMBOL_TAKEN', 409))).toBe('Another document in this dialogue already has that symbol.');
  });

  it('anything else goes above the buttons', () => {
    expect(importErrorPlace(error('ROLE_FORBIDDEN', 403))).toBe('form');
    expect(importErrorMessage(error('ROLE_FORBIDDEN', 403))).toBe('Only the chair and the secretariat may import a document.');
    expect(importErrorPlace(error('VALIDATION_FAILED', 400, [{ field: 'dryRun', message: 'x' }]))).toBe('form');
    expect(importErrorPlace(new Error('boom'))).toBe('form');
    expect(importErrorMessage(error('NETWORK', 0))).toBe('Accord could not be reached. Check your connection and try again.');
  });
});
