import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createTargetsClient } from '@livetargets/core';
import { TargetsProvider } from '@livetargets/react';
import '../../shared/admin.css';
import { App } from './App';
import { readConfig } from '../../shared/config';

const root = createRoot(document.getElementById('root')!);
const config = readConfig(import.meta.env);

if (config.ok) {
  const client = createTargetsClient(config.options);
  root.render(
    <StrictMode>
      <TargetsProvider client={client}>
        <App />
      </TargetsProvider>
    </StrictMode>,
  );
} else {
  root.render(
    <div className="lt-config-error">
      <h1>Missing settings</h1>
      <p>
        Set {config.missing.join(' and ')} (see <code>.env.example</code>) and rebuild the app.
      </p>
    </div>,
  );
}
