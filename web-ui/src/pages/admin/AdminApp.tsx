import { NavLink, Route, Routes } from 'react-router';
import { useI18n } from '../../i18n/I18n';
import { AuditPage, BookingsSearchPage, UsersPage } from './SearchPages';
import { OverviewPage } from './OverviewPage';
import { PartnersPage } from './PartnersPage';
import { RevenuePage } from './RevenuePage';
import { StoragePage } from './StoragePage';
import { VehiclesReviewPage } from './VehiclesReviewPage';

/** /admin/** (ADMIN only: the route is wrapped in RequireAuth, and every API under it checks the role). */
export default function AdminApp() {
  const { t } = useI18n();
  const links = [
    { to: '/admin', label: t('admin.nav.overview'), end: true, id: 'overview' },
    { to: '/admin/partners', label: t('admin.nav.partners'), id: 'partners' },
    { to: '/admin/vehicles', label: t('admin.nav.vehicles'), id: 'vehicles' },
    { to: '/admin/users', label: t('admin.nav.users'), id: 'users' },
    { to: '/admin/bookings', label: t('admin.nav.bookings'), id: 'bookings' },
    { to: '/admin/audit', label: t('admin.nav.audit'), id: 'audit' },
    { to: '/admin/revenue', label: t('admin.nav.revenue'), id: 'revenue' },
    { to: '/admin/storage', label: t('admin.nav.storage'), id: 'storage' },
  ];
  return (
    <div className="page portal">
      <nav className="portal-nav" aria-label={t('admin.title')}>
        {links.map((l) => (
          <NavLink key={l.to} to={l.to} end={l.end} data-testid={`admin-nav-${l.id}`}>
            {l.label}
          </NavLink>
        ))}
      </nav>
      <div>
        <Routes>
          <Route index element={<OverviewPage />} />
          <Route path="partners" element={<PartnersPage />} />
          <Route path="vehicles" element={<VehiclesReviewPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="bookings" element={<BookingsSearchPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="revenue" element={<RevenuePage />} />
          <Route path="storage" element={<StoragePage />} />
        </Routes>
      </div>
    </div>
  );
}
