import { CalendarLtr24Regular } from '@fluentui/react-icons';
import { useT } from '../../i18n/use-translator.js';
import { RibbonButton } from '../ribbon/RibbonButton.js';
import { RibbonGroup } from '../ribbon/RibbonGroup.js';
import { usePlanMigrations } from './use-plan-migrations.js';

/** The Home tab's Plan group: Plan Migrations, for the selected VMs (or the selected host's VMs). */
export function PlanRibbonGroup() {
  const { t } = useT();
  const action = usePlanMigrations();
  return (
    <RibbonGroup label={t('plan.ribbon.group')}>
      <RibbonButton
        icon={<CalendarLtr24Regular />}
        label={t('plan.ribbon.plan')}
        title={action.canPlan ? t('plan.ribbon.planHint', { count: action.vms.length }) : t('plan.ribbon.planNone')}
        disabled={!action.canPlan}
        onClick={action.open}
      />
    </RibbonGroup>
  );
}
