import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createFakeBackend, type FakeBackend } from '../api/fake-backend.js';
import { createAppStore, type AppStore } from '../store/app-store.js';
import { bindBackendToStore } from '../store/bind-backend.js';
import { StoreProvider } from '../store/store-context.js';
import { sampleInventory } from './sample-inventory.js';

/** What `renderWithStore` gives a test. */
export interface Rendered extends RenderResult {
  store: AppStore;
  backend: FakeBackend;
}

/** Waits until the store has loaded the backend's inventory. */
export async function untilLoaded(store: AppStore): Promise<void> {
  for (let i = 0; i < 100 && (store.getState().inventoryStatus === 'loading' || store.getState().inventoryLoading); i++)
    await new Promise((r) => setTimeout(r, 0));
}

/** Renders a view with a store bound to a fake backend (the sample estate unless one is given). */
export async function renderWithStore(ui: ReactElement, backend: FakeBackend = createFakeBackend({ inventory: sampleInventory() })): Promise<Rendered> {
  const store = createAppStore(backend);
  bindBackendToStore(backend, store);
  await untilLoaded(store);
  const result = render(
    <StoreProvider store={store}>
      <FluentProvider theme={webLightTheme}>{ui}</FluentProvider>
    </StoreProvider>,
  );
  return { ...result, store, backend };
}
