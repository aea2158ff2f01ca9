import { Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import type { ModerationItemData } from './itemTypes';
import { ItemReports } from './ItemReports';
import { formatDateTime } from './moderationText';
import { storedWordsLabel } from '../../app/productWords';

/** The reported content as the product stores it, and every report on it in the reporters' words. */
export function ItemContentCard({ item }: { item: ModerationItemData }) {
  const { content, reports } = item;
  return (
    <Card variant="outlined" component="section" aria-label="Reported content">
      <CardContent>
        <Stack direction="row" flexWrap="wrap" useFlexGap gap={1} alignItems="center" mb={1}>
          <Typography variant="h6" component="h2" sx={{ overflowWrap: 'anywhere' }}>
            {content?.title || 'Untitled content'}
          </Typography>
          {content && <Chip size="small" label={`${storedWordsLabel(content.kind)} · ${storedWordsLabel(content.status)}`} color={content.status === 'visible' ? 'default' : 'warning'} />}
        </Stack>
        {content ? (
          <>
            <Typography sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{content.body}</Typography>
            <Typography variant="body2" color="text.secondary" mt={1}>
              Posted {formatDateTime(content.createdAt)} · content id {content.id}
            </Typography>
          </>
        ) : (
          <Typography color="text.secondary">The content no longer exists in the product.</Typography>
        )}
        <ItemReports reports={reports} />
      </CardContent>
    </Card>
  );
}
