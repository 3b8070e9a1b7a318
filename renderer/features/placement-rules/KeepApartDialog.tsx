import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { Spoken } from '../../i18n/translator.js';
import { useT } from '../../i18n/use-translator.js';
import { RuleProblems } from './RuleProblems.js';
import { useAppStore } from '../../store/store-context.js';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/**
 * Problems of a refused rule edit, one line each ("vms[1]: VM "X" is not listed in vms") in the admin's language,
 * or the error's sentence.
 */
export function ruleProblems(error: Spoken & { detail?: unknown }, spoken: (said: Spoken) => string): string[] {
  const problems = (error.detail as { problems?: (Spoken & { path: string })[] } | undefined)?.problems;
  return problems?.length ? problems.map((p) => `${p.path}: ${spoken(p)}`) : [spoken(error)];
}

/** The form of Keep apart…, mounted while the dialog is open so each opening starts afresh. */
function KeepApartForm({ vms, onClose }: { vms: readonly string[]; onClose: () => void }) {
  const styles = useStyles();
  const { t, spoken } = useT();
  const submit = useAppStore((s) => s.submitPlacementRules);
  const [name, setName] = useState(`keep-apart-${vms[0].toLowerCase()}`);
  const [required, setRequired] = useState(true);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    const result = await submit('placementRules.ruleSet', { rule: { name: name.trim(), type: 'DifferentNode', vms: [...vms], required } });
    setBusy(false);
    if (result.ok) onClose();
    else setProblems(ruleProblems(result.error, spoken));
  };
  return (
    <DialogBody>
      <DialogTitle>{t('keepApart.title')}</DialogTitle>
      <DialogContent className={styles.content}>
        <Text>{t('keepApart.intro', { vms: vms.join(', ') })}</Text>
        <Field label={t('keepApart.name')} required>
          <Input value={name} onChange={(_e, d) => setName(d.value)} />
        </Field>
        <Checkbox label={t('keepApart.required')} checked={required} onChange={(_e, d) => setRequired(d.checked === true)} />
        <RuleProblems problems={problems} />
      </DialogContent>
      <DialogActions>
        <Button appearance="primary" disabled={busy || name.trim() === ''} onClick={() => void save()}>
          {t('keepApart.create')}
        </Button>
        <Button disabled={busy} onClick={onClose}>
          {t('wizard.cancel')}
        </Button>
      </DialogActions>
    </DialogBody>
  );
}

/** Multi-select > Keep apart…: creates a `DifferentNode` affinity rule of the selected VMs, as a job. */
export function KeepApartDialog() {
  const ids = useAppStore((s) => s.keepApartVmIds);
  const index = useAppStore((s) => s.index);
  const close = useAppStore((s) => s.closeKeepApart);
  const vms = useMemo(() => (ids ?? []).flatMap((id) => index?.vmById.get(id)?.name ?? []), [ids, index]);
  const open = ids !== null && vms.length >= 2;
  return (
    <Dialog open={open} onOpenChange={(_e, d) => !d.open && close()}>
      <DialogSurface>{open ? <KeepApartForm vms={vms} onClose={close} /> : null}</DialogSurface>
    </Dialog>
  );
}
