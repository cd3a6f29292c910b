/**
 * The head of a panel beside the text (comments, amendments): its title with how many are open, and
 * the button that folds it away on a narrow screen.
 */
export function SidePanelHead({
  title,
  count,
  expanded,
  onToggle,
  bodyId,
}: {
  title: string;
  /** "3 open"; empty while loading. */
  count: string;
  expanded: boolean;
  onToggle: () => void;
  bodyId: string;
}) {
  return (
    <div className="comments-head">
      <h2>
        {title} <span className="comments-total">{count}</span>
      </h2>
      <button type="button" className="button-secondary comments-toggle" aria-expanded={expanded} aria-controls={bodyId} onClick={onToggle}>
        {expanded ? `Hide ${title.toLowerCase()}` : `Show ${title.toLowerCase()}`}
      </button>
    </div>
  );
}
