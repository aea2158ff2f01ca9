import { Button } from '@mui/material';

export function ShowMoreButton({ hidden, step, onClick }: { hidden: number; step: number; onClick: () => void }) {
  if (hidden <= 0) return null;
  return (
    <Button size="small" onClick={onClick} sx={{ mt: 1 }}>
      {hidden <= step ? `Show the other ${hidden}` : `Show ${step} more (${hidden} not shown)`}
    </Button>
  );
}
