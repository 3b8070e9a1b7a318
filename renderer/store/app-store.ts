import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Backend } from '../../shared/contract/backend.js';
import { createImportSlice, type ImportSlice } from './import-slice.js';
import { createInventorySlice, type InventorySlice } from './inventory-slice.js';
import { createJobsSlice, type JobsSlice } from './jobs-slice.js';
import { createSelectionSlice, type SelectionSlice } from './selection-slice.js';
import { createUiSlice, type UiSlice } from './ui-slice.js';
import { createWizardSlice, type WizardSlice } from './wizard-slice.js';
import { createHostSettingsSlice, type HostSettingsSlice } from './host-settings-slice.js';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice.js';
import { createLabSlice, type LabSlice } from './lab-slice.js';
import { createGroupsSlice, type GroupsSlice } from './groups-slice.js';
import { createPlanSlice, type PlanSlice } from './plan-slice.js';
import { createHelpSlice, type HelpSlice } from './help-slice.js';
import { createPlacementRulesSlice, type PlacementRulesSlice } from './placement-rules-slice.js';
import { createOptimizeSlice, type OptimizeSlice } from './optimize-slice.js';

/** The whole renderer state: one slice per area. */
export type AppState = InventorySlice &
  SelectionSlice &
  JobsSlice &
  UiSlice &
  ImportSlice &
  WizardSlice &
  HostSettingsSlice &
  ConnectionSlice &
  LabSlice &
  GroupsSlice &
  PlanSlice &
  HelpSlice &
  PlacementRulesSlice &
  OptimizeSlice;

/** The store the views read and the backend binding writes. */
export type AppStore = StoreApi<AppState>;

/** How a slice is made: it may read and write the whole state, and call the backend. */
export type SliceCreator<T> = (set: AppStore['setState'], get: AppStore['getState'], backend: Backend) => T;

/** Creates the store for one backend (the app's, or a fake in tests). */
export function createAppStore(backend: Backend): AppStore {
  return createStore<AppState>()((set, get) => ({
    ...createInventorySlice(set, get, backend),
    ...createSelectionSlice(set, get, backend),
    ...createJobsSlice(set, get, backend),
    ...createUiSlice(set, get, backend),
    ...createImportSlice(set, get, backend),
    ...createWizardSlice(set, get, backend),
    ...createHostSettingsSlice(set, get, backend),
    ...createConnectionSlice(set, get, backend),
    ...createLabSlice(set, get, backend),
    ...createGroupsSlice(set, get, backend),
    ...createPlanSlice(set, get, backend),
    ...createHelpSlice(set, get, backend),
    ...createPlacementRulesSlice(set, get, backend),
    ...createOptimizeSlice(set, get, backend),
  }));
}
