import type { Comment, Thread } from '@accord/contract';
import { type FormEvent, type KeyboardEvent, memo, useId, useState } from 'react';
import { formatDateTime } from '../labels';
import { audienceDescriptions, audienceLabels, authorText } from './audience';
import { CommentBody } from './CommentBody';
import { commentErrorMessage } from './comment-errors';
import type { CommentActions } from './use-comments';

interface ThreadCardProps {
  thread: Thread;
  citation: string | null;
  /** The words are gone from the text: the thread stays, "on deleted text", with its quote. */
  orphaned: boolean;
  active: boolean;
  onActivate: (threadId: string, from: 'panel') => void;
  /** Scrolls the text to the thread's words and selects them; null when they cannot be shown. */
  showInText: (thread: Thread) => (() => void) | null;
  actions: CommentActions;
}

/** One thread: where and what it is about, its comments, a reply box and what the viewer may do. */
/** Memoized: with hundreds of threads, one that changes re-renders alone. */
export const ThreadCard = memo(function ThreadCard({ thread, citation, orphaned, active, onActivate, showInText, actions }: ThreadCardProps) {
  const onShowInText = showInText(thread);
  const titleId = useId();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const resolved = thread.status === 'resolved';

  async function attempt(action: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  }

  const classes = ['thread', active ? 'thread-active' : '', resolved ? 'thread-resolved' : ''].filter(Boolean).join(' ');
  return (
    <article
      className={classes}
      aria-labelledby={titleId}
      data-thread-id={thread.id}
      tabIndex={-1}
      onFocus={() => onActivate(thread.id, 'panel')}
      onClick={() => onActivate(thread.id, 'panel')}
    >
      <header className="thread-head">
        <h3 id={titleId} className="thread-place">
          {citation ?? 'Removed paragraph'}
        </h3>
        <span className={`audience-badge audience-${thread.audience}`} title={audienceDescriptions[thread.audience]}>
          <span className="visually-hidden">Audience: </span>
          {audienceLabels[thread.audience]}
        </span>
        <span className={resolved ? 'thread-status thread-status-resolved' : 'thread-status'}>{resolved ? 'Resolved' : 'Open'}</span>
      </header>
      {orphaned && (
        <p className="thread-orphaned">
          <strong>On deleted text.</strong> The words were removed from the text.
        </p>
      )}
      {thread.anchor.quote ? (
        <blockquote className={orphaned ? 'thread-quote thread-quote-deleted' : 'thread-quote'}>{thread.anchor.quote}</blockquote>
      ) : (
        <p className="thread-quote-whole">On the whole paragraph</p>
      )}
      <ol className="thread-comments">
        {thread.comments.map((comment) => (
          <CommentItem key={comment.id} threadId={thread.id} comment={comment} actions={actions} />
        ))}
      </ol>
      {thread.can.reply && !resolved && <ReplyForm busy={busy} onReply={(body) => attempt(() => actions.reply(thread.id, body))} />}
      <div className="thread-actions">
        {onShowInText && (
          <button type="button" className="button-secondary button-small" onClick={onShowInText}>
            Show in text
          </button>
        )}
        {thread.can.resolve && (
          <button
            type="button"
            className="button-secondary button-small"
            disabled={busy}
            onClick={() => void attempt(() => (resolved ? actions.reopen(thread.id) : actions.resolve(thread.id)))}
          >
            {resolved ? 'Reopen' : 'Resolve'}
          </button>
        )}
      </div>
      <CommentError error={error} />
    </article>
  );
});

function CommentItem({ threadId, comment, actions }: { threadId: string; comment: Comment; actions: CommentActions }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const mine = comment.author.you && !comment.deleted;

  async function remove() {
    setError(null);
    try {
      await actions.remove(threadId, comment.id);
    } catch (caught) {
      setError(caught);
    }
    setConfirmDelete(false);
  }

  return (
    <li className={comment.deleted ? 'comment comment-deleted' : 'comment'}>
      <p className="comment-meta">
        <span className="comment-author">{authorText(comment.author)}</span>
        <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
        {comment.editedAt && !comment.deleted && <span className="comment-edited">edited</span>}
      </p>
      {comment.deleted ? (
        <p className="comment-body comment-body-deleted">Comment deleted</p>
      ) : editing ? (
        <EditForm
          initial={comment.body}
          onCancel={() => setEditing(false)}
          onSave={async (body) => {
            await actions.edit(threadId, comment.id, body);
            setEditing(false);
          }}
        />
      ) : (
        <CommentBody body={comment.body} />
      )}
      {mine && !editing && (
        <div className="comment-actions">
          {confirmDelete ? (
            <>
              <span>Delete this comment?</span>
              <button type="button" className="button-danger button-small" onClick={() => void remove()}>
                Delete
              </button>
              <button type="button" className="button-secondary button-small" onClick={() => setConfirmDelete(false)}>
                Keep
              </button>
            </>
          ) : (
            <>
              <button type="button" className="button-link" onClick={() => setEditing(true)}>
                Edit<span className="visually-hidden"> your comment</span>
              </button>
              <button type="button" className="button-link" onClick={() => setConfirmDelete(true)}>
                Delete<span className="visually-hidden"> your comment</span>
              </button>
            </>
          )}
        </div>
      )}
      <CommentError error={error} />
    </li>
  );
}

/** Ctrl+Enter (⌘+Enter) sends, as in the mail and chat tools delegates use. */
function submitOnModEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  }
}

function ReplyForm({ busy, onReply }: { busy: boolean; onReply: (body: string) => Promise<boolean> }) {
  const [body, setBody] = useState('');
  const id = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (body.trim() === '') return;
    if (await onReply(body)) setBody('');
  }

  return (
    <form className="reply-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor={id} className="visually-hidden">
        Reply
      </label>
      <textarea id={id} rows={1} placeholder="Reply…" value={body} maxLength={10_000} onChange={(e) => setBody(e.target.value)} onKeyDown={submitOnModEnter} />
      <button type="submit" className="button-small" disabled={busy || body.trim() === ''}>
        Reply
      </button>
    </form>
  );
}

function EditForm({ initial, onSave, onCancel }: { initial: string; onSave: (body: string) => Promise<void>; onCancel: () => void }) {
  const [body, setBody] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSave(body);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="edit-form"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Edit your comment
      </label>
      <textarea id={id} rows={3} value={body} maxLength={10_000} autoFocus onChange={(e) => setBody(e.target.value)} onKeyDown={submitOnModEnter} />
      <div className="comment-actions">
        <button type="submit" className="button-small" disabled={busy || body.trim() === ''}>
          Save
        </button>
        <button type="button" className="button-secondary button-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <CommentError error={error} />
    </form>
  );
}

/** What went wrong with a comment action, announced where it happened. */
function CommentError({ error }: { error: unknown }) {
  if (error === null) return null;
  return (
    <p role="alert" className="thread-error">
      {commentErrorMessage(error)}
    </p>
  );
}
