import { NotedRadioGroup } from '../../components/NotedRadioGroup.js';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import {
  checkConnectionChange,
  type ConnectionIdentity,
  type ConnectionMode,
  type ConnectionProblem,
  type ConnectionSettingsView,
  type ConnectorKind,
} from '../../../shared/model/connection.js';
import { useT } from '../../i18n/use-translator.js';
import { useAppStore } from '../../store/store-context.js';

const useStyles = makeStyles({
  surface: { maxWidth: '600px' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  credentials: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginLeft: '32px' },
  input: { maxWidth: '320px' },
});

/** What the form holds. */
interface Draft {
  connector: ConnectorKind;
  mode: ConnectionMode;
  identity: ConnectionIdentity;
  userName: string;
  password: string;
}

const draftOf = (s: ConnectionSettingsView): Draft => ({
  connector: s.connector,
  mode: s.mode,
  identity: s.identity,
  userName: s.userName ?? '',
  password: '',
});

/** The change the form asks for, as the contract takes it: fields that don't apply are left to the backend's rules. */
export function changeOfDraft(hostGroup: string, d: Draft): Parameters<typeof checkConnectionChange>[1] {
  const credentials = d.connector === 'hyperv' && d.mode === 'winrm-https' && d.identity === 'credentials';
  return {
    hostGroup,
    connector: d.connector,
    mode: d.mode,
    identity: credentials ? 'credentials' : 'current',
    userName: credentials ? d.userName : null,
    password: credentials && d.password !== '' ? d.password : null,
  };
}

function ConnectionForm({ hostGroup, current, onClose }: { hostGroup: string; current: ConnectionSettingsView; onClose: () => void }) {
  const styles = useStyles();
  const { t, spoken } = useT();
  const connectionSet = useAppStore((s) => s.connectionSet);
  const pushNotice = useAppStore((s) => s.pushNotice);
  const [draft, setDraft] = useState<Draft>(() => draftOf(current));
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [serverProblems, setServerProblems] = useState<ConnectionProblem[]>([]);
  const change = changeOfDraft(hostGroup, draft);
  const checked = checkConnectionChange(current, change, current.passwordStorage);
  const problems = checked.ok ? serverProblems : checked.problems;
  const problemOf = (field: ConnectionProblem['field']): string | undefined => {
    const p = problems.find((x) => x.field === field);
    return p && touched ? t(`conn.problem.${p.code}`) : undefined;
  };
  const update = (patch: Partial<Draft>): void => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerProblems([]);
  };
  const storage = current.passwordStorage;
  // Without a store, "This user" is offered only to a group that already has a stored password.
  const credentialsAllowed = storage.available || current.hasPassword;

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTouched(true);
    if (!checked.ok) return;
    setSaving(true);
    setSaveError(null);
    const result = await connectionSet(change);
    setSaving(false);
    if (result.ok) {
      pushNotice({ intent: 'success', key: 'conn.saved', params: { group: hostGroup } });
      onClose();
      return;
    }
    const fromServer = (result.error.detail as { problems?: ConnectionProblem[] } | undefined)?.problems;
    if (fromServer) setServerProblems(fromServer);
    setSaveError(spoken(result.error));
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <DialogBody>
        <DialogTitle>{t('conn.title', { group: hostGroup })}</DialogTitle>
        <DialogContent className={styles.content}>
          <Field label={t('conn.connector')}>
            <NotedRadioGroup<ConnectorKind>
              idPrefix="conn-connector"
              value={draft.connector}
              options={[
                { value: 'simulator', label: t('conn.connector.simulator'), note: t('conn.connector.simulator.note') },
                { value: 'hyperv', label: t('conn.connector.hyperv'), note: t('conn.connector.hyperv.note') },
              ]}
              onChange={(connector) => update({ connector })}
            />
          </Field>
          {draft.connector === 'hyperv' ? (
            <Field label={t('conn.mode')}>
              <NotedRadioGroup<ConnectionMode>
                idPrefix="conn-mode"
                value={draft.mode}
                options={[
                  { value: 'local', label: t('conn.mode.local'), note: t('conn.mode.local.note') },
                  { value: 'winrm-https', label: t('conn.mode.winrm'), note: t('conn.mode.winrm.note') },
                ]}
                onChange={(mode) => update({ mode })}
              />
            </Field>
          ) : null}
          {draft.connector === 'hyperv' && draft.mode === 'winrm-https' ? (
            <Field label={t('conn.identity')} validationState={problemOf('identity') ? 'error' : 'none'} validationMessage={problemOf('identity')}>
              <NotedRadioGroup<ConnectionIdentity>
                idPrefix="conn-identity"
                value={draft.identity}
                options={[
                  { value: 'current', label: t('conn.identity.current') },
                  { value: 'credentials', label: t('conn.identity.credentials'), disabled: !credentialsAllowed },
                ]}
                onChange={(identity) => update({ identity })}
              />
            </Field>
          ) : null}
          {draft.connector === 'hyperv' && draft.mode === 'winrm-https' && draft.identity === 'credentials' ? (
            <div className={styles.credentials}>
              <Field
                label={t('conn.userName')}
                hint={t('conn.userName.hint')}
                validationState={problemOf('userName') ? 'error' : 'none'}
                validationMessage={problemOf('userName')}
              >
                <Input className={styles.input} value={draft.userName} autoComplete="username" onChange={(_e, data) => update({ userName: data.value })} />
              </Field>
              <Field
                label={t('conn.password')}
                hint={current.hasPassword ? `${t('conn.password.hint')} ${t('conn.password.keep')}` : t('conn.password.hint')}
                validationState={problemOf('password') ? 'error' : 'none'}
                validationMessage={problemOf('password')}
              >
                <Input
                  className={styles.input}
                  type="password"
                  value={draft.password}
                  autoComplete="new-password"
                  disabled={!storage.available}
                  onChange={(_e, data) => update({ password: data.value })}
                />
              </Field>
            </div>
          ) : null}
          {!storage.available && draft.connector === 'hyperv' && draft.mode === 'winrm-https' ? (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>{t('conn.noStorage')}</MessageBarBody>
            </MessageBar>
          ) : null}
          {saveError ? (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>{t('conn.saveFailed', { message: saveError })}</MessageBarBody>
            </MessageBar>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button appearance="primary" type="submit" disabled={saving || (touched && !checked.ok)}>
            {t('conn.save')}
          </Button>
          <Button onClick={onClose}>{t('conn.cancel')}</Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}

function LoadFailed({ hostGroup, message, onClose }: { hostGroup: string; message: string; onClose: () => void }) {
  const { t } = useT();
  return (
    <DialogBody>
      <DialogTitle>{t('conn.title', { group: hostGroup })}</DialogTitle>
      <DialogContent>
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{t('conn.loadFailed', { message })}</MessageBarBody>
        </MessageBar>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('conn.cancel')}</Button>
      </DialogActions>
    </DialogBody>
  );
}

/**
 * Host > Connection Settings…: how Ferry reaches a host group's hosts. The simulator (the default) or
 * real Hyper-V hosts; local PowerShell with -ComputerName, or PowerShell remoting over HTTPS; the
 * current Windows identity or a user name and password (stored encrypted by the desktop app only).
 */
export function ConnectionSettingsDialog() {
  const styles = useStyles();
  const { spoken } = useT();
  const dialog = useAppStore((s) => s.connectionDialog);
  const onClose = useAppStore((s) => s.closeConnectionSettings);
  return (
    <Dialog open={dialog !== null} modalType="modal" onOpenChange={(_e, data) => (data.open ? undefined : onClose())}>
      <DialogSurface className={styles.surface}>
        {dialog === null ? null : dialog.loaded.ok ? (
          <ConnectionForm hostGroup={dialog.loaded.value.hostGroup} current={dialog.loaded.value} onClose={onClose} />
        ) : (
          <LoadFailed hostGroup={dialog.hostGroup} message={spoken(dialog.loaded.error)} onClose={onClose} />
        )}
      </DialogSurface>
    </Dialog>
  );
}
