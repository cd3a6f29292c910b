/**
 * The one stylesheet of the HTML export, on screen and on paper: headless Chromium prints the same
 * page to PDF, so `@page` sets A4 and the margins, and print colours are kept (a redline without its
 * colours loses half its meaning). Times New Roman first, as UN documents are set; Liberation Serif
 * has its metrics where it is not installed.
 */
export const HTML_CSS = `
@page { size: A4; margin: 22mm 20mm 24mm 20mm; @bottom-center { content: counter(page); font: 9pt "Times New Roman", "Liberation Serif", serif; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 11pt/1.35 "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; color: #111; margin: 0 auto; max-width: 46rem; padding: 2rem 1.5rem; background: #fff; }
@media print { body { max-width: none; padding: 0; } }
.front { margin-bottom: 1.6em; }
.front .symbol { text-align: right; font-weight: bold; font-size: 12pt; border-bottom: 1.5pt solid #111; padding-bottom: 0.3em; }
.front .status-date { text-align: right; margin: 0.4em 0 1.6em; }
.front h1 { font-size: 15pt; text-align: center; margin: 0 0 0.5em; }
.front .subtitle { text-align: center; font-weight: bold; margin: 0 0 0.6em; }
.front .note { font-size: 9pt; text-align: center; margin: 0.2em 0; color: #333; }
.front .legend { font-size: 9pt; text-align: center; margin: 0.6em 0 0; }
h2.box-heading { font-size: 12pt; font-weight: bold; margin: 1.4em 0 0.7em; break-after: avoid; page-break-after: avoid; }
.block { --hang: 3.6em; --indent: 0em; margin: 0 0 0.55em var(--indent); padding-left: var(--hang); text-indent: calc(-1 * var(--hang)); orphans: 2; widows: 2; }
.block > .label { display: inline-block; min-width: var(--hang); text-indent: 0; padding-right: 0.4em; margin-right: -0.25em; }
.block.subparagraph { --hang: 2.6em; --indent: 3.6em; }
.block.alt { --hang: 4.6em; }
.bracket { font-weight: bold; }
.nobreak { white-space: nowrap; }
.sponsors { font-size: 9pt; font-style: italic; color: #333; }
.status { font-size: 9pt; font-variant: small-caps; color: #1f5f2c; font-weight: bold; }
sup.fn-ref { font-size: 7.5pt; line-height: 0; }
sup.fn-ref a { color: inherit; text-decoration: none; }
ins { color: #0b55b5; text-decoration: underline; text-decoration-thickness: 1pt; background: #eaf2fd; }
del { color: #b0201a; text-decoration: line-through; text-decoration-thickness: 1pt; background: #fdeceb; }
/* A whole inserted or deleted block: a bar in the margin, the text where it would be. */
.block.change-insert, .block.change-delete { border-left: 2.5pt solid; margin-left: calc(var(--indent) - 8pt); padding-left: calc(var(--hang) + 8pt - 2.5pt); }
.block.change-insert { border-left-color: #0b55b5; }
.block.change-delete { border-left-color: #b0201a; }
h2.box-heading.change-insert, h2.box-heading.change-delete { border-left: 2.5pt solid currentColor; padding-left: 0.4em; }
.block-note { margin: -0.3em 0 0.6em 3.6em; font-size: 9pt; font-style: italic; color: #444; text-indent: 0; }
.proposals { margin: 0.2em 0 0.9em 3.6em; border-left: 1pt solid #999; padding-left: 0.8em; font-size: 10pt; }
.proposal { margin: 0 0 0.6em; break-inside: avoid; page-break-inside: avoid; }
.proposal-heading { font-weight: bold; margin: 0; }
.proposal-text { margin: 0.15em 0; }
.proposal-note { margin: 0.1em 0; font-size: 9pt; color: #333; }
.footnotes { margin-top: 2em; border-top: 0.75pt solid #111; padding-top: 0.5em; font-size: 9pt; }
.footnotes h2 { font-size: 9pt; font-weight: bold; margin: 0 0 0.4em; }
.footnotes ol { margin: 0; padding-left: 2em; }
.footnotes li { margin: 0 0 0.3em; }
.footnotes a.back { text-decoration: none; color: #555; }
`;
