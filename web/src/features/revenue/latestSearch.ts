/**
 * The URL's search params as this page last asked for them, for building the next change
 * on. Why not each render's params: a change only reaches the router's location a moment
 * later, and a render in between (data arriving, a chart resizing) still carries the old
 * params — taking those as "latest" made the second of two quick changes (From, then To)
 * write the first one back out. So a render's params count only when the router's search
 * actually moved, and then only if it is not the echo of a change this page sent (an
 * echo can arrive after a newer change was sent); anything else is a navigation from
 * outside (Back, a shared link) and wins.
 */
export interface LatestSearch {
  /** Every render: the router's params. */
  observe(params: URLSearchParams): void;
  /** A change sent to the router. */
  wrote(next: URLSearchParams): void;
  current(): URLSearchParams;
}

export function latestSearch(initial: URLSearchParams): LatestSearch {
  let latest = initial;
  let seen = initial.toString();
  let pending: string[] = [];
  return {
    observe(params) {
      const search = params.toString();
      if (search === seen) return;
      seen = search;
      const echo = pending.indexOf(search);
      if (echo >= 0) pending = pending.slice(echo + 1);
      else {
        latest = params;
        pending = [];
      }
    },
    wrote(next) {
      latest = next;
      pending.push(next.toString());
    },
    current: () => latest,
  };
}
