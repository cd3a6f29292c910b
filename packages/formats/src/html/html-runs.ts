/**
 * Printed runs as HTML: each run a span named by its role (label, bracket, sponsors, status), a
 * redline's pieces inside `<ins>`/`<del>`, footnotes as numbered references to the notes at the end
 * of the page, each note linking back to where it stands.
 */
import type { PrintedChange, PrintedRun } from '../printed-types.js';
import { escapeXmlText } from '../xml-escape.js';

export interface HtmlFootnote {
  n: number;
  text: string;
  change?: PrintedChange;
}

/** Footnotes numbered in order of appearance across the whole page. */
export class FootnoteList {
  readonly notes: HtmlFootnote[] = [];

  add(text: string, change: PrintedChange | undefined): number {
    const n = this.notes.length + 1;
    this.notes.push({ n, text, change });
    return n;
  }
}

export function escapeHtml(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;');
}

export function wrapChange(html: string, change: PrintedChange | undefined): string {
  if (html === '') return '';
  if (change === 'insert') return `<ins>${html}</ins>`;
  if (change === 'delete') return `<del>${html}</del>`;
  return html;
}

const ROLE_CLASS = { label: 'label', words: null, bracket: 'bracket', sponsors: 'sponsors', status: 'status' } as const;

function isBracket(run: PrintedRun): boolean {
  return run.kind === 'text' && run.role === 'bracket';
}

export function runsHtml(runs: readonly PrintedRun[], footnotes: FootnoteList): string {
  let out = '';
  // Adjacent pieces of one change share one <ins> or <del>: one mark per stretch, as a reader sees it.
  let pending = '';
  let pendingChange: PrintedChange | undefined;
  runs.forEach((run, i) => {
    let html: string;
    if (run.kind === 'footnote') {
      const n = footnotes.add(run.text, run.change);
      html = `<sup class="fn-ref"><a href="#fn-${n}" id="fnref-${n}">${n}</a></sup>`;
    } else {
      html = escapeHtml(run.text);
      if (run.em) html = `<em>${html}</em>`;
      if (run.strong) html = `<strong>${html}</strong>`;
      const cls = ROLE_CLASS[run.role];
      if (cls) html = `<span class="${cls}">${html}</span>`;
      // A closing bracket and its sponsors stay on one line: "]{Veloria}" is one thing to a reader.
      const next = runs[i + 1];
      if (run.role === 'bracket' && next?.kind === 'text' && next.role === 'sponsors' && next.change === run.change) html = `<span class="nobreak">${html}`;
      if (run.role === 'sponsors' && i > 0 && isBracket(runs[i - 1]!) && runs[i - 1]!.change === run.change) html = `${html}</span>`;
    }
    if (run.change !== pendingChange) {
      out += wrapChange(pending, pendingChange);
      pending = '';
      pendingChange = run.change;
    }
    pending += html;
  });
  return out + wrapChange(pending, pendingChange);
}
