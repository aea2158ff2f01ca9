import { parseBlocks, plainText, type Block } from './markdownBlocks';

/**
 * The entries of docs/runbook.md, each found by the anchor a runbook action names
 * (`runbookEntry`, e.g. `connection-pool-exhaustion`): the anchor GitHub gives the
 * entry's heading, so the same name links the doc on GitHub and the entry in the console.
 */
export interface RunbookEntry {
  anchor: string;
  title: string;
  /** The heading's level (`###` is 3): its sub-headings are deeper. */
  level: number;
  /** The entry's content: every block under its heading up to the next heading of the same or a higher level. */
  blocks: Block[];
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens; a repeat gets -1, -2, … */
export function headingAnchor(heading: string): string {
  return plainText(heading)
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

export function runbookEntries(markdown: string): RunbookEntry[] {
  const blocks = parseBlocks(markdown);
  const seen = new Map<string, number>();
  const entries: RunbookEntry[] = [];
  blocks.forEach((block, index) => {
    if (block.kind !== 'heading') return;
    const base = headingAnchor(block.text);
    const repeat = seen.get(base) ?? 0;
    seen.set(base, repeat + 1);
    const end = blocks.findIndex((next, at) => at > index && next.kind === 'heading' && next.level <= block.level);
    entries.push({ anchor: repeat ? `${base}-${repeat}` : base, title: plainText(block.text), level: block.level, blocks: blocks.slice(index + 1, end < 0 ? undefined : end) });
  });
  return entries;
}

export function findRunbookEntry(markdown: string, anchor: string): RunbookEntry | undefined {
  return runbookEntries(markdown).find((entry) => entry.anchor === anchor.replace(/^#/, ''));
}
