import runbookMarkdown from '../../../../../docs/runbook.md?raw';
import { runbookEntries, type RunbookEntry } from './runbookEntries';

/**
 * docs/runbook.md, bundled as text at build time (Vite `?raw`), so the console shows the
 * very entry the repository holds, without a request and without drifting from it.
 * Parsed once, on first use.
 */
let entries: Map<string, RunbookEntry> | undefined;

export function runbookEntry(anchor: string): RunbookEntry | undefined {
  entries ??= new Map(runbookEntries(runbookMarkdown).map((entry) => [entry.anchor, entry]));
  return entries.get(anchor);
}
