import type { Locator, Page } from '@playwright/test';
import { mainEnMessages } from '../../shared/i18n/en.js';
import { mainItMessages } from '../../shared/i18n/it.js';
import { enMessages, type MessageKey } from '../../renderer/i18n/en.js';
import { itMessages } from '../../renderer/i18n/it.js';
import { minimalInventory } from '../fixtures/minimal-inventory.js';
import { expect, test } from './fixtures.js';

// The console in Italian, end to end on the demo estate: the Migrate VM wizard (Select Host with its
// explanations, Summary with View Script), the move's job in the Jobs pane, an evacuation plan and Hyper-V
// Settings. At each stage the visible text must hold no sentence of the English catalogues that the Italian
// ones word differently: every sentence the renderer or the main process says reaches the admin in Italian.

const en = { ...enMessages, ...mainEnMessages } as Record<string, string>;
const it_ = { ...itMessages, ...mainItMessages } as Record<string, string>;

/** The Italian of a console label, found through its English (so the test reads like the English suites). */
function l(key: MessageKey, params: Record<string, string> = {}): string {
  return itMessages[key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

const italianTexts = Object.values(it_);
/** English-only messages: differ from their Italian, and are not themselves Italian words (e.g. "Cluster", "Host"). */
const englishOnly = Object.entries(en).filter(([key, value]) => it_[key] !== value && !italianTexts.includes(value));
/** Whole English-only labels without parameters: a visible line equal to one is English. */
const englishLabels = new Set(englishOnly.map(([, value]) => value).filter((v) => !v.includes('{')));
/** The fixed stretches of English-only sentences (between parameters), long enough to be words only English has. */
const englishFragments = [
  ...new Set(
    englishOnly
      .flatMap(([, value]) => value.split(/\{\w+\}/))
      .map((part) => part.trim())
      .filter((part) => part.length >= 18 && part.includes(' ') && !italianTexts.some((t) => t.includes(part))),
  ),
];

/** The English of the catalogues found in a stage's visible text: whole lines and sentence fragments. */
async function englishOn(page: Page): Promise<string[]> {
  const visible = await page.evaluate(() => {
    const dialogs = [...document.querySelectorAll('[role="dialog"], [role="tooltip"]')].map((d) => (d as HTMLElement).innerText);
    return [document.body.innerText, ...dialogs].join('\n');
  });
  const lines = visible
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const found = new Set<string>();
  for (const line of lines) if (englishLabels.has(line)) found.add(line);
  for (const fragment of englishFragments) if (visible.includes(fragment)) found.add(`…${fragment}…`);
  return [...found];
}

/** Fails the stage on any English it shows, naming it; then takes the stage's screenshot. */
async function expectItalian(page: Page, stage: string): Promise<void> {
  expect(await englishOn(page), `English on ${stage}`).toEqual([]);
  await page.screenshot({ path: `test-results/screenshots/italian-${stage}.png` });
}

const vmGrid = (page: Page) => page.getByRole('grid', { name: l('vmList.label') });
const tree = (page: Page) => page.getByRole('tree', { name: l('tree.label') });
const hostRow = (wizard: Locator, host: string) =>
  wizard.getByRole('grid', { name: l('selectHost.gridLabel') }).getByRole('row', { name: new RegExp(`\\b${host}\\b`) });

async function selectVm(page: Page, name: string): Promise<void> {
  await page.getByRole('searchbox', { name: l('vmList.filter') }).fill(name);
  await vmGrid(page)
    .getByRole('row', { name: new RegExp(`^${name}\\b`) })
    .click();
}

test('an Italian admin walks the wizard, a job, a plan and Hyper-V Settings without an English sentence', async ({ page, ferry }) => {
  test.setTimeout(180_000);
  await page.goto(ferry.url);
  await page.getByRole('button', { name: 'Language' }).click();
  await page.getByRole('menuitemradio', { name: 'Italiano' }).click();
  await expect(page.getByRole('tab', { name: l('ribbon.tab.vm') })).toBeVisible();
  await expect(vmGrid(page)).toBeVisible();

  // Select Host for a VM with unavailable hosts among the rest: notes, both explanation tabs.
  await selectVm(page, 'WEB-RM-01');
  await page.getByRole('tab', { name: l('ribbon.tab.vm') }).click();
  await page.getByRole('button', { name: l('ribbon.action.migrateVm'), exact: true }).click();
  const wizard = page.getByRole('dialog', { name: l('vmWizard.title') });
  await expect(wizard).toBeVisible();
  const row = hostRow(wizard, 'HV-RM-02');
  await expect(row).toContainText(mainItMessages['transferType.Live']);
  const maintenance = hostRow(wizard, 'HV-TO-04');
  await expect(maintenance).toContainText('modalità di manutenzione');
  await maintenance.focus();
  await wizard.getByRole('tab', { name: l('selectHost.tab.rating') }).click();
  await expect(wizard.getByRole('tabpanel')).toContainText('0 stelle');
  await expectItalian(page, 'select-host-unavailable');
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await wizard.getByRole('tab', { name: l('selectHost.tab.rating') }).click();
  await expect(wizard.getByRole('tabpanel')).toContainText('stelle su 5');
  await expectItalian(page, 'select-host-rating');
  await wizard.getByRole('tab', { name: l('selectHost.tab.transfer') }).click();
  await expect(wizard.getByRole('tabpanel')).toContainText('sofs-rm.contoso.com');
  await expectItalian(page, 'select-host-transfer');

  // Summary with View Script, then Move.
  await wizard.getByRole('button', { name: l('wizard.next') }).click();
  await wizard.getByRole('button', { name: l('wizard.viewScript') }).click();
  await expect(wizard.getByRole('textbox', { name: /PowerShell/ })).toHaveValue(/WEB-RM-01/);
  await expectItalian(page, 'summary');
  await wizard.getByRole('button', { name: l('wizard.move') }).click();
  await expect(wizard).toBeHidden();

  // The move's job in the Jobs pane, with its name and steps.
  const jobs = page.getByRole('grid', { name: l('jobs.label'), exact: true });
  const job = jobs.getByRole('row', { name: new RegExp(`${mainItMessages['job.migrateVm'].split(' {vm}')[0]} WEB-RM-01`) });
  await expect(job).toBeVisible();
  await job.click();
  await expect(page.getByText(mainItMessages['phase.validate'], { exact: true }).first()).toBeVisible();
  await expectItalian(page, 'jobs');

  // An evacuation plan: Start Maintenance Mode… on HV-TO-03.
  await setSimulatorSpeedItalian(page, '30');
  const cluster = tree(page).getByRole('treeitem', { name: 'CL-TO-19', exact: true });
  await cluster.click();
  const node = tree(page).getByRole('treeitem', { name: /^HV-TO-03\b/ });
  await node.click({ button: 'right' });
  await page.getByRole('menuitem', { name: l('maint.start') }).click();
  const plan = page.getByRole('region', { name: l('maint.title', { host: 'HV-TO-03' }) });
  await expect(plan.getByRole('table', { name: l('plan.moves.label') })).toBeVisible();
  await expectItalian(page, 'plan');

  // Hyper-V Settings of a host.
  await openHyperVSettings(page, 'HV-TO-01');
  await expectItalian(page, 'hyperv-settings');
});

test('an Italian admin reads a failed job, its problem and what to do, in Italian', async ({ page, ferry }) => {
  test.setTimeout(120_000);
  await page.goto(ferry.url);
  await page.getByRole('button', { name: 'Language' }).click();
  await page.getByRole('menuitemradio', { name: 'Italiano' }).click();
  await expect(vmGrid(page)).toBeVisible();

  // HV-RM-05 does not respond: a settings change on it fails, and says why and what to do.
  const settings = await openHyperVSettings(page, 'HV-RM-05');
  const maxLive = settings.getByRole('spinbutton', { name: l('hvs.live.maxLive') });
  await maxLive.fill('3');
  await maxLive.press('Tab');
  await settings.getByRole('button', { name: l('hvs.ok') }).click();
  await expect(settings).toBeHidden();

  const jobs = page.getByRole('grid', { name: l('jobs.label'), exact: true });
  const job = jobs.getByRole('row', { name: /HV-RM-05/ }).first();
  await job.click();
  const problem = mainItMessages['fail.hostDown'].replace('{host}', 'HV-RM-05').split(' (')[0];
  await expect(page.getByText(problem).first()).toBeVisible();
  await expect(page.getByText(l('jobs.recommendedAction')).first()).toBeVisible();
  await expectItalian(page, 'job-failed');
});

test('an Italian admin reads why a file was not imported, problem by problem, in Italian', async ({ page, ferry }) => {
  test.setTimeout(120_000);
  await page.goto(ferry.url);
  await page.getByRole('button', { name: 'Language' }).click();
  await page.getByRole('menuitemradio', { name: 'Italiano' }).click();
  await expect(vmGrid(page)).toBeVisible();

  // A file with a field of the wrong type, a missing one, a duplicate name, a VM on an unlisted host and a bad owner.
  const bad = minimalInventory();
  (bad.hosts[1].memory as { availableMB: unknown }).availableMB = 'molta';
  delete (bad.vms[1] as { memoryMB?: number }).memoryMB;
  bad.vms[2].name = 'sql-prod-01';
  bad.vms[2].host = 'HV-NOWHERE';
  bad.vms[0].possibleOwners = ['HV-MI-11', 'HV-MI-20'];
  await importThroughUi(page, 'guasto.json', JSON.stringify(bad));
  const dialog = page.getByRole('dialog', { name: l('import.failedTitle') });
  await expect(dialog).toBeVisible();
  const problems = dialog.getByRole('table', { name: l('import.problemsLabel') });
  const row = (path: string, italian: string) => problems.getByRole('row').filter({ hasText: path }).filter({ hasText: italian });
  await expect(row('hosts[1].memory.availableMB', 'previsto un valore number, trovato il valore string "molta"')).toBeVisible();
  await expect(row('vms[1].memoryMB', 'obbligatorio: previsto un valore number')).toBeVisible();
  await expect(row('vms[2].name', 'VM "sql-prod-01" duplicata: vms[0] ha lo stesso name (senza distinzione tra maiuscole e minuscole)')).toBeVisible();
  await expect(row('vms[2].host', 'l’host "HV-NOWHERE" non è elencato in hosts')).toBeVisible();
  await expect(row('vms[0].possibleOwners[1]', 'HV-MI-20 non è un nodo di CL-MI-22')).toBeVisible();
  await expectItalian(page, 'import-problems');
  await dialog
    .getByRole('button', { name: l('common.close') })
    .first()
    .click();
  await expect(dialog).toBeHidden();

  // Its failed job carries the summary and the first problem, in Italian.
  const jobs = page.getByRole('grid', { name: l('jobs.label'), exact: true });
  await jobs
    .getByRole('row', { name: /guasto\.json/ })
    .first()
    .click();
  await expect(page.getByText(/Il file di inventario contiene 5 problemi; non è stato importato nulla\. Il primo: /).first()).toBeVisible();
  await expectItalian(page, 'import-job-failed');

  // A file that is not JSON: the whole file's problem, with its line and column.
  await importThroughUi(page, 'troncato.json', '{\n  "format": "ferry-inventory",\n  "version": 1,\n  "hosts": [}\n');
  await expect(dialog).toBeVisible();
  await expect(row(l('import.wholeFile'), 'JSON non valido: "}" imprevisto a riga 4, colonna 13')).toBeVisible();
  await expectItalian(page, 'import-json-error');
});

/** Imports a file the way an admin does, in Italian: File > Importa inventario…, then the file chooser. */
async function importThroughUi(page: Page, name: string, content: string): Promise<void> {
  await page.getByRole('button', { name: l('ribbon.file'), exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('menuitem', { name: l('ribbon.file.import') }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

/** Selects a host in the tree and opens Host > Hyper-V Settings, in Italian. */
async function openHyperVSettings(page: Page, host: string): Promise<Locator> {
  await tree(page)
    .getByRole('treeitem', { name: new RegExp(`^${host}\\b`) })
    .click();
  await page.getByRole('tab', { name: l('ribbon.tab.host'), exact: true }).click();
  await page
    .getByRole('button', { name: /Hyper.V/ })
    .first()
    .click();
  const settings = page.getByRole('dialog').first();
  await expect(settings).toBeVisible();
  return settings;
}

/** File > Options… > Simulator speed, in Italian. */
async function setSimulatorSpeedItalian(page: Page, speed: string): Promise<void> {
  await page.getByRole('button', { name: l('ribbon.file'), exact: true }).click();
  await page.getByRole('menuitem', { name: l('ribbon.file.options') }).click();
  const dialog = page.getByRole('dialog', { name: l('options.title') });
  await dialog.getByRole('textbox', { name: l('options.simulatorSpeed') }).fill(speed);
  await dialog.getByRole('button', { name: l('options.save') }).click();
  await expect(dialog).toBeHidden();
}
