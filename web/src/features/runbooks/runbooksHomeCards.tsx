import { useNavigate } from 'react-router-dom';
import { HomeCard, HomeCardLink, HomeCardState } from '../../app/HomeCard';
import type { HomeCardDefinition } from '../../app/homeCards';
import { RunHistory } from './RunHistory';
import { TemporaryChangesList } from './TemporaryChanges';
import { useRuns, useTemporaryChanges } from './useRunbooks';

/** For on-call: runbook runs going on now and lately, and the temporary changes in place. */
function RunbookRunsCard() {
  const runs = useRuns({ limit: 5 });
  const navigate = useNavigate();
  const list = runs.data ?? [];
  return (
    <HomeCard
      title="Runbook runs"
      action={<HomeCardLink to="/runbooks">Open Runbooks</HomeCardLink>}
    >
      <HomeCardState isPending={runs.isPending} error={runs.error} empty={list.length === 0} emptyText="No runbook action has run yet.">
        <RunHistory runs={list} showTitle onSelect={(run) => navigate(`/runbooks/${encodeURIComponent(run.action)}/show?run=${run.id}`)} />
      </HomeCardState>
    </HomeCard>
  );
}

function TemporaryChangesCard() {
  const changes = useTemporaryChanges();
  const inPlace = (changes.data ?? []).filter((change) => change.status !== 'reverted');
  return (
    <HomeCard title="Temporary changes">
      <HomeCardState isPending={changes.isPending} error={changes.error} empty={inPlace.length === 0} emptyText="No temporary change is in place.">
        <TemporaryChangesList changes={inPlace} emptyText="No temporary change is in place." />
      </HomeCardState>
    </HomeCard>
  );
}

export const runbooksHomeCards: HomeCardDefinition[] = [
  { id: 'runbooks-runs', permission: 'runbooks.read', leadsFor: ['oncall'], order: 35, Card: RunbookRunsCard },
  { id: 'runbooks-changes', permission: 'runbooks.read', leadsFor: ['oncall'], order: 36, Card: TemporaryChangesCard },
];
