import { formatMoney, USER_STATUSES } from '@opsdesk/shared';
import { Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
  Datagrid,
  DateInput,
  FilterButton,
  FunctionField,
  List,
  NullableBooleanInput,
  NumberInput,
  SelectInput,
  SimpleList,
  TextField,
  TextInput,
  TopToolbar,
} from 'react-admin';
import { PageHeading } from '../../app/PageHeading';
import { RecordLink } from '../../app/RecordLink';
import { trpc } from '../../app/trpcClient';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { DateTimeField } from '../../app/DateTimeField';
import { accountStatusLabel, planLabel } from '../../app/productWords';
import { CustomerExportButton } from './CustomerExportButton';
import { CustomerListPagination } from './CustomerListPagination';
import { CustomerSortMenu } from './CustomerSortMenu';
import { CustomerStatusChip } from './CustomerStatusChip';
import type { TCustomerRow } from './customersDataHandler';
import { SavedFiltersMenu } from './SavedFiltersMenu';

const STATUS_CHOICES = USER_STATUSES.map((status) => ({ id: status, name: accountStatusLabel(status) }));
const PLAN_CHOICES = ['free', 'pro', 'team', 'enterprise'].map((plan) => ({ id: plan, name: planLabel(plan) }));

/** MRR bounds are in whole units of the currency the list counts MRR in (the revenue dashboards' reporting currency). */
function customerFilters(mrrCurrency: string | undefined) {
  const unit = mrrCurrency ? ` (${mrrCurrency.toUpperCase()})` : '';
  return [
    <SelectInput key="status" source="status" label="Status" choices={STATUS_CHOICES} alwaysOn />,
    <SelectInput key="plan" source="plan" label="Plan" choices={PLAN_CHOICES} alwaysOn />,
    <TextInput key="country" source="country" label="Country (2 letters)" />,
    <DateInput key="signupFrom" source="signupFrom" label="Signed up from" />,
    <DateInput key="signupTo" source="signupTo" label="Signed up until" />,
    <NullableBooleanInput key="hasFailedPayment" source="hasFailedPayment" label="Has a failed payment" />,
    <NumberInput key="mrrMin" source="mrrMin" label={`MRR from${unit}`} min={0} />,
    <NumberInput key="mrrMax" source="mrrMax" label={`MRR up to${unit}`} min={0} />,
  ];
}

/** Four buttons: on a phone they wrap onto a second line instead of widening the page. */
function CustomerListActions() {
  return (
    <TopToolbar sx={{ flexWrap: 'wrap', minWidth: 0 }}>
      <SavedFiltersMenu />
      <CustomerSortMenu />
      <FilterButton />
      <CustomerExportButton />
    </TopToolbar>
  );
}

/** A paying customer's MRR as money; "—" for none (a free or lapsed customer, or the currency not known yet). */
function mrrText(mrr: number, currency: string | undefined): string {
  return mrr > 0 && currency ? formatMoney(mrr, currency) : '—';
}

/** On a phone, one customer per line (email, then name, plan, MRR and country) instead of a wide table. */
function CustomerSimpleList({ mrrCurrency }: { mrrCurrency: string | undefined }) {
  return (
    <SimpleList<TCustomerRow>
      rowClick="show"
      primaryText={(row) => row.email}
      secondaryText={(row) => [row.name, planLabel(row.plan), row.mrr > 0 ? mrrText(row.mrr, mrrCurrency) : null, row.country].filter(Boolean).join(' · ')}
      tertiaryText={(row) => <CustomerStatusChip status={row.status} />}
      empty={<Typography p={2}>No customer matches these filters.</Typography>}
    />
  );
}

export default function CustomerList() {
  const phone = usePhoneLayout();
  const mrrCurrency = useQuery({ ...trpc.lookup.mrrCurrency.queryOptions(), staleTime: 5 * 60_000 }).data?.currency;
  return (
    <>
      <PageHeading>Customers</PageHeading>
      <List
        title="Customers"
        filters={customerFilters(mrrCurrency)}
        actions={<CustomerListActions />}
        sort={{ field: 'signupAt', order: 'DESC' }}
        perPage={50}
        pagination={<CustomerListPagination />}
        empty={false}
      >
        {phone ? (
          <CustomerSimpleList mrrCurrency={mrrCurrency} />
        ) : (
          <Datagrid rowClick="show" bulkActionButtons={false} empty={<Typography p={2}>No customer matches these filters.</Typography>}>
            <FunctionField<TCustomerRow> label="Email" sortable={false} render={(row) => <RecordLink to={`/customers/${encodeURIComponent(String(row.id))}/show`}>{row.email}</RecordLink>} />
            <TextField source="name" sortable={false} />
            <FunctionField<TCustomerRow> label="Status" sortable={false} render={(row) => <CustomerStatusChip status={row.status} />} />
            <FunctionField<TCustomerRow> label="Plan" sortable={false} render={(row) => planLabel(row.plan)} />
            <FunctionField<TCustomerRow> label="MRR" textAlign="right" sortable={false} render={(row) => <span style={{ whiteSpace: 'nowrap' }}>{mrrText(row.mrr, mrrCurrency)}</span>} />
            <TextField source="country" emptyText="—" sortable={false} />
            <FunctionField<TCustomerRow> label="Workspaces" sortable={false} render={(row) => row.workspaceNames.join(', ') || '—'} />
            <DateTimeField source="signupAt" label="Signed up" sortable={false} dateOnly />
          </Datagrid>
        )}
      </List>
    </>
  );
}
