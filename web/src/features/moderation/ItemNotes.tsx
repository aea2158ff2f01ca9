import { Alert, Button, Card, CardContent, List, ListItem, ListItemText, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useCanAccess } from 'react-admin';
import { errorMessage } from '../../app/trpcErrors';
import type { ModerationItemData } from './itemTypes';
import { formatDateTime } from './moderationText';
import { useAddNote } from './useModeration';

/** Internal notes on the subject (staff only, never sent to the author), and a field to add one. */
export function ItemNotes({ entryId, notes }: { entryId: string; notes: ModerationItemData['notes'] }) {
  const { canAccess: canWrite } = useCanAccess({ resource: 'moderation', action: 'decide' });
  const addNote = useAddNote(entryId);
  const [body, setBody] = useState('');
  return (
    <Card variant="outlined" component="section" aria-label="Internal notes">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          Internal notes
        </Typography>
        {notes.length === 0 && <Typography color="text.secondary">No notes yet.</Typography>}
        <List dense disablePadding>
          {notes.map((note) => (
            <ListItem key={note.id} disableGutters>
              <ListItemText primary={note.body} secondary={`${note.authorLabel} · ${formatDateTime(note.createdAt)}`} primaryTypographyProps={{ sx: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } }} />
            </ListItem>
          ))}
        </List>
        {canWrite && (
          <Stack spacing={1} mt={1}>
            <TextField label="Add a note" value={body} onChange={(event) => setBody(event.target.value)} multiline minRows={2} inputProps={{ maxLength: 4000 }} />
            {addNote.error && <Alert severity="error">{errorMessage(addNote.error)}</Alert>}
            <Button variant="outlined" size="small" disabled={body.trim() === '' || addNote.isPending} onClick={() => addNote.mutate(body.trim(), { onSuccess: () => setBody('') })} sx={{ alignSelf: 'flex-start' }}>
              Add note
            </Button>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
