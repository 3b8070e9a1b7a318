import { DataBarVertical24Regular } from '@fluentui/react-icons';
import { useT } from '../../i18n/use-translator.js';
import { RibbonButton } from '../ribbon/RibbonButton.js';
import { RibbonGroup } from '../ribbon/RibbonGroup.js';
import { useOptimizeAction } from './use-optimize-action.js';

/** Home > Optimize Hosts: on the selected cluster, host group or All Hosts. */
export function OptimizeRibbonGroup() {
  const { t } = useT();
  const action = useOptimizeAction();
  return (
    <RibbonGroup label={t('optimize.ribbonGroup')}>
      <RibbonButton
        icon={<DataBarVertical24Regular />}
        label={t('optimize.action')}
        title={action.applies ? undefined : t('optimize.selectScope')}
        disabled={!action.canOpen}
        onClick={action.open}
      />
    </RibbonGroup>
  );
}
