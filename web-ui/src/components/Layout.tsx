import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { api } from '../api/instance';
import { useAuth } from '../auth/Auth';
import { LANGS, type Lang } from '../i18n/format';
import { useI18n } from '../i18n/I18n';

export function LanguageSelect({ id = 'language' }: { id?: string }) {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="language">
      <label htmlFor={id} className="visually-hidden">
        {t('nav.language')}
      </label>
      <select id={id} value={lang} onChange={(e) => setLang(e.target.value as Lang)} data-testid="language-select">
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {l === 'en' ? 'English' : 'Français'}
          </option>
        ))}
      </select>
    </div>
  );
}

function UnreadLink() {
  const { t } = useI18n();
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => api.users.notifications(0, 1),
    refetchInterval: 60_000,
    select: (page) => page.unreadCount,
  });
  const count = unread.data ?? 0;
  return (
    <NavLink to="/notifications" data-testid="nav-notifications">
      {count > 0 ? (
        <>
          <span aria-hidden="true">
            {t('nav.notifications')} <span className="count">{count}</span>
          </span>
          <span className="visually-hidden">{t('nav.notificationsUnread', { count })}</span>
        </>
      ) : (
        t('nav.notifications')
      )}
    </NavLink>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const [seenPath, setSeenPath] = useState(location.pathname);
  if (seenPath !== location.pathname) {
    // a navigation closes the phone menu
    setSeenPath(location.pathname);
    setOpen(false);
  }

  const logout = async () => {
    await auth.logout();
    navigate('/');
  };

  return (
    <>
      <a className="skip-link" href="#content">
        {t('app.skip')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand" data-testid="brand">
            <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="6" />
              <path d="M6 20l3-7h14l3 7v4h-3a2 2 0 0 1-4 0h-6a2 2 0 0 1-4 0H6z" />
            </svg>
            <span>{t('app.name')}</span>
          </Link>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={open}
            aria-controls="site-nav"
            onClick={() => setOpen(!open)}
          >
            {t('nav.menu')}
          </button>
          <nav id="site-nav" className={`site-nav${open ? ' open' : ''}`} aria-label={t('nav.main')}>
            <NavLink to="/" end>
              {t('nav.search')}
            </NavLink>
            {auth.session && (
              <>
                {auth.hasRole('RENTER') && (
                  <NavLink to="/trips" data-testid="nav-trips">
                    {t('nav.trips')}
                  </NavLink>
                )}
                <UnreadLink />
                {auth.hasRole('PARTNER') && (
                  <NavLink to="/partner" data-testid="nav-partner">
                    {t('nav.partner')}
                  </NavLink>
                )}
                {auth.hasRole('ADMIN') && (
                  <NavLink to="/admin" data-testid="nav-admin">
                    {t('nav.admin')}
                  </NavLink>
                )}
                <NavLink to="/profile" data-testid="nav-profile">
                  {t('nav.profile')}
                </NavLink>
                <button type="button" className="link-button" onClick={logout} data-testid="logout">
                  {t('nav.logout')}
                </button>
              </>
            )}
            {!auth.session && (
              <>
                <NavLink to="/login" data-testid="nav-login">
                  {t('nav.login')}
                </NavLink>
                <NavLink to="/signup" data-testid="nav-signup">
                  {t('nav.signup')}
                </NavLink>
              </>
            )}
            <LanguageSelect />
          </nav>
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          {t('app.name')} · {t('app.tagline')}
        </p>
      </footer>
    </>
  );
}
