import { Button } from '@mui/material';

export function ShowMoreButton({ hidden, step, onClick }: { hidden: number; step: number; onClick: () => void }) {
  if (hidden <= 0) return null;
  return (
    <Button size="small" onClick={onClick} sx={{ mt: 1 }}>
      Show {Math.min(hidden, step)} more (of {hidden} not shown)
    </Button>
  );
}
