import type { DocumentSummary, ImportReport } from '@accord/contract';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { accord } from '../api';
import { Dialog } from '../components/document/Dialog';
import { Field } from '../components/Field';
import { plural } from '../history/history-words';
import { importErrorMessage, importErrorPlace } from './import-errors';
import {
  fileProblem,
  IMPORT_ACCEPT,
  keptAsText,
  missingChoices,
  prefill,
  recognizedRows,
  trackedChangeCount,
  trackedChangesSummary,
} from './import-report';

/** The unrecognized lines listed before "and N more": a long file's report stays readable. */
const UNRECOGNIZED_SHOWN = 25;

/** The chair's or the secretariat's card on the dialogue page: an existing text brought in as a new document. */
export function ImportDocumentCard({ dialogueId, onCreated }: { dialogueId: string; onCreated: (document: DocumentSummary) => void }) {
  const [open, setOpen] = useState(false);
  const headingId = useId();
  return (
    <section className="card form" aria-labelledby={headingId}>
      <h2 id={headingId}>Existing text</h2>
      <p className="hint">From Word (.docx), Markdown or plain text. You see what Accord recognized before the document is created.</p>
      <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
        Import a document
      </button>
      <Dialog open={open} title="Import a document" onClose={() => setOpen(false)} className="import-dialog">
        <ImportForm
          dialogueId={dialogueId}
          onCreated={(document) => {
            setOpen(false);
            onCreated(document);
          }}
          onCancel={() => setOpen(false)}
        />
      </Dialog>
    </section>
  );
}

interface DryRun {
  /** The latest report for the chosen file (kept on screen while a new one is read). */
  report: ImportReport | null;
  running: boolean;
  error: unknown;
}

const idle: DryRun = { report: null, running: false, error: null };

function ImportForm({ dialogueId, onCreated, onCancel }: { dialogueId: string; onCreated: (document: DocumentSummary) => void; onCancel: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [dry, setDry] = useState<DryRun>(idle);
  const [trackedChanges, setTrackedChanges] = useState<'accept' | 'reject' | undefined>();
  const [commentsDropped, setCommentsDropped] = useState(false);
  const [title, setTitle] = useState('');
  const [symbol, setSymbol] = useState('');
  const [tried, setTried] = useState(false);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<unknown>(null);
  const prefilledFor = useRef<File | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const current = useRef({ title, symbol });
  current.current = { title, symbol };
  const id = useId();

  // The dry run: at once for a new file, and again when the tracked changes are accepted or rejected,
  // so the preview is the text that would be created.
  useEffect(() => {
    if (!file) return;
    const abort = new AbortController();
    setDry((d) => ({ ...d, running: true, error: null }));
    void (async () => {
      try {
        const { report } = await accord.documents.import(
          { dialogueId, file, fileName: file.name, dryRun: true, ...(trackedChanges ? { trackedChanges } : {}) },
          { signal: abort.signal },
        );
        if (abort.signal.aborted) return;
        setDry({ report, running: false, error: null });
        if (prefilledFor.current !== file) {
          prefilledFor.current = file;
          const start = prefill(current.current, report.suggested);
          setTitle(start.title);
          setSymbol(start.symbol);
        }
      } catch (error) {
        if (!abort.signal.aborted) setDry({ report: null, running: false, error });
      }
    })();
    return () => abort.abort();
  }, [dialogueId, file, trackedChanges]);

  function choose(next: File | null) {
    setFile(null);
    setDry(idle);
    setTrackedChanges(undefined);
    setCommentsDropped(false);
    setCreateError(null);
    setTried(false);
    if (!next) return setProblem(null);
    const wrong = fileProblem(next);
    setProblem(wrong);
    if (!wrong) setFile(next);
  }

  const report = dry.report;
  const missing = report ? missingChoices(report, { trackedChanges, commentsDropped, title, symbol }) : {};
  const createPlace = createError ? importErrorPlace(createError) : null;
  const errorAt = (field: 'title' | 'symbol' | 'trackedChanges' | 'comments') =>
    (createPlace === field ? importErrorMessage(createError) : undefined) ?? (tried ? missing[field] : undefined);
  const fileError =
    problem ??
    (dry.error ? importErrorMessage(dry.error) : undefined) ??
    (createPlace === 'file' ? importErrorMessage(createError) : undefined) ??
    (tried && !file ? 'Choose a file to import.' : undefined);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (creating) return;
    setTried(true);
    setCreateError(null);
    if (!file || !report || dry.running || Object.keys(missing).length > 0) return focusFirstProblem();
    setCreating(true);
    try {
      const result = await accord.documents.import({
        dialogueId,
        file,
        fileName: file.name,
        title: title.trim(),
        symbol: symbol.trim(),
        ...(trackedChanges ? { trackedChanges } : {}),
        ...(commentsDropped ? { comments: 'drop' as const } : {}),
      });
      if (result.document) onCreated(result.document);
    } catch (error) {
      setCreateError(error);
      focusFirstProblem();
    } finally {
      setCreating(false);
    }
  }

  /** After the messages render: the first control that needs attention, so its message is read out. */
  function focusFirstProblem() {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('.field-invalid input, .field-invalid textarea')?.focus());
  }

  const changes = report ? trackedChangeCount(report) : 0;
  const comments = report?.comments.count ?? 0;

  return (
    <form ref={formRef} className="form import-form" onSubmit={(e) => void create(e)} noValidate>
      <Field label="File" hint="A Word document (.docx), Markdown (.md) or plain text (.txt), up to 10 MB. Nothing is created until you choose Create document." error={fileError}>
        {(control) => <input {...control} type="file" accept={IMPORT_ACCEPT} onChange={(e) => choose(e.target.files?.[0] ?? null)} autoFocus />}
      </Field>
      <p role="status" className={dry.running ? 'hint' : 'visually-hidden'}>
        {dry.running ? (report ? 'Reading the file again…' : 'Reading the file…') : report ? `Read ${report.fileName}.` : ''}
      </p>

      {report && (
        <>
          <ReportView report={report} headingId={`${id}-report`} />

          {changes > 0 && (
            <fieldset className={errorAt('trackedChanges') ? 'field-invalid' : undefined} aria-describedby={errorAt('trackedChanges') ? `${id}-tc-error ${id}-tc` : `${id}-tc`}>
              <legend>Tracked changes</legend>
              <p className="hint" id={`${id}-tc`}>
                The file holds {trackedChangesSummary(report)} not yet accepted or rejected in Word. Choose which text to import; the preview follows your choice.
              </p>
              <Examples items={report.trackedChanges.examples} quote={false} />
              {errorAt('trackedChanges') && (
                <p className="field-error" id={`${id}-tc-error`}>
                  {errorAt('trackedChanges')}
                </p>
              )}
              <label className="choice">
                <input type="radio" name="trackedChanges" value="accept" checked={trackedChanges === 'accept'} onChange={() => setTrackedChanges('accept')} />
                <span>
                  Accept all changes
                  <span className="hint">Import the text with the changes made.</span>
                </span>
              </label>
              <label className="choice">
                <input type="radio" name="trackedChanges" value="reject" checked={trackedChanges === 'reject'} onChange={() => setTrackedChanges('reject')} />
                <span>
                  Reject all changes
                  <span className="hint">Import the text as it was before the changes.</span>
                </span>
              </label>
            </fieldset>
          )}

          {comments > 0 && (
            <fieldset className={errorAt('comments') ? 'field-invalid' : undefined} aria-describedby={errorAt('comments') ? `${id}-cm-error ${id}-cm` : `${id}-cm`}>
              <legend>Comments</legend>
              <p className="hint" id={`${id}-cm`}>The file holds {plural(comments, 'comment')}. Comments are not imported: note anything you need from them first.</p>
              <Examples items={report.comments.examples} quote />
              {errorAt('comments') && (
                <p className="field-error" id={`${id}-cm-error`}>
                  {errorAt('comments')}
                </p>
              )}
              <label className="choice">
                <input type="checkbox" checked={commentsDropped} onChange={(e) => setCommentsDropped(e.target.checked)} />
                <span>Import without the comments</span>
              </label>
            </fieldset>
          )}

          <Preview report={report} id={`${id}-preview`} choosing={changes > 0 && trackedChanges === undefined} />

          <Field label="Title" hint={report.suggested.title ? 'Read from the file; change it as you wish.' : undefined} error={errorAt('title')}>
            {(control) => <input {...control} type="text" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} autoComplete="off" required />}
          </Field>
          <Field label="Symbol" hint="Unique in this dialogue, e.g. CCW/GGE.1/2026/WP.1." error={errorAt('symbol')}>
            {(control) => (
              <input {...control} type="text" value={symbol} onChange={(e) => setSymbol(e.target.value)} maxLength={80} autoComplete="off" spellCheck={false} required />
            )}
          </Field>
        </>
      )}

      {createError !== null && createPlace === 'form' && (
        <p role="alert" className="alert alert-error">
          {importErrorMessage(createError)}
        </p>
      )}
      <div className="dialog-actions">
        <button type="submit" disabled={creating}>
          {creating ? 'Creating…' : 'Create document'}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** What the dry run found: counts per kind with the first few, the lines not recognized, warnings. */
function ReportView({ report, headingId }: { report: ImportReport; headingId: string }) {
  const rows = recognizedRows(report);
  const unrecognized = report.unrecognized;
  return (
    <section className="import-report" aria-labelledby={headingId}>
      <h3 id={headingId}>What Accord found in {report.fileName}</h3>
      <div className="table-scroll">
        <table className="import-recognized">
          <caption className="visually-hidden">Recognized, per kind</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Found</th>
              <th scope="col">The first few</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.kind}>
                <th scope="row">{row.label}</th>
                <td className={row.count === 0 ? 'compare-zero' : undefined}>{row.count}</td>
                <td>
                  {row.examples.length > 0 ? (
                    <>
                      {row.examples.map((example, i) => (
                        <q key={i} className="import-example">
                          {example}
                        </q>
                      ))}
                      {row.more > 0 && <span className="hint"> and {row.more} more</span>}
                    </>
                  ) : (
                    <span className="hint">None</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {unrecognized.length > 0 ? (
        <>
          <h4>Not recognized ({plural(unrecognized.length, 'line')})</h4>
          <ul className="import-unrecognized">
            {unrecognized.slice(0, UNRECOGNIZED_SHOWN).map((line) => (
              <li key={`${line.line}-${line.text}`}>
                <span className="import-line-number">Line {line.line}</span>{' '}
                <span className={line.keptAs === 'dropped' ? 'import-kept import-kept-dropped' : 'import-kept'}>{keptAsText(line.keptAs)}</span>{' '}
                <q className="import-example">{line.text}</q>
                <span className="hint import-reason">{line.reason}</span>
              </li>
            ))}
          </ul>
          {unrecognized.length > UNRECOGNIZED_SHOWN && <p className="hint">And {plural(unrecognized.length - UNRECOGNIZED_SHOWN, 'more line')}.</p>}
        </>
      ) : (
        <p className="hint">Every line was recognized.</p>
      )}

      {report.warnings.length > 0 && (
        <>
          <h4>Warnings</h4>
          <ul className="import-warnings">
            {report.warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The text that would be created, in the plain-text format: after the choices, since it follows them. */
function Preview({ report, id, choosing }: { report: ImportReport; id: string; choosing: boolean }) {
  const applied = report.trackedChanges.applied;
  return (
    <div>
      <h3 id={id}>Preview{applied ? ` (changes ${applied === 'accept' ? 'accepted' : 'rejected'})` : choosing ? ' (changes accepted, until you choose)' : ''}</h3>
      {choosing && <p className="hint">This shows the tracked changes accepted. Choose to accept or reject them: the preview follows your choice.</p>}
      {/* Focusable so a keyboard can scroll it. */}
      <div className="import-preview" role="region" aria-labelledby={id} tabIndex={0}>
        <pre>{report.preview || 'The text would be empty.'}</pre>
      </div>
    </div>
  );
}

/** The first few tracked changes or comments; the server already words tracked changes ('Deleted: "should"'). */
function Examples({ items, quote }: { items: string[]; quote: boolean }) {
  if (items.length === 0) return null;
  return (
    <ul className="import-examples">
      {items.slice(0, 3).map((item, i) => (
        <li key={i}>{quote ? <q className="import-example">{item}</q> : item}</li>
      ))}
    </ul>
  );
}
