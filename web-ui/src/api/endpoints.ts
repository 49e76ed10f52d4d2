import type { ApiClient } from './client';
import { IdempotentAttempts } from './idempotency';
import type * as T from './types';
import type { TokenResponse } from './tokens';

/** Every endpoint the UI calls, by service (paths as the gateway routes them: config-repo/gateway-service.yml). */
export function endpoints(client: ApiClient) {
  const holds = new IdempotentAttempts();
  return {
    auth: {
      login: (email: string, password: string) =>
        client.post<TokenResponse>('/api/auth/login', { email, password }, { auth: 'none' }),
      register: (body: T.SignUpRequest) => client.post<T.User>('/api/auth/register', body, { auth: 'none' }),
      registerPartner: (body: T.SignUpRequest) => client.post<T.User>('/api/partners', body, { auth: 'none' }),
    },
    users: {
      me: () => client.get<T.User>('/api/users/me'),
      update: (body: Partial<Pick<T.User, 'firstName' | 'lastName' | 'phoneNumber'>>) =>
        client.patch<T.User>('/api/users/me', body),
      changePassword: (currentPassword: string, newPassword: string) =>
        client.post<undefined>('/api/users/me/password', { currentPassword, newPassword }),
      notifications: (page: number, size = 20) =>
        client.get<T.NotificationPage>('/api/users/me/notifications', { query: { page, size } }),
      markRead: (id: string) => client.post<undefined>(`/api/users/me/notifications/${id}/read`),
    },
    vehicles: {
      search: (params: T.SearchParams) =>
        client.get<T.SearchResult>('/api/vehicles', { query: { ...params } }),
      get: (id: string) => client.get<T.Vehicle>(`/api/vehicles/${id}`),
      availability: (id: string, from: string, to: string) =>
        client.get<T.Availability>(`/api/vehicles/${id}/availability`, { query: { from, to } }),
      mine: (page: number, size = 20, status?: string) =>
        client.get<T.Page<T.Vehicle>>('/api/partners/me/vehicles', { query: { page, size, status } }),
      list: (body: T.ListVehicleRequest) => client.post<T.Vehicle>('/api/partners/me/vehicles', body),
      update: (id: string, body: T.UpdateVehicleRequest) => client.patch<T.Vehicle>(`/api/vehicles/${id}`, body),
      retire: (id: string) => client.delete<T.Vehicle>(`/api/vehicles/${id}`),
      addPhoto: (id: string, file: File) => {
        const form = new FormData();
        form.append('file', file);
        return client.request<T.PhotoRef>('POST', `/api/vehicles/${id}/photos`, { form });
      },
      deletePhoto: (id: string, photoId: string) => client.delete(`/api/vehicles/${id}/photos/${photoId}`),
      blackouts: (id: string) => client.get<T.Blackout[]>(`/api/vehicles/${id}/blackouts`),
      addBlackout: (id: string, body: { from: string; to: string; reason?: string }) =>
        client.post<T.Blackout>(`/api/vehicles/${id}/blackouts`, body),
      deleteBlackout: (id: string, blackoutId: string) => client.delete(`/api/vehicles/${id}/blackouts/${blackoutId}`),
    },
    bookings: {
      quote: (vehicleId: string, pickupAt: string, returnAt: string) =>
        client.get<T.Quote>('/api/bookings/quote', { query: { vehicleId, pickupAt, returnAt } }),
      /** The hold, with an Idempotency-Key that a retry of the same hold reuses (see IdempotentAttempts). */
      hold: (body: T.HoldRequest) =>
        holds.run(body, (key) => client.post<T.Booking>('/api/bookings', body, { headers: { 'Idempotency-Key': key } })),
      get: (id: string) => client.get<T.Booking>(`/api/bookings/${id}`),
      mine: (when: 'upcoming' | 'past', page: number, size = 20) =>
        client.get<T.RenterHistory>('/api/bookings/me', { query: { when, page, size } }),
      /** What the cancel would do now (same rule, nothing changed): the refund shown before the renter confirms. */
      cancellation: (id: string) => client.get<T.CancellationPreview>(`/api/bookings/${id}/cancellation`),
      cancel: (id: string, reason?: string) =>
        client.post<T.Booking>(`/api/bookings/${id}/cancel`, reason ? { reason } : {}),
      ofPartner: (query: { status?: string; page: number; size?: number }) =>
        client.get<T.Page<T.Booking>>('/api/partners/me/bookings', { query }),
      earnings: (from: string, to: string, groupBy: 'month' | 'vehicle') =>
        client.get<T.Earnings>('/api/partners/me/earnings', { query: { from, to, groupBy } }),
      fleet: (page: number, size = 20) => client.get<T.Fleet>('/api/partners/me/fleet', { query: { page, size } }),
    },
    payments: {
      checkout: (bookingId: string) => client.post<T.Checkout>('/api/payments/checkout', { bookingId }),
      ofBooking: (bookingId: string) => client.get<T.BookingPayments>(`/api/payments/bookings/${bookingId}`),
    },
    partner: {
      resubmit: () => client.post<T.User>('/api/partners/me/resubmit'),
      documents: () => client.get<{ items: T.PartnerDocument[] }>('/api/partners/me/documents'),
      upload: (type: T.DocumentType, file: File) => {
        const form = new FormData();
        form.append('type', type);
        form.append('file', file);
        return client.request<T.PartnerDocument>('POST', '/api/partners/me/documents', { form });
      },
      deleteDocument: (id: string) => client.delete(`/api/partners/me/documents/${id}`),
    },
    admin: {
      overview: () => client.get<T.AdminOverview>('/api/admin/overview'),
      pendingPartners: (page: number, size = 20) =>
        client.get<T.Page<T.User>>('/api/admin/partners/pending', { query: { page, size } }),
      decidePartner: (id: string, status: 'VERIFIED' | 'REJECTED', reason?: string) =>
        client.patch<T.User>(`/api/admin/partners/${id}/verification`, { status, reason }),
      partnerDocuments: (partnerId: string) =>
        client.get<{ items: T.PartnerDocument[] }>(`/api/partners/${partnerId}/documents`),
      pendingVehicles: (page: number, size = 20) =>
        client.get<T.Page<T.Vehicle>>('/api/admin/vehicles/pending', { query: { page, size } }),
      verifyVehicle: (id: string, status: 'ACTIVE' | 'REJECTED', reason?: string) =>
        client.patch<T.Vehicle>(`/api/admin/vehicles/${id}/verification`, { status, reason }),
      vehicleStatus: (id: string, status: 'ACTIVE' | 'SUSPENDED' | 'RETIRED', reason?: string) =>
        client.patch<T.Vehicle>(`/api/admin/vehicles/${id}/status`, { status, reason }),
      users: (query: string, page: number, size = 20) =>
        client.get<T.Page<T.User>>('/api/admin/users', { query: { query, page, size } }),
      bookings: (query: { status?: string; vehicleId?: string; renterId?: string; page: number; size?: number }) =>
        client.get<T.Page<T.Booking>>('/api/admin/bookings', { query }),
      audit: (subjectId: string, page: number, size = 20) =>
        client.get<T.Page<T.AuditEntry>>('/api/admin/audit', { query: { subjectId, page, size } }),
      revenue: (from: string, to: string, groupBy: 'day' | 'month' | 'partner' | 'city') =>
        client.get<T.Revenue>('/api/admin/revenue', { query: { from, to, groupBy } }),
    },
    storage: {
      stats: () => client.get<T.NetworkStats>('/api/storage/stats'),
      nodes: () => client.get<T.StorageNode[]>('/api/storage/nodes'),
      topology: () => client.get<T.Topology>('/api/storage/topology'),
      files: (page: number, size = 20) => client.get<T.FilePage>('/api/storage/files', { query: { page, size } }),
      manifest: (fileId: string) => client.get<T.Manifest>(`/api/storage/files/${fileId}/manifest`),
      transfers: (page: number, size = 10) =>
        client.get<{ items: T.Transfer[]; total: number }>('/api/storage/transfers', { query: { page, size } }),
    },
  };
}

export type Api = ReturnType<typeof endpoints>;
