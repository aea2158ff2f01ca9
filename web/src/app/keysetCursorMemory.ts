/**
 * Remembers, per query, the keyset cursor that starts each page, so react-admin's page
 * numbers can be turned into cursors. Page 1 needs no cursor.
 */
export class KeysetCursorMemory {
  private readonly byQuery = new Map<string, Map<number, string>>();

  cursorFor(queryKey: string, page: number): string | undefined {
    return page <= 1 ? undefined : this.byQuery.get(queryKey)?.get(page);
  }

  remember(queryKey: string, page: number, cursor: string): void {
    let pages = this.byQuery.get(queryKey);
    if (!pages) this.byQuery.set(queryKey, (pages = new Map()));
    pages.set(page, cursor);
  }

  /** The highest page ≤ `page` whose start is known (at least 1). */
  lastKnownPage(queryKey: string, page: number): number {
    for (let candidate = page; candidate > 1; candidate -= 1) {
      if (this.cursorFor(queryKey, candidate)) return candidate;
    }
    return 1;
  }
}

/**
 * Fetches react-admin's page `page` of a keyset-paginated query. Pages are reached by
 * previous/next, but a reload of ?page=3 must still work: walk forward from the last
 * page whose cursor is known. Returns the page actually reached (the list may be shorter).
 */
export async function fetchKeysetPage<T extends { nextCursor: string | null }>(
  memory: KeysetCursorMemory,
  queryKey: string,
  page: number,
  fetchPage: (cursor: string | undefined) => Promise<T>,
): Promise<{ result: T; page: number }> {
  let known = memory.lastKnownPage(queryKey, page);
  while (known < page) {
    const { nextCursor } = await fetchPage(memory.cursorFor(queryKey, known));
    if (!nextCursor) break;
    memory.remember(queryKey, known + 1, nextCursor);
    known += 1;
  }
  const reached = Math.min(page, known);
  const result = await fetchPage(memory.cursorFor(queryKey, reached));
  if (result.nextCursor) memory.remember(queryKey, reached + 1, result.nextCursor);
  return { result, page: reached };
}
