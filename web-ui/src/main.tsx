import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/problem';
import { App } from './App';
import { AuthProvider, useSession } from './auth/Auth';
import { I18nProvider } from './i18n/I18n';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 20_000,
      refetchOnWindowFocus: false,
      // only what may succeed when asked again: no answer, 5xx, busy; a 4xx is the answer
      retry: (failures, error) => failures < 2 && error instanceof ApiError && error.isTransient,
    },
    mutations: { retry: false },
  },
});

function WithLanguage({ children }: { children: ReactNode }) {
  const session = useSession();
  return <I18nProvider userId={session?.claims.sub ?? null}>{children}</I18nProvider>;
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <WithLanguage>
          <AuthProvider>
            <App />
          </AuthProvider>
        </WithLanguage>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
