import { commentSegments } from './comment-links';

/** A comment's words as text, its web addresses as links that open apart from the workspace. */
export function CommentBody({ body }: { body: string }) {
  return (
    <p className="comment-body">
      {commentSegments(body).map((segment, i) =>
        segment.kind === 'link' ? (
          <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer">
            {segment.text}
          </a>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
