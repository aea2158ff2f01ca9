import { describe, expect, it } from 'vitest';
import { fetchKeysetPage, KeysetCursorMemory } from './keysetCursorMemory';

/** A keyset-paginated list of `size` rows, `limit` a page, that records the cursors it is asked for. */
function keysetList(size: number, limit: number) {
  const rows = Array.from({ length: size }, (_, index) => `row-${index + 1}`);
  const askedCursors: (string | undefined)[] = [];
  const fetchPage = async (cursor: string | undefined) => {
    askedCursors.push(cursor);
    const start = cursor === undefined ? 0 : rows.indexOf(cursor) + 1;
    const page = rows.slice(start, start + limit);
    const more = start + limit < rows.length;
    return { rows: page, nextCursor: more ? page[page.length - 1]! : null };
  };
  return { fetchPage, askedCursors };
}

describe('KeysetCursorMemory', () => {
  it('needs no cursor for page 1 and answers the remembered cursor for later pages', () => {
    const memory = new KeysetCursorMemory();
    memory.remember('q', 2, 'c2');
    memory.remember('q', 3, 'c3');
    expect(memory.cursorFor('q', 1)).toBeUndefined();
    expect(memory.cursorFor('q', 2)).toBe('c2');
    expect(memory.cursorFor('q', 3)).toBe('c3');
    expect(memory.cursorFor('q', 4)).toBeUndefined();
  });

  it('keeps cursors of another filter or sort apart', () => {
    const memory = new KeysetCursorMemory();
    memory.remember('{"sort":"signup_desc"}', 2, 'c2');
    expect(memory.cursorFor('{"sort":"email_asc"}', 2)).toBeUndefined();
    expect(memory.lastKnownPage('{"sort":"email_asc"}', 5)).toBe(1);
  });

  it('finds the highest known page at or below the one asked for', () => {
    const memory = new KeysetCursorMemory();
    memory.remember('q', 2, 'c2');
    memory.remember('q', 4, 'c4');
    expect(memory.lastKnownPage('q', 1)).toBe(1);
    expect(memory.lastKnownPage('q', 3)).toBe(2);
    expect(memory.lastKnownPage('q', 9)).toBe(4);
  });

  it('forgets the least recently used query beyond its bound', () => {
    const memory = new KeysetCursorMemory(2);
    memory.remember('a', 2, 'a2');
    memory.remember('b', 2, 'b2');
    memory.remember('a', 3, 'a3'); // `a` is used again, so `b` is now the oldest
    memory.remember('c', 2, 'c2');
    expect(memory.cursorFor('b', 2)).toBeUndefined();
    expect(memory.cursorFor('a', 2)).toBe('a2');
    expect(memory.cursorFor('a', 3)).toBe('a3');
    expect(memory.cursorFor('c', 2)).toBe('c2');
  });

  it('stays bounded however many filters a session tries', () => {
    const memory = new KeysetCursorMemory(3);
    for (let filter = 0; filter < 50; filter += 1) memory.remember(`filter-${filter}`, 2, `cursor-${filter}`);
    const kept = Array.from({ length: 50 }, (_, filter) => memory.cursorFor(`filter-${filter}`, 2)).filter(Boolean);
    expect(kept).toEqual(['cursor-47', 'cursor-48', 'cursor-49']);
  });
});

describe('fetchKeysetPage', () => {
  it('fetches page 1 without a cursor and remembers where page 2 starts', async () => {
    const memory = new KeysetCursorMemory();
    const list = keysetList(10, 3);
    const { result, page } = await fetchKeysetPage(memory, 'q', 1, list.fetchPage);
    expect(page).toBe(1);
    expect(result.rows).toEqual(['row-1', 'row-2', 'row-3']);
    expect(list.askedCursors).toEqual([undefined]);
    expect(memory.cursorFor('q', 2)).toBe('row-3');
  });

  it('goes to the next page with one request when its cursor is known', async () => {
    const memory = new KeysetCursorMemory();
    const list = keysetList(10, 3);
    await fetchKeysetPage(memory, 'q', 1, list.fetchPage);
    const { result, page } = await fetchKeysetPage(memory, 'q', 2, list.fetchPage);
    expect(page).toBe(2);
    expect(result.rows).toEqual(['row-4', 'row-5', 'row-6']);
    expect(list.askedCursors).toEqual([undefined, 'row-3']);
  });

  it('walks forward from page 1 when a reload opens ?page=3 with nothing remembered', async () => {
    const memory = new KeysetCursorMemory();
    const list = keysetList(10, 3);
    const { result, page } = await fetchKeysetPage(memory, 'q', 3, list.fetchPage);
    expect(page).toBe(3);
    expect(result.rows).toEqual(['row-7', 'row-8', 'row-9']);
    expect(list.askedCursors).toEqual([undefined, 'row-3', 'row-6']);
  });

  it('stops at the last page when asked for a page past the end', async () => {
    const memory = new KeysetCursorMemory();
    const list = keysetList(5, 3);
    const { result, page } = await fetchKeysetPage(memory, 'q', 7, list.fetchPage);
    expect(page).toBe(2);
    expect(result).toEqual({ rows: ['row-4', 'row-5'], nextCursor: null });
    expect(memory.cursorFor('q', 3)).toBeUndefined();
  });

  it('starts a changed filter from page 1 instead of reusing the old query’s cursors', async () => {
    const memory = new KeysetCursorMemory();
    const list = keysetList(10, 3);
    await fetchKeysetPage(memory, 'status=active', 2, list.fetchPage);
    list.askedCursors.length = 0;
    await fetchKeysetPage(memory, 'status=banned', 2, list.fetchPage);
    expect(list.askedCursors).toEqual([undefined, 'row-3']);
  });
});
