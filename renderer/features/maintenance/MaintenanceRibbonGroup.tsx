import { Wrench24Regular, WrenchScrewdriver24Regular } from '@fluentui/react-icons';
import { useT } from '../../i18n/use-translator.js';
import { RibbonButton } from '../ribbon/RibbonButton.js';
import { RibbonGroup } from '../ribbon/RibbonGroup.js';
import { useMaintenanceActions } from './use-maintenance-actions.js';

/** The Host tab's Maintenance group: Start Maintenance Mode… (a preview of the evacuation first) and Stop Maintenance Mode. */
export function MaintenanceRibbonGroup() {
  const { t } = useT();
  const actions = useMaintenanceActions();
  return (
    <RibbonGroup label={t('ribbon.group.maintenance')}>
      <RibbonButton
        icon={<WrenchScrewdriver24Regular />}
        label={t('maint.start')}
        title={actions.host ? undefined : t('maint.selectHost')}
        disabled={!actions.canStart}
        onClick={actions.start}
      />
      <RibbonButton
        icon={<Wrench24Regular />}
        label={t('ribbon.action.stopMaintenance')}
        title={actions.host ? undefined : t('maint.selectHost')}
        disabled={!actions.canStop}
        onClick={actions.stop}
      />
    </RibbonGroup>
  );
}
