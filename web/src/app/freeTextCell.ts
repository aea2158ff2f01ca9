/**
 * For a list column of free text (reasons, comments): long text wraps within a bounded
 * width, and one unbroken string breaks anywhere instead of widening the table.
 */
export const FREE_TEXT_CELL = { display: 'block', maxWidth: 360, wordBreak: 'break-word' } as const;
