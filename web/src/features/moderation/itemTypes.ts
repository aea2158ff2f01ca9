import type { useModerationItem } from './useModeration';

/** The item page's data as the server answers it (moderation.item). */
export type ModerationItemData = NonNullable<ReturnType<typeof useModerationItem>['data']>;
