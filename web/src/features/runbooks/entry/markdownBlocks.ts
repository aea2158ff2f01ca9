/**
 * A small, safe reader of the markdown docs/runbook.md is written in: headings,
 * paragraphs, lists, tables, code blocks and quotes; inline code, bold, italic and
 * links. It returns plain data that MarkdownView renders as React elements: text is
 * never interpreted as HTML, so nothing in a doc can inject markup or script.
 */
export type Inline = string | { kind: 'code'; text: string } | { kind: 'strong' | 'em'; children: Inline[] } | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'code'; text: string }
  | { kind: 'quote'; text: string };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;
const LIST_ITEM = /^\s{0,3}([-*+]|\d+[.)])\s+(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const isTableRow = (line: string) => line.trim().startsWith('|');

/** A table row's cells: split on `|`, except escaped (`\|`) or inside inline code. */
export function tableCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let inCode = false;
  const text = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\' && text[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (char === '`') {
      inCode = !inCode;
      cell += char;
    } else if (char === '|' && !inCode) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell.trim());
  return cells;
}

export function parseBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
    } else if (FENCE.test(line)) {
      const code: string[] = [];
      for (i++; i < lines.length && !FENCE.test(lines[i]!); i++) code.push(lines[i]!);
      blocks.push({ kind: 'code', text: code.join('\n') });
      i++;
    } else if (HEADING.test(line)) {
      const [, hashes, text] = HEADING.exec(line)!;
      blocks.push({ kind: 'heading', level: hashes!.length, text: text! });
      i++;
    } else if (isTableRow(line) && TABLE_SEPARATOR.test(lines[i + 1] ?? '')) {
      const header = tableCells(line);
      const rows: string[][] = [];
      for (i += 2; i < lines.length && isTableRow(lines[i]!); i++) rows.push(tableCells(lines[i]!));
      blocks.push({ kind: 'table', header, rows });
    } else if (LIST_ITEM.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: string[] = [];
      while (i < lines.length) {
        const current = lines[i]!;
        const item = LIST_ITEM.exec(current);
        if (item) items.push(item[2]!);
        // A continuation: an indented line, or a wrapped line directly under an item.
        else if (current.trim() !== '' && (/^\s+/.test(current) || !startsBlock(current, lines[i + 1]))) items[items.length - 1] += ` ${current.trim()}`;
        else if (current.trim() === '' && LIST_ITEM.test(lines[i + 1] ?? '')) {
          // A blank line between two items keeps one list.
        } else break;
        i++;
      }
      blocks.push({ kind: 'list', ordered, items });
    } else if (line.trimStart().startsWith('>')) {
      const quote: string[] = [];
      for (; i < lines.length && lines[i]!.trimStart().startsWith('>'); i++) quote.push(lines[i]!.trimStart().replace(/^>\s?/, ''));
      blocks.push({ kind: 'quote', text: quote.join(' ') });
    } else {
      const paragraph: string[] = [];
      for (; i < lines.length && lines[i]!.trim() !== '' && (paragraph.length === 0 || !startsBlock(lines[i]!, lines[i + 1])); i++) paragraph.push(lines[i]!.trim());
      blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    }
  }
  return blocks;
}

function startsBlock(line: string, next: string | undefined): boolean {
  return HEADING.test(line) || FENCE.test(line) || LIST_ITEM.test(line) || line.trimStart().startsWith('>') || (isTableRow(line) && TABLE_SEPARATOR.test(next ?? ''));
}

const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s](?:[^*]*?[^*\s])?)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function parseInline(text: string): Inline[] {
  const parts: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    const [, code, strong, em, linkText, href] = match;
    if (code !== undefined) parts.push({ kind: 'code', text: code });
    else if (strong !== undefined) parts.push({ kind: 'strong', children: parseInline(strong) });
    else if (em !== undefined) parts.push({ kind: 'em', children: parseInline(em) });
    else parts.push({ kind: 'link', href: href!, children: parseInline(linkText!) });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** The text a reader sees: markup dropped (for titles and anchors). */
export function plainText(text: string): string {
  const flatten = (parts: Inline[]): string => parts.map((part) => (typeof part === 'string' ? part : part.kind === 'code' ? part.text : flatten(part.children))).join('');
  return flatten(parseInline(text));
}
