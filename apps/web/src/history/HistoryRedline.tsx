import type { RedlinePart } from '@accord/contract';
import { redlinePieces } from './redline-pieces';

const opClass = { equal: '', insert: 'redline-ins', delete: 'redline-del' } as const;
const spoken = { equal: '', insert: 'added', delete: 'removed' } as const;

/**
 * A paragraph's change drawn as the room reads a redline: added words underlined, removed words struck
 * through, each in its colour; brackets as brackets (their sponsors after them in small capitals);
 * footnotes as numbered markers whose text shows on hover or focus. Screen readers hear what each
 * change is, in words only they read.
 */
export function HistoryRedline({ parts, label }: { parts: readonly RedlinePart[]; label: string }) {
  const pieces = redlinePieces(parts);
  return (
    <p className="redline history-redline" role="group" aria-label={label}>
      {pieces.length === 0 && <span className="redline-empty">(no text)</span>}
      {pieces.map((piece, i) => {
        switch (piece.kind) {
          case 'text': {
            const inBracket = piece.inBracket ? 'rl-in-bracket' : '';
            if (piece.op === 'equal') return <span key={i} className={inBracket || undefined}>{piece.text}</span>;
            const Tag = piece.op === 'insert' ? 'ins' : 'del';
            return (
              <Tag key={i} className={[opClass[piece.op], inBracket].filter(Boolean).join(' ')}>
                <span className="visually-hidden">{`[${spoken[piece.op]}: `}</span>
                {piece.text}
                <span className="visually-hidden">]</span>
              </Tag>
            );
          }
          case 'open':
            return (
              <span key={i} className={`rl-bracket ${opClass[piece.op]}`}>
                {piece.op !== 'equal' && <span className="visually-hidden">{`(opening bracket ${spoken[piece.op]}) `}</span>}[
              </span>
            );
          case 'close':
            return (
              <span key={i} className="rl-close">
                <span className={`rl-bracket ${opClass[piece.op]}`}>
                  ]{piece.op !== 'equal' && <span className="visually-hidden">{` (closing bracket ${spoken[piece.op]})`}</span>}
                </span>
                {piece.sponsors.length > 0 && <span className="rl-sponsors">{piece.sponsors.join(', ')}</span>}
              </span>
            );
          case 'footnote':
            return (
              <sup key={i} className={`rl-footnote ${opClass[piece.op]}`} tabIndex={0} aria-label={`footnote ${piece.number}${piece.op === 'equal' ? '' : `, ${spoken[piece.op]}`}: ${piece.text}`}>
                {piece.number}
                <span className="rl-footnote-text" aria-hidden="true">
                  {piece.text}
                </span>
              </sup>
            );
        }
      })}
    </p>
  );
}
