import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBlocks, parseInline, tableCells } from './markdownBlocks';
import { findRunbookEntry, headingAnchor, runbookEntries } from './runbookEntries';

const DOC = [
  '# Runbook',
  '',
  'Intro.',
  '',
  '## Runbook actions',
  '',
  '### Site is down',
  '',
  '**Symptom.** Pages do not load;',
  '`/readyz` answers 503.',
  '',
  '- first item',
  '  wrapped on',
  '- second',
  '',
  '| check | verdict |',
  '|---|---|',
  '| `a|b` | ok \\| fine |',
  '',
  '```',
  'npm run x',
  '```',
  '',
  '### Backups: take one, verify the latest restores',
  '',
  'Backup text.',
  '',
  '#### A sub-heading',
  '',
  'Still the backups entry.',
  '',
  '## Jobs',
  '',
  'Jobs text.',
  '',
  '### Site is down',
  '',
  'A repeated heading.',
].join('\n');

describe('runbook entries of docs/runbook.md', () => {
  it('anchors headings as GitHub does: lower case, punctuation and markup dropped, repeats numbered', () => {
    expect(headingAnchor('Backups: take one, verify the latest restores')).toBe('backups-take-one-verify-the-latest-restores');
    expect(headingAnchor('429 spike')).toBe('429-spike');
    expect(headingAnchor('Throughput and queue latency (`npm run bench:jobs`)')).toBe('throughput-and-queue-latency-npm-run-benchjobs');
    expect(runbookEntries(DOC).map((entry) => entry.anchor)).toEqual(['runbook', 'runbook-actions', 'site-is-down', 'backups-take-one-verify-the-latest-restores', 'a-sub-heading', 'jobs', 'site-is-down-1']);
  });

  it('takes an entry’s section: everything under its heading up to the next heading of the same or a higher level', () => {
    const down = findRunbookEntry(DOC, 'site-is-down')!;
    expect(down.title).toBe('Site is down');
    expect(down.blocks.map((block) => block.kind)).toEqual(['paragraph', 'list', 'table', 'code']);
    const backups = findRunbookEntry(DOC, '#backups-take-one-verify-the-latest-restores')!;
    expect(backups.blocks).toEqual([
      { kind: 'paragraph', text: 'Backup text.' },
      { kind: 'heading', level: 4, text: 'A sub-heading' },
      { kind: 'paragraph', text: 'Still the backups entry.' },
    ]);
    // A level-2 entry holds its level-3 sub-entries.
    expect(findRunbookEntry(DOC, 'jobs')!.blocks.map((block) => block.kind)).toEqual(['paragraph', 'heading', 'paragraph']);
    expect(findRunbookEntry(DOC, 'site-is-down-1')!.blocks).toEqual([{ kind: 'paragraph', text: 'A repeated heading.' }]);
    expect(findRunbookEntry(DOC, 'no-such-entry')).toBeUndefined();
  });

  it('reads paragraphs, lists, tables and code blocks', () => {
    const [paragraph, list, table, code] = findRunbookEntry(DOC, 'site-is-down')!.blocks;
    expect(paragraph).toEqual({ kind: 'paragraph', text: '**Symptom.** Pages do not load; `/readyz` answers 503.' });
    expect(list).toEqual({ kind: 'list', ordered: false, items: ['first item wrapped on', 'second'] });
    expect(table).toEqual({ kind: 'table', header: ['check', 'verdict'], rows: [['`a|b`', 'ok | fine']] });
    expect(code).toEqual({ kind: 'code', text: 'npm run x' });
    expect(parseBlocks('1. one\n2. two\n\n> quoted\n> on')).toEqual([
      { kind: 'list', ordered: true, items: ['one', 'two'] },
      { kind: 'quote', text: 'quoted on' },
    ]);
    expect(tableCells('| a | `x | y` | c |')).toEqual(['a', '`x | y`', 'c']);
  });

  it('reads inline code, bold, italic and links as data, never as HTML', () => {
    expect(parseInline('**Run** the *health check* (`health.check`), see [the doc](https://example.com/x).')).toEqual([
      { kind: 'strong', children: ['Run'] },
      ' the ',
      { kind: 'em', children: ['health check'] },
      ' (',
      { kind: 'code', text: 'health.check' },
      '), see ',
      { kind: 'link', href: 'https://example.com/x', children: ['the doc'] },
      '.',
    ]);
    expect(parseInline('<img src=x onerror=alert(1)> 2 * 3 * 4')).toEqual(['<img src=x onerror=alert(1)> 2 * 3 * 4']);
  });

  it('finds the entry of every runbook action in the real docs/runbook.md, with its symptom and rollback', () => {
    const doc = readFileSync(new URL('../../../../../docs/runbook.md', import.meta.url), 'utf8');
    // The anchors the server's actions name (server/src/features/runbooks/actions/*: runbookEntry).
    for (const anchor of ['site-is-down', 'site-is-slow', 'stripe-webhook-backlog', 'connection-pool-exhaustion', '429-spike', 'cache-flush', 'backups-take-one-verify-the-latest-restores', 'kill-switch', 'jobs']) {
      const entry = findRunbookEntry(doc, anchor);
      expect(entry, anchor).toBeDefined();
      expect(entry!.blocks.length, anchor).toBeGreaterThan(0);
    }
    const pool = findRunbookEntry(doc, 'connection-pool-exhaustion')!;
    expect(pool.title).toBe('Connection-pool exhaustion');
    expect(pool.blocks.some((block) => block.kind === 'paragraph' && block.text.startsWith('**Symptom.**'))).toBe(true);
    expect(pool.blocks.some((block) => block.kind === 'table' && block.rows.some((row) => row[0]?.includes('connections.terminate')))).toBe(true);
    expect(pool.blocks.some((block) => block.kind === 'paragraph' && block.text.startsWith('**Rollback.**'))).toBe(true);
  });
});
