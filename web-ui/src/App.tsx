import { lazy, Suspense } from 'react';
import { Link, Route, Routes } from 'react-router';
import { RequireAuth } from './auth/Auth';
import { Layout } from './components/Layout';
import { BlockSkeleton } from './components/ui';
import { useI18n } from './i18n/I18n';
import { LoginPage, SignUpPage } from './pages/renter/AuthPages';
import { NotificationsPage } from './pages/renter/NotificationsPage';
import { ProfilePage } from './pages/renter/ProfilePage';
import { SearchPage } from './pages/renter/SearchPage';
import { TripPage } from './pages/renter/TripPage';
import { TripsPage } from './pages/renter/TripsPage';
import { VehiclePage } from './pages/renter/VehiclePage';

// the partner portal and the admin console are their own chunks: renters never download them
const PartnerApp = lazy(() => import('./pages/partner/PartnerApp'));
const AdminApp = lazy(() => import('./pages/admin/AdminApp'));

function NotFound() {
  const { t } = useI18n();
  return (
    <section className="page narrow">
      <h1>{t('common.notFound')}</h1>
      <Link to="/">{t('common.home')}</Link>
    </section>
  );
}

export function App() {
  return (
    <Layout>
      <Suspense fallback={<div className="page"><BlockSkeleton lines={6} /></div>}>
        <Routes>
          <Route path="/" element={<SearchPage />} />
          <Route path="/vehicles/:id" element={<VehiclePage />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/signup" element={<SignUpPage />} />
          <Route path="/trips" element={<RequireAuth><TripsPage /></RequireAuth>} />
          <Route path="/trips/:id" element={<RequireAuth><TripPage /></RequireAuth>} />
          <Route path="/notifications" element={<RequireAuth><NotificationsPage /></RequireAuth>} />
          <Route path="/profile" element={<RequireAuth><ProfilePage /></RequireAuth>} />
          <Route path="/partner/*" element={<PartnerApp />} />
          <Route path="/admin/*" element={<RequireAuth role="ADMIN"><AdminApp /></RequireAuth>} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
