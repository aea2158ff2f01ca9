/**
 * Remembers, per query, the keyset cursor that starts each page, so react-admin's page
 * numbers can be turned into cursors. Page 1 needs no cursor. A query is the filter and
 * sort together: changing either starts from page 1 with none of the old cursors.
 * Only the most recently used queries are kept, so a long session of filtering does not
 * grow the memory without end; a forgotten query is walked again from page 1 if needed.
 */
export class KeysetCursorMemory {
  private readonly byQuery = new Map<string, Map<number, string>>();

  constructor(private readonly maxQueries = 20) {}

  cursorFor(queryKey: string, page: number): string | undefined {
    return page <= 1 ? undefined : this.byQuery.get(queryKey)?.get(page);
  }

  remember(queryKey: string, page: number, cursor: string): void {
    const pages = this.byQuery.get(queryKey) ?? new Map<number, string>();
    // Re-inserting moves the query to the end: Map order is the recency order evicted from.
    this.byQuery.delete(queryKey);
    this.byQuery.set(queryKey, pages.set(page, cursor));
    for (const oldest of this.byQuery.keys()) {
      if (this.byQuery.size <= this.maxQueries) break;
      this.byQuery.delete(oldest);
    }
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
