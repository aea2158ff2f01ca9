import type { DialogProps } from '@mui/material';
import { usePhoneLayout } from './usePhoneLayout';

/**
 * Dialog props every console dialog shares: full width up to its maxWidth, the whole
 * screen on a phone. A dialog whose content is wrapped in a <form> keeps MUI's layout
 * (title and buttons fixed, only the content scrolls) because the form is made the
 * paper's flex column; otherwise a tall dialog pushes Cancel / Confirm below the fold.
 */
export function useDialogLayout(): Pick<DialogProps, 'fullWidth' | 'fullScreen' | 'sx'> {
  const phone = usePhoneLayout();
  return {
    fullWidth: true,
    fullScreen: phone,
    sx: { '& .MuiDialog-paper > form': { display: 'flex', flexDirection: 'column', flex: '1 1 auto', minHeight: 0 } },
  };
}
