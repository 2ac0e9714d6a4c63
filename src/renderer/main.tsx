// Renderer entry: connect to the backend (IPC or WebSocket), then render the shell.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiProvider } from './api/ApiContext';
import { connectWorkstation } from './api/connect';
import { App } from './app/App';
import { useWorkspace } from './state/workspaceStore';
import './styles.css';

const client = connectWorkstation((state, detail) => useWorkspace.getState().setConnection(state, detail));
const queries = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <ApiProvider client={client}>
        <App />
      </ApiProvider>
    </QueryClientProvider>
  </StrictMode>,
);
