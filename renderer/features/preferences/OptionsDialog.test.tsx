// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { err } from '../../../shared/model/result.js';
import { App } from '../../App.js';
import { installJsdomShims } from '../../testing/jsdom-setup.js';
import { renderWithStore } from '../../testing/render-with-store.js';
import { parseSimulatorSpeed } from './OptionsDialog.js';

beforeAll(() => installJsdomShims());
afterEach(cleanup);

async function openOptions() {
  fireEvent.click(screen.getByRole('button', { name: 'File' }));
  fireEvent.click(await screen.findByRole('menuitem', { name: 'Options…' }));
  return screen.findByRole('dialog', { name: 'Options' });
}

const speedField = (dialog: HTMLElement) => within(dialog).getByRole('textbox', { name: /Simulator speed/ });

describe('Options: simulator speed', () => {
  it('starts from the saved speed and saves a new one through settings.set', async () => {
    const { backend, store } = await renderWithStore(<App />);
    const dialog = await openOptions();
    expect((speedField(dialog) as HTMLInputElement).value).toBe('10');
    fireEvent.change(speedField(dialog), { target: { value: '0.5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Options' })).toBeNull());
    expect(backend.calls.some((c) => c.channel === 'settings.set' && (c.args as { simulatorSpeed?: number }).simulatorSpeed === 0.5)).toBe(true);
    expect(store.getState().settings.simulatorSpeed).toBe(0.5);
    expect(within(screen.getByRole('contentinfo', { name: 'Status' })).getByText('Simulator 0.5× real time')).toBeTruthy();
  });

  it('refuses a speed outside 0.1 to 3,600 as it is typed, and never sends it', async () => {
    const { backend } = await renderWithStore(<App />);
    const dialog = await openOptions();
    for (const value of ['0.05', '3601', 'fast', '']) {
      fireEvent.change(speedField(dialog), { target: { value } });
      expect(within(dialog).getByText('Enter a number from 0.1 to 3,600.')).toBeTruthy();
      expect(speedField(dialog).getAttribute('aria-invalid')).toBe('true');
      expect(within(dialog).getByRole('button', { name: 'Save' }).hasAttribute('disabled')).toBe(true);
    }
    fireEvent.change(speedField(dialog), { target: { value: '3600' } });
    expect(within(dialog).queryByText('Enter a number from 0.1 to 3,600.')).toBeNull();
    expect(backend.calls.some((c) => c.channel === 'settings.set')).toBe(false);
  });

  it('keeps the dialog open and says why when the backend refuses', async () => {
    const { backend, store } = await renderWithStore(<App />);
    backend.override('settings.set', () => err('db-locked', 'database is locked'));
    const dialog = await openOptions();
    fireEvent.change(speedField(dialog), { target: { value: '20' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('The options were not saved: database is locked')).toBeTruthy();
    expect(store.getState().settings.simulatorSpeed).toBe(10);
  });

  it('opens from the simulator speed in the status bar', async () => {
    await renderWithStore(<App />);
    fireEvent.click(within(screen.getByRole('contentinfo', { name: 'Status' })).getByRole('button', { name: /Simulator 10× real time/ }));
    expect(await screen.findByRole('dialog', { name: 'Options' })).toBeTruthy();
  });
});

describe('parseSimulatorSpeed', () => {
  it('reads decimals with a point or a comma, within the range', () => {
    expect(parseSimulatorSpeed('0.1')).toBe(0.1);
    expect(parseSimulatorSpeed(' 2,5 ')).toBe(2.5);
    expect(parseSimulatorSpeed('3600')).toBe(3600);
    expect(parseSimulatorSpeed('1e3')).toBeNull();
    expect(parseSimulatorSpeed('-1')).toBeNull();
    expect(parseSimulatorSpeed('0')).toBeNull();
  });
});
