import { NavLink, Route, Routes, useNavigate } from 'react-router';
import { api } from '../../api/instance';
import { RequireAuth } from '../../auth/Auth';
import { useI18n } from '../../i18n/I18n';
import { SignUpForm } from '../renter/AuthPages';
import { PartnerBookingsPage } from './BookingsPage';
import { DocumentsPage } from './DocumentsPage';
import { EarningsPage } from './EarningsPage';
import { PartnerHome } from './PartnerHome';
import { VehicleEditor } from './VehicleEditor';
import { VehiclesPage } from './VehiclesPage';

function PartnerSignUp() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <section className="page narrow" aria-labelledby="partner-signup-title">
      <h1 id="partner-signup-title">{t('partner.signup.title')}</h1>
      <p>{t('partner.signup.intro')}</p>
      <SignUpForm
        submitLabel={t('partner.signup.submit')}
        register={api.auth.registerPartner}
        onDone={(user) => navigate(`/login?registered=1&email=${encodeURIComponent(user.email)}&next=${encodeURIComponent('/partner')}`)}
        testPrefix="partner-signup"
      />
    </section>
  );
}

function PartnerLayout() {
  const { t } = useI18n();
  const links = [
    { to: '/partner', label: t('partner.nav.home'), end: true, id: 'home' },
    { to: '/partner/documents', label: t('partner.nav.documents'), id: 'documents' },
    { to: '/partner/vehicles', label: t('partner.nav.vehicles'), id: 'vehicles' },
    { to: '/partner/bookings', label: t('partner.nav.bookings'), id: 'bookings' },
    { to: '/partner/earnings', label: t('partner.nav.earnings'), id: 'earnings' },
  ];
  return (
    <div className="page portal">
      <nav className="portal-nav" aria-label={t('partner.title')}>
        {links.map((l) => (
          <NavLink key={l.to} to={l.to} end={l.end} data-testid={`partner-nav-${l.id}`}>
            {l.label}
          </NavLink>
        ))}
      </nav>
      <div>
        <Routes>
          <Route index element={<PartnerHome />} />
          <Route path="documents" element={<DocumentsPage />} />
          <Route path="vehicles" element={<VehiclesPage />} />
          <Route path="vehicles/new" element={<VehicleEditor />} />
          <Route path="vehicles/:id" element={<VehicleEditor />} />
          <Route path="bookings" element={<PartnerBookingsPage />} />
          <Route path="earnings" element={<EarningsPage />} />
        </Routes>
      </div>
    </div>
  );
}

/** /partner/**: sign-up is public, the rest is for partners. */
export default function PartnerApp() {
  return (
    <Routes>
      <Route path="signup" element={<PartnerSignUp />} />
      <Route
        path="*"
        element={
          <RequireAuth role="PARTNER">
            <PartnerLayout />
          </RequireAuth>
        }
      />
    </Routes>
  );
}
