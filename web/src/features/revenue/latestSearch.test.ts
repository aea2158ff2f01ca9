import { describe, expect, it } from 'vitest';
import { latestSearch } from './latestSearch';

const params = (search: string) => new URLSearchParams(search);

describe('the search params a change is built on', () => {
  it('keeps a change sent but not yet in the location when a render in between still has the old params', () => {
    const tracker = latestSearch(params('from=2026-01-01&to=2026-12-02'));
    tracker.wrote(params('from=2025-01-01&to=2026-12-02'));
    tracker.observe(params('from=2026-01-01&to=2026-12-02')); // a render before the router caught up
    expect(tracker.current().get('from')).toBe('2025-01-01');
  });

  it('does not go back to an older change when its echo arrives after a newer one was sent', () => {
    const tracker = latestSearch(params('from=2026-01-01&to=2026-12-02'));
    tracker.wrote(params('from=2025-01-01&to=2026-12-02'));
    tracker.wrote(params('from=2025-01-01&to=2025-12-31'));
    tracker.observe(params('from=2025-01-01&to=2026-12-02')); // the first change reaches the location
    expect(tracker.current().toString()).toBe('from=2025-01-01&to=2025-12-31');
    tracker.observe(params('from=2025-01-01&to=2025-12-31')); // then the second
    expect(tracker.current().toString()).toBe('from=2025-01-01&to=2025-12-31');
  });

  it('follows a navigation from outside: Back, or a shared link', () => {
    const tracker = latestSearch(params('from=2025-01-01&to=2025-12-31'));
    tracker.wrote(params('from=2025-01-01&to=2025-12-31&policy=profitwell'));
    tracker.observe(params('from=2025-01-01&to=2025-12-31&policy=profitwell'));
    tracker.observe(params('from=2025-01-01&to=2025-12-31')); // Back
    expect(tracker.current().toString()).toBe('from=2025-01-01&to=2025-12-31');
    tracker.observe(params('policy=chartmogul')); // a link
    expect(tracker.current().toString()).toBe('policy=chartmogul');
  });
});
