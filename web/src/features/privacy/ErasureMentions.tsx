import { Box, Link, Stack, Typography } from '@mui/material';
import type { TErasureMention, TErasureMentions } from '@opsdesk/shared';
import { Link as RouterLink } from 'react-router-dom';
import { formatDateTime } from '../../app/formatDateTime';

const HREFS: Record<NonNullable<TErasureMention['link']>['resource'], (id: string) => string> = {
  customers: (id) => `/customers/${encodeURIComponent(id)}/show`,
  approvals: (id) => `/approvals/${encodeURIComponent(id)}/show`,
  moderation: (id) => `/moderation/${encodeURIComponent(id)}/show`,
  'moderation-bulk': (id) => `/moderation-bulk/${encodeURIComponent(id)}`,
  privacy: (id) => `/privacy/${encodeURIComponent(id)}/show`,
};

/** The console page a mention's record opens at, or null. */
export function mentionHref(link: TErasureMention['link']): string | null {
  return link ? HREFS[link.resource](link.id) : null;
}

/** How many there are, in words: all of them, or the newest shown of how many. */
export function mentionsCountText(mentions: TErasureMentions): string {
  const { total, items } = mentions;
  const what = `${total.toLocaleString('en-US')} ${total === 1 ? 'mention' : 'mentions'}`;
  return items.length < total ? `${what}; the newest ${items.length} are listed.` : `${what}.`;
}

export const NO_MENTIONS = 'No mentions of this person’s email addresses in staff notes, reasons or comments elsewhere.';

/**
 * "Mentions elsewhere" of an erasure plan (docs/gdpr.md): free text on someone else's
 * record that quotes the person. Opsdesk leaves it alone, so the officer opens each record
 * and removes the person by hand before the erasure is approved. Entries stack at every
 * width; the excerpt wraps anywhere and its match is marked.
 */
export function ErasureMentions({ mentions }: { mentions: TErasureMentions | undefined }) {
  return (
    <Box component="section" aria-label="Mentions elsewhere" sx={{ minWidth: 0 }}>
      <Typography variant="subtitle1" component="h3">
        Mentions elsewhere
      </Typography>
      {!mentions ? (
        <Typography variant="body2" color="text.secondary">
          This stored plan has no list of mentions elsewhere (it was made before the list existed, or when the erasure started).
        </Typography>
      ) : mentions.total === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {NO_MENTIONS}
        </Typography>
      ) : (
        <Stack spacing={1}>
          <Typography variant="body2">
            {mentionsCountText(mentions)} Opsdesk does not change these: remove the person’s details from them by hand before approving.
          </Typography>
          <Stack component="ul" spacing={1.5} sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Mentions">
            {mentions.items.map((mention) => (
              <MentionEntry key={`${mention.table}:${mention.recordId}:${mention.column}`} mention={mention} />
            ))}
          </Stack>
        </Stack>
      )}
    </Box>
  );
}

function MentionEntry({ mention }: { mention: TErasureMention }) {
  const href = mentionHref(mention.link);
  const { before, match, after } = mention.excerpt;
  return (
    <Box component="li" sx={{ minWidth: 0, borderLeft: 3, borderColor: 'divider', pl: 1.5 }}>
      <Typography variant="body2" sx={{ overflowWrap: 'anywhere', fontWeight: 500 }}>
        {href ? (
          <Link component={RouterLink} to={href}>
            {mention.kind}
          </Link>
        ) : (
          mention.kind
        )}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div">
        {formatDateTime(mention.writtenAt)} · {mention.matched === 'name' ? 'their name' : 'an email address'} · {mention.table}.{mention.column}
      </Typography>
      <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
        {before}
        {match && (
          <Box component="mark" sx={{ bgcolor: 'warning.light', color: 'inherit', fontWeight: 600, px: 0.25 }}>
            {match}
          </Box>
        )}
        {after}
      </Typography>
    </Box>
  );
}
