import { ZAddNoteRequestSchema, type TStaffNote } from '@opsdesk/shared';
import PushPinIcon from '@mui/icons-material/PushPin';
import PushPinOutlinedIcon from '@mui/icons-material/PushPinOutlined';
import { Alert, Button, IconButton, Stack, Typography } from '@mui/material';
import { LimitedTextField } from '../../app/LimitedTextField';
import { checkText } from '../../app/textCheck';
import { errorMessage } from '../../app/trpcErrors';
import { useHasPermission } from '../../app/useHasPermission';
import { formatDateTime } from '../../app/formatDateTime';
import { Empty, Section } from './Section';
import { ShowMoreButton } from './ShowMoreButton';
import { useCustomerNotes } from './useCustomerNotes';
import type { TNoteDrafts } from './useNoteDrafts';
import { useRevealed } from './useRevealed';

/** A note checked as it is typed against the server's own rule (adding and editing share it). */
const checkNote = (body: string) => checkText(body, ZAddNoteRequestSchema.shape.body);

/**
 * Staff notes: pinned first, then newest. Whoever holds `customers.notes` may add or pin;
 * only the author edits. Others (on-call) read them without a box the server would refuse.
 * What is being typed lives in `drafts`, held by the page (see useNoteDrafts).
 */
export function CustomerNotes({ userId, notes, drafts }: { userId: string; notes: TStaffNote[]; drafts: TNoteDrafts }) {
  const actions = useCustomerNotes();
  const mayWrite = useHasPermission()('customers.notes');
  const { draft, setDraft } = drafts;
  const draftCheck = checkNote(draft);
  const ordered = [...notes].sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.createdAt.localeCompare(a.createdAt));
  const { visible, hidden, showMore, step } = useRevealed(ordered, 5, 20);
  return (
    <Section title="Staff notes">
      {mayWrite && (
        <Stack
          component="form"
          spacing={1}
          mb={2}
          onSubmit={(event) => {
            event.preventDefault();
            if (!draftCheck.error) actions.add.mutate({ userId, body: draft.trim() }, { onSuccess: () => setDraft('') });
          }}
        >
          <LimitedTextField label="New note" value={draft} onChange={(event) => setDraft(event.target.value)} multiline minRows={2} check={draftCheck} showError={draft !== ''} />
          {actions.add.error && <Alert severity="error">{errorMessage(actions.add.error)}</Alert>}
          <Button type="submit" variant="outlined" disabled={draftCheck.error !== null || actions.add.isPending} sx={{ alignSelf: 'flex-start' }}>
            Add note
          </Button>
        </Stack>
      )}
      {notes.length === 0 && <Empty>No note yet.</Empty>}
      <Stack spacing={1.5} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Notes">
        {visible.map((note) => (
          <NoteItem key={note.id} note={note} actions={mayWrite ? actions : null} editing={drafts.editOf(note.id)} setEditing={(body) => drafts.setEdit(note.id, body)} />
        ))}
      </Stack>
      <ShowMoreButton hidden={hidden} step={step} onClick={showMore} />
    </Section>
  );
}

/** `actions` is null for readers who may not write notes: no pin or edit controls. */
function NoteItem({
  note,
  actions,
  editing,
  setEditing,
}: {
  note: TStaffNote;
  actions: ReturnType<typeof useCustomerNotes> | null;
  /** The text in the note's edit box, or null when it is not being edited. */
  editing: string | null;
  setEditing: (body: string | null) => void;
}) {
  const editingCheck = checkNote(editing ?? '');
  return (
    <Stack component="li" spacing={0.5} sx={{ borderLeft: 3, borderColor: note.pinned ? 'warning.main' : 'divider', pl: 1.5 }}>
      <Stack direction="row" alignItems="center" spacing={1}>
        <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
          {note.author.email} · {formatDateTime(note.createdAt)}
          {note.updatedAt !== note.createdAt ? ' · edited' : ''}
        </Typography>
        {actions && (
          <IconButton size="small" aria-label={note.pinned ? 'Unpin note' : 'Pin note'} onClick={() => actions.pin.mutate({ id: note.id, pinned: !note.pinned })} disabled={actions.pin.isPending}>
            {note.pinned ? <PushPinIcon fontSize="small" /> : <PushPinOutlinedIcon fontSize="small" />}
          </IconButton>
        )}
        {actions && note.mine && editing === null && (
          <Button size="small" onClick={() => setEditing(note.body)}>
            Edit
          </Button>
        )}
      </Stack>
      {editing === null || !actions ? (
        <Typography sx={{ whiteSpace: 'pre-wrap' }}>{note.body}</Typography>
      ) : (
        <Stack spacing={1}>
          <LimitedTextField label="Note" value={editing} onChange={(event) => setEditing(event.target.value)} multiline minRows={2} autoFocus check={editingCheck} showError />
          {actions.edit.error && <Alert severity="error">{errorMessage(actions.edit.error)}</Alert>}
          <Stack direction="row" spacing={1}>
            <Button size="small" variant="contained" disabled={editingCheck.error !== null || actions.edit.isPending} onClick={() => actions.edit.mutate({ id: note.id, body: editing.trim() }, { onSuccess: () => setEditing(null) })}>
              Save
            </Button>
            <Button size="small" onClick={() => setEditing(null)}>
              Cancel
            </Button>
          </Stack>
        </Stack>
      )}
    </Stack>
  );
}
