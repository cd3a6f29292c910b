import { Fragment } from 'react';

/**
 * A document symbol ("CCW/GGE.1/2026/WP.1/Rev.1") that may wrap only after a "/", so that no line ends
 * in "Rev." with the "1" below it: a line-break opportunity after each slash, none elsewhere (the
 * class keeps words whole; only a piece wider than its box is still broken, as a last resort).
 */
export function BreakAfterSlashes({ text }: { text: string }) {
  const pieces = text.split('/');
  return (
    <span className="break-after-slashes">
      {pieces.map((piece, i) => (
        <Fragment key={i}>
          {piece}
          {i < pieces.length - 1 && (
            <>
              /<wbr />
            </>
          )}
        </Fragment>
      ))}
    </span>
  );
}
