/**
 * A printed document as one standalone HTML page, laid out as a UN working paper: the symbol top
 * right over a rule, the status date, the title and notes; box headings; paragraphs with a hanging
 * label, sub-paragraphs indented under them; brackets, sponsors and statuses styled; footnotes
 * numbered at the foot with links back. The same page is the HTML export and, printed by headless
 * Chromium, the PDF: there is no second layout. Everything it shows comes from the PrintedDocument
 * (never a name it does not hold), escaped; it loads nothing from outside.
 */
import type { PrintedBlock, PrintedBox, PrintedDocument, PrintedRun } from '../printed-types.js';
import { formatStatusDate } from '../status-date.js';
import { HTML_CSS } from './html-css.js';
import { escapeHtml, FootnoteList, runsHtml, wrapChange } from './html-runs.js';

export function toHtml(printed: PrintedDocument): string {
  const footnotes = new FootnoteList();
  const body = printed.boxes.map((box) => boxHtml(box, footnotes)).join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network: nothing on the page may load anything, whoever opens the file.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(printed.front.title)}</title>`,
    `<style>${HTML_CSS}</style>`,
    '</head>',
    `<body class="accord-${printed.kind}">`,
    frontHtml(printed),
    `<main>\n${body}\n</main>`,
    footnotesHtml(footnotes),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function frontHtml(printed: PrintedDocument): string {
  const { front } = printed;
  const parts = [`<div class="symbol">${escapeHtml(front.symbol)}</div>`];
  if (front.statusDate) parts.push(`<div class="status-date">Status: ${escapeHtml(formatStatusDate(front.statusDate))}</div>`);
  parts.push(`<h1>${escapeHtml(front.title)}</h1>`);
  if (front.subtitle) parts.push(`<p class="subtitle">${escapeHtml(front.subtitle)}</p>`);
  for (const note of front.notes) parts.push(`<p class="note">${escapeHtml(note)}</p>`);
  if (printed.kind === 'redline') {
    const by = printed.changeAuthor ? ` (changes attributed to: ${escapeHtml(printed.changeAuthor)})` : '';
    parts.push(`<p class="legend"><ins>Inserted text</ins> · <del>Deleted text</del>${by}</p>`);
  }
  return `<header class="front">\n${parts.join('\n')}\n</header>`;
}

function boxHtml(box: PrintedBox, footnotes: FootnoteList): string {
  const cls = box.change ? ` change-${box.change}` : '';
  const heading = `<h2 class="box-heading${cls}">${wrapChange(escapeHtml(box.heading), box.change)}</h2>`;
  return `<section class="box">\n${heading}\n${box.blocks.map((b) => blockHtml(b, footnotes)).join('\n')}\n</section>`;
}

function blockHtml(block: PrintedBlock, footnotes: FootnoteList): string {
  const labels: PrintedRun[] = [];
  let i = 0;
  for (; i < block.runs.length; i++) {
    const run = block.runs[i]!;
    if (run.kind !== 'text' || run.role !== 'label') break;
    labels.push(run);
  }
  const labelHtml = labels.map((run) => wrapChange(escapeHtml(run.text), run.change)).join('');
  // A real space after the label (the layout hangs it anyway): copied or extracted text reads "2. The…".
  const classes = ['block', block.kind];
  if (block.alt) classes.push('alt');
  if (block.change) classes.push(`change-${block.change}`);
  if (block.status && block.kind === 'paragraph') classes.push(`status-${block.status.replace(/_/g, '-')}`);
  let out = `<div class="${classes.join(' ')}" data-id="${escapeHtml(block.id)}"><span class="label">${labelHtml}</span> ${runsHtml(block.runs.slice(i), footnotes)}</div>`;
  if (block.note) out += `\n<p class="block-note">${escapeHtml(block.note)}</p>`;
  if (block.proposals && block.proposals.length > 0) {
    const proposals = block.proposals.map((p) => {
      const notes = p.notes.map((n) => `<p class="proposal-note">${escapeHtml(n)}</p>`).join('');
      return `<div class="proposal"><p class="proposal-heading">${escapeHtml(p.heading)}</p><p class="proposal-text">${runsHtml(p.runs, footnotes)}</p>${notes}</div>`;
    });
    out += `\n<aside class="proposals">${proposals.join('')}</aside>`;
  }
  return out;
}

function footnotesHtml(footnotes: FootnoteList): string {
  if (footnotes.notes.length === 0) return '';
  const items = footnotes.notes.map(
    (note) => `<li id="fn-${note.n}">${wrapChange(escapeHtml(note.text), note.change)} <a class="back" href="#fnref-${note.n}" aria-label="Back to the text">&#8617;</a></li>`,
  );
  return `<section class="footnotes" aria-label="Notes">\n<h2>Notes</h2>\n<ol>\n${items.join('\n')}\n</ol>\n</section>`;
}
