import type { DiffPart } from '@accord/contract';
import { redlineRuns } from './amendment-list';

interface RedlineProps {
  parts: readonly DiffPart[];
  /** Names the redline for assistive tech, e.g. "Proposed change to Box I(1)". */
  label?: string;
  className?: string;
}

/**
 * A word-level redline: kept words plain, added words in <ins>, removed words in <del>. Screen
 * readers do not all announce <ins> and <del>, so each change also says what it is, in words that
 * only they read.
 */
export function Redline({ parts, label, className }: RedlineProps) {
  const runs = redlineRuns(parts);
  return (
    <p className={className ? `redline ${className}` : 'redline'} {...(label ? { role: 'group', 'aria-label': label } : {})}>
      {runs.length === 0 && <span className="redline-empty">(no text)</span>}
      {runs.map((run, i) => {
        if (run.op === 'equal') return <span key={i}>{run.text}</span>;
        const Tag = run.op === 'insert' ? 'ins' : 'del';
        return (
          <Tag key={i} className={run.op === 'insert' ? 'redline-ins' : 'redline-del'}>
            <span className="visually-hidden">{run.op === 'insert' ? '[added: ' : '[removed: '}</span>
            {run.text}
            <span className="visually-hidden">]</span>
          </Tag>
        );
      })}
    </p>
  );
}
