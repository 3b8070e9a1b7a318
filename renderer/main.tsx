import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBackend } from './api/index.js';
import { App } from './App.js';
import { ThemeRoot } from './features/preferences/ThemeRoot.js';
import { createAppStore } from './store/app-store.js';
import { bindBackendToStore } from './store/bind-backend.js';
import { StoreProvider } from './store/store-context.js';

const backend = createBackend();
const store = createAppStore(backend);
bindBackendToStore(backend, store);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <StoreProvider store={store}>
      <ThemeRoot>
        <App />
      </ThemeRoot>
    </StoreProvider>
  </StrictMode>,
);
