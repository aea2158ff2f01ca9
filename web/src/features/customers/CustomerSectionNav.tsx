import { Button, Stack } from '@mui/material';
import type { TCustomerRecord } from './customersDataHandler';
import { hasNoBilling } from './CustomerBilling';

/** A link's words, and the section (its `aria-label`, as Section gives it) it goes to. */
interface SectionLink {
  label: string;
  section: string;
}

/** The sections people come for, in the page's order; billing as one card or its three main ones. */
export function sectionLinks(customer: TCustomerRecord): SectionLink[] {
  const billing = hasNoBilling(customer)
    ? [{ label: 'Billing', section: 'Billing' }]
    : [
        { label: 'Subscriptions', section: 'Subscriptions' },
        { label: 'Payments', section: 'Payments' },
        { label: 'Invoices', section: 'Invoices' },
      ];
  return [{ label: 'Notes', section: 'Staff notes' }, ...billing, { label: 'Usage', section: 'Usage' }, { label: 'Timeline', section: 'Timeline' }];
}

/**
 * "Jump to" buttons for the page in one column (below 1536 px): there the timeline comes
 * after every billing card — eight screens down on a phone. Buttons, not `#anchors`: the
 * console's router owns the address's hash. The section gets the focus too, so a keyboard
 * or screen-reader user goes on reading from there.
 */
export function CustomerSectionNav({ customer }: { customer: TCustomerRecord }) {
  const go = (section: string) => {
    const target = document.querySelector<HTMLElement>(`main section[aria-label="${CSS.escape(section)}"]`);
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  };
  return (
    <Stack component="nav" aria-label="Sections of this page" direction="row" flexWrap="wrap" useFlexGap gap={0.5}>
      {sectionLinks(customer).map((link) => (
        <Button key={link.section} size="small" variant="text" onClick={() => go(link.section)}>
          {link.label}
        </Button>
      ))}
    </Stack>
  );
}
