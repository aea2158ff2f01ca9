/**
 * Remembers, per query, the keyset cursor that starts each page, so react-admin's page
 * numbers can be turned into cursors. Page 1 needs no cursor.
 */
export class AuditCursorMemory {
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
