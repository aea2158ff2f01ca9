import { useHasPermission } from '../../../app/useHasPermission';
import type { ActionName } from './customerActions';

/**
 * Which actions this staff member may take, read from the shared permission table the
 * server enforces (`customers.<action>`): an action they may not take has no button at
 * all. Undoing an action needs the permission of the action it undoes. An action with
 * no row in the table is denied (hasPermission fails closed).
 */
const UNDOES: Partial<Record<ActionName, ActionName>> = { unban: 'ban', undoCancel: 'cancel', resumeCollection: 'pauseCollection' };

export function actionPermission(action: ActionName): string {
  return `customers.${UNDOES[action] ?? action}`;
}

export function useActionPermissions(): (action: ActionName) => boolean {
  const may = useHasPermission();
  return (action) => may(actionPermission(action));
}
