import { useState } from 'react';

interface TDrafts {
  userId: string;
  /** The "New note" box. */
  draft: string;
  /** Notes being edited, by id: the text in their box. */
  edits: Readonly<Record<string, string>>;
}

const empty = (userId: string): TDrafts => ({ userId, draft: '', edits: {} });

/**
 * What staff are typing into the notes card, held by the customer page rather than the
 * card: the card moves between the columns when the window crosses 1536 px (a window
 * snapped to half a screen), which mounts it afresh, and a half-written note must not go
 * with it. Tied to the customer: the page stays mounted when the address changes to
 * another customer, and a note written about one must never be offered on the next.
 */
export function useNoteDrafts(userId: string) {
  const [state, setState] = useState<TDrafts>(() => empty(userId));
  const current = state.userId === userId ? state : empty(userId);
  const update = (change: (drafts: TDrafts) => TDrafts) => setState((previous) => change(previous.userId === userId ? previous : empty(userId)));
  return {
    draft: current.draft,
    setDraft: (draft: string) => update((drafts) => ({ ...drafts, draft })),
    /** The text being edited for this note, or null when it is not being edited. */
    editOf: (noteId: string): string | null => current.edits[noteId] ?? null,
    setEdit: (noteId: string, body: string | null) =>
      update((drafts) => {
        const { [noteId]: _left, ...others } = drafts.edits;
        return { ...drafts, edits: body === null ? others : { ...others, [noteId]: body } };
      }),
  };
}

export type TNoteDrafts = ReturnType<typeof useNoteDrafts>;
