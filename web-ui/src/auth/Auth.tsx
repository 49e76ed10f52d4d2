import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { api, tokens } from '../api/instance';
import type { Session } from '../api/tokens';
import type { Role, User } from '../api/types';
import { useI18n } from '../i18n/I18n';

export interface Auth {
  session: Session | null;
  userId: string | null;
  roles: string[];
  hasRole(role: Role): boolean;
  /** the account (GET /api/users/me), once loaded */
  user: User | undefined;
  login(email: string, password: string): Promise<Session>;
  logout(): Promise<void>;
}

const Context = createContext<Auth | null>(null);

const subscribe = (listener: () => void) => tokens.subscribe(listener);
const snapshot = () => tokens.session;

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const userId = session?.claims.sub ?? null;
  const me = useQuery({ queryKey: ['me', userId], queryFn: api.users.me, enabled: userId !== null, staleTime: 60_000 });

  const login = useCallback(async (email: string, password: string) => {
    const answer = await api.auth.login(email, password);
    return tokens.signIn(answer);
  }, []);

  const logout = useCallback(async () => {
    await tokens.logout();
    queryClient.clear();
  }, [queryClient]);

  const value = useMemo<Auth>(() => {
    const roles = session?.claims.roles ?? [];
    return {
      session,
      userId,
      roles,
      hasRole: (role) => roles.includes(role),
      user: me.data,
      login,
      logout,
    };
  }, [session, userId, me.data, login, logout]);

  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(Context);
  if (!value) {
    throw new Error('useAuth outside AuthProvider');
  }
  return value;
}

/** The page for signed-in users (with the role, when given): others go to sign in, then come back. */
export function RequireAuth({ role, children }: { role?: Role; children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  const { t } = useI18n();
  if (!auth.session) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (role && !auth.hasRole(role)) {
    return (
      <section className="page narrow" aria-labelledby="forbidden-title">
        <h1 id="forbidden-title">{t('common.notAllowed')}</h1>
      </section>
    );
  }
  return <>{children}</>;
}
