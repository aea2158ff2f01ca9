import { Box, Link, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { parseInline, type Block, type Inline } from './markdownBlocks';

/**
 * Blocks of a runbook entry (markdownBlocks.ts) as the console's own typography. Every
 * piece of text is a React text node; links leave the console only for http(s) URLs,
 * anything else (a relative doc path) is shown as its text.
 */
/** `entryLevel`: the markdown level of the entry's heading, shown as the dialog's h2; its sub-headings follow from h3. */
export function MarkdownView({ blocks, entryLevel }: { blocks: Block[]; entryLevel: number }) {
  return (
    <Box sx={{ minWidth: 0, overflowWrap: 'anywhere', '& > * + *': { mt: 1.5 } }}>
      {blocks.map((block, index) => (
        <MarkdownBlock key={index} block={block} entryLevel={entryLevel} />
      ))}
    </Box>
  );
}

function MarkdownBlock({ block, entryLevel }: { block: Block; entryLevel: number }) {
  switch (block.kind) {
    case 'heading': {
      const level = Math.min(6, Math.max(3, 2 + block.level - entryLevel)) as 3 | 4 | 5 | 6;
      return (
        <Typography component={`h${level}`} variant="subtitle1" fontWeight={600} sx={{ pt: 1 }}>
          <InlineText text={block.text} />
        </Typography>
      );
    }
    case 'paragraph':
      return (
        <Typography variant="body2" component="p">
          <InlineText text={block.text} />
        </Typography>
      );
    case 'quote':
      return (
        <Typography variant="body2" component="blockquote" sx={{ m: 0, pl: 2, borderLeft: 3, borderColor: 'divider', color: 'text.secondary' }}>
          <InlineText text={block.text} />
        </Typography>
      );
    case 'list':
      return (
        <Box component={block.ordered ? 'ol' : 'ul'} sx={{ my: 0, pl: 3, typography: 'body2' }}>
          {block.items.map((item, index) => (
            <li key={index}>
              <InlineText text={item} />
            </li>
          ))}
        </Box>
      );
    case 'code':
      return (
        <Box component="pre" sx={{ m: 0, p: 1.5, bgcolor: 'action.hover', borderRadius: 1, overflowX: 'auto', fontSize: '0.8125rem', overflowWrap: 'normal' }}>
          <code>{block.text}</code>
        </Box>
      );
    case 'table':
      return (
        <TableContainer sx={{ overflowX: 'auto', contain: 'inline-size' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                {block.header.map((cell, index) => (
                  <TableCell key={index} sx={{ fontWeight: 600 }}>
                    <InlineText text={cell} />
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {block.rows.map((row, rowIndex) => (
                <TableRow key={rowIndex}>
                  {block.header.map((_, index) => (
                    <TableCell key={index} sx={{ verticalAlign: 'top', minWidth: 120 }}>
                      <InlineText text={row[index] ?? ''} />
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      );
  }
}

function InlineText({ text }: { text: string }) {
  return <>{renderInline(parseInline(text))}</>;
}

function renderInline(parts: Inline[]): ReactNode[] {
  return parts.map((part, index) => {
    if (typeof part === 'string') return part;
    if (part.kind === 'code')
      return (
        <Box key={index} component="code" sx={{ px: 0.5, bgcolor: 'action.hover', borderRadius: 0.5, fontSize: '0.85em' }}>
          {part.text}
        </Box>
      );
    if (part.kind === 'strong') return <strong key={index}>{renderInline(part.children)}</strong>;
    if (part.kind === 'em') return <em key={index}>{renderInline(part.children)}</em>;
    if (part.kind !== 'link') return null;
    return /^https?:\/\//.test(part.href) ? (
      <Link key={index} href={part.href} target="_blank" rel="noreferrer">
        {renderInline(part.children)}
      </Link>
    ) : (
      <span key={index}>{renderInline(part.children)}</span>
    );
  });
}
