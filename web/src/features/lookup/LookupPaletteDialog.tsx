import type { TCustomerSearchResult } from '@opsdesk/shared';
import SearchIcon from '@mui/icons-material/Search';
import { Alert, Dialog, InputAdornment, LinearProgress, List, ListItemButton, TextField, Typography } from '@mui/material';
import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../app/trpcErrors';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { CustomerSearchResult } from './CustomerSearchResult';
import { useCustomerSearch } from './useCustomerSearch';

/**
 * The Ctrl/Cmd-K palette: type anything support was given (email, misspelt email,
 * name, workspace, domain, `cus_…`/`ch_…` ids, invoice numbers, card last 4). Arrow keys move, Enter
 * opens, Esc closes. An exact id opens the customer straight away.
 */
export function LookupPaletteDialog({ open, initialText, onClose }: { open: boolean; initialText: string; onClose: () => void }) {
  const [text, setText] = useState(initialText);
  const [active, setActive] = useState(0);
  const search = useCustomerSearch(text);
  const navigate = useNavigate();
  // On a phone the palette takes the whole screen, like a search page.
  const phone = usePhoneLayout();
  const listId = useId();
  const results = search.response?.results ?? [];

  useEffect(() => {
    if (open) setText(initialText);
  }, [open, initialText]);
  useEffect(() => setActive(0), [search.q]);

  // Closing forgets the text: else the next Ctrl-K would reopen on the last exact id's
  // answer and jump (and close) again at once, looking like a key that does nothing.
  const close = () => {
    setText('');
    onClose();
  };
  const openCustomer = (userId: string) => {
    close();
    navigate(`/customers/${encodeURIComponent(userId)}/show`);
  };

  const exact = search.settled ? search.response?.exact : null;
  useEffect(() => {
    if (open && exact) openCustomer(exact.userId);
    // openCustomer is recreated every render; the jump depends on the answer only.
  }, [open, exact?.userId]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (results.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + results.length) % results.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = exact?.userId ?? results[active]?.userId;
      if (chosen) openCustomer(chosen);
    }
  };

  return (
    <Dialog open={open} onClose={close} fullWidth fullScreen={phone} maxWidth="md" slotProps={{ paper: { 'aria-label': 'Find a customer' } as object }} sx={{ '& .MuiDialog-container': { alignItems: 'flex-start' } }}>
      <TextField
        autoFocus
        fullWidth
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        placeholder="Email, name, workspace, domain, cus_/sub_/in_/ch_/pi_/re_ id, invoice number, card last 4…"
        slotProps={{
          htmlInput: {
            role: 'combobox',
            'aria-label': 'Find a customer',
            'aria-expanded': results.length > 0,
            'aria-controls': listId,
            'aria-activedescendant': results[active] ? `${listId}-${active}` : undefined,
            autoComplete: 'off',
          },
          input: { startAdornment: <InputAdornment position="start"><SearchIcon /></InputAdornment> },
        }}
        sx={{ p: 1 }}
      />
      {search.searching ? <LinearProgress aria-label="Searching" /> : <LinearProgress variant="determinate" value={0} sx={{ visibility: 'hidden' }} />}
      <PaletteBody text={text} search={search} results={results} active={active} listId={listId} onChoose={openCustomer} onHover={setActive} />
    </Dialog>
  );
}

function PaletteBody(props: {
  text: string;
  search: ReturnType<typeof useCustomerSearch>;
  results: TCustomerSearchResult[];
  active: number;
  listId: string;
  onChoose: (userId: string) => void;
  onHover: (index: number) => void;
}) {
  const { search, results } = props;
  if (search.error) return <Alert severity="error">{errorMessage(search.error)}</Alert>;
  if (search.tooShort) return <Hint>Type at least two characters. Enter opens the highlighted customer; Esc closes.</Hint>;
  if (search.settled && results.length === 0) return <Hint>No customer matches “{props.text.trim()}”.</Hint>;
  if (results.length === 0) return <Hint>Searching…</Hint>;
  return (
    <List id={props.listId} role="listbox" aria-label="Customers found" dense sx={{ maxHeight: '60vh', overflow: 'auto' }}>
      {results.map((result, index) => (
        <ListItemButton
          key={result.userId}
          id={`${props.listId}-${index}`}
          role="option"
          aria-selected={index === props.active}
          selected={index === props.active}
          onMouseEnter={() => props.onHover(index)}
          onClick={() => props.onChoose(result.userId)}
        >
          <CustomerSearchResult result={result} />
        </ListItemButton>
      ))}
    </List>
  );
}

function Hint({ children }: { children: ReactNode }) {
  return (
    <Typography color="text.secondary" sx={{ px: 3, py: 2 }} role="status">
      {children}
    </Typography>
  );
}
