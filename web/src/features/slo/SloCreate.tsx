import { EMPTY_SLO_FORM } from './sloForm';
import { SloFormPage } from './SloFormPage';

export default function SloCreate() {
  return <SloFormPage initial={EMPTY_SLO_FORM} title="New SLO" />;
}
