/**
 * The platform's JSON as the services answer it (read from their controllers and records). Money is a decimal in
 * major units of `currency`, sent as a JSON number (BigDecimal); it is only ever shown, never computed with.
 * Instants are ISO-8601 strings in UTC.
 */
export type Money = number;
export type Instant = string;
export type Uuid = string;

export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  totalElements: number;
  totalPages: number;
}

// ---- user-service
export type Role = 'RENTER' | 'PARTNER' | 'ADMIN';
export type VerificationStatus = 'PENDING' | 'VERIFIED' | 'REJECTED';

export interface User {
  id: Uuid;
  email: string;
  firstName: string;
  lastName: string;
  phoneNumber: string;
  roles: Role[];
  verificationStatus?: VerificationStatus;
  verificationReason?: string;
  verificationChangedAt?: Instant;
  createdAt: Instant;
}

export interface SignUpRequest {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  phoneNumber: string;
}

export interface Notification {
  id: Uuid;
  type: string;
  title: string;
  body: string;
  createdAt: Instant;
  readAt: Instant | null;
  read: boolean;
}

export interface NotificationPage extends Page<Notification> {
  unreadCount: number;
}

export type DocumentType = 'DRIVER_LICENCE' | 'INSURANCE' | 'OWNERSHIP';

export interface PartnerDocument {
  id: Uuid;
  type: DocumentType;
  contentType: string;
  size: number;
  originalName: string;
  uploadedAt: Instant;
}

export interface AuditEntry {
  id: number;
  occurredAt: Instant;
  actorId: Uuid | null;
  action: string;
  subjectId: string | null;
  from: string | null;
  to: string | null;
  reason: string | null;
  correlationId: string | null;
}

export type PartStatus = 'AVAILABLE' | 'UNAVAILABLE';

interface OverviewPart {
  status: PartStatus;
  reason?: string;
  asOf?: Instant;
}

export interface CurrencyRevenueSummary {
  currency: string;
  gross: Money;
  refunds: Money;
  commission: Money;
  net: Money;
  payments: number;
  refundCount: number;
}

export interface AdminOverview {
  asOf: Instant;
  users: OverviewPart & {
    total?: number;
    byRole?: Record<string, number>;
    partnersByVerification?: Record<string, number>;
    pendingPartners?: number;
  };
  vehicles: OverviewPart & {
    total?: number;
    active?: number;
    pending?: number;
    bookable?: number;
    byStatus?: Record<string, number>;
  };
  bookings: OverviewPart & { zone?: string; today?: Record<string, number>; thisMonth?: Record<string, number> };
  revenue: OverviewPart & {
    zone?: string;
    thisMonth?: { from: Instant; to: Instant; currencies: CurrencyRevenueSummary[] };
    lastMonth?: { from: Instant; to: Instant; currencies: CurrencyRevenueSummary[] };
  };
  storage: OverviewPart & {
    nodes?: { total: number; live: number; stale: number; dead: number };
    underReplicatedChunks?: number;
    unavailableChunks?: number;
    files?: number;
    storageUtilisationPercent?: number;
  };
}

// ---- vehicle-service
export type Transmission = 'MANUAL' | 'AUTOMATIC';
export type FuelType = 'PETROL' | 'DIESEL' | 'HYBRID' | 'PLUG_IN_HYBRID' | 'ELECTRIC' | 'LPG' | 'HYDROGEN';
export const TRANSMISSIONS: Transmission[] = ['MANUAL', 'AUTOMATIC'];
export const FUEL_TYPES: FuelType[] = ['PETROL', 'DIESEL', 'HYBRID', 'PLUG_IN_HYBRID', 'ELECTRIC', 'LPG', 'HYDROGEN'];
export type VehicleStatus = 'PENDING_REVIEW' | 'ACTIVE' | 'REJECTED' | 'SUSPENDED' | 'RETIRED';

export interface SearchItem {
  id: Uuid;
  partnerId: Uuid;
  make: string;
  model: string;
  year: number;
  basePricePerDay: Money;
  currency: string;
  city: string;
  country: string;
  latitude: number;
  longitude: number;
  seats: number;
  transmission: Transmission;
  fuelType: FuelType;
  features: string[];
  turnaroundMinutes: number;
  distanceKm?: number;
  coverPhotoUrl?: string;
}

export interface SearchResult extends Page<SearchItem> {
  sort: string;
}

export interface SearchParams {
  city?: string;
  country?: string;
  from?: Instant;
  to?: Instant;
  minPrice?: string;
  maxPrice?: string;
  seats?: string;
  transmission?: string;
  fuelType?: string;
  sort?: string;
  page?: number;
  size?: number;
}

export interface Location {
  city: string;
  country: string;
  latitude: number;
  longitude: number;
}

export interface PhotoRef {
  id: Uuid;
  contentType: string;
  size: number;
  url: string;
}

export interface Vehicle {
  id: Uuid;
  partnerId: Uuid;
  /** the public view only: how renters see the partner ("Jean M."); absent when not known */
  partnerName?: string;
  make: string;
  model: string;
  year: number;
  vin?: string;
  licensePlate?: string;
  basePricePerDay: Money;
  currency: string;
  location: Location;
  seats: number;
  transmission: Transmission;
  fuelType: FuelType;
  description?: string;
  features: string[];
  turnaroundMinutes: number;
  status: VehicleStatus;
  statusReason?: string;
  bookable: boolean;
  photos: PhotoRef[];
  createdAt: Instant;
  updatedAt: Instant;
}

export interface ListVehicleRequest {
  make: string;
  model: string;
  year: number;
  vin: string;
  licensePlate: string;
  basePricePerDay: string;
  currency: string;
  location: Location;
  seats: number;
  transmission: Transmission;
  fuelType: FuelType;
  description?: string;
  features?: string[];
  turnaroundMinutes?: number;
}

export interface UpdateVehicleRequest {
  basePricePerDay?: string;
  description?: string;
  features?: string[];
  location?: Location;
  turnaroundMinutes?: number;
}

export interface Blackout {
  id: Uuid;
  vehicleId: Uuid;
  from: Instant;
  to: Instant;
  reason: string | null;
  createdBy: Uuid;
  createdAt: Instant;
}

export interface Availability {
  vehicleId: Uuid;
  from: Instant;
  to: Instant;
  turnaroundMinutes: number;
  busy: { from: Instant; to: Instant; kind: 'BLACKOUT' | 'BOOKING' }[];
}

// ---- booking-service
export type BookingStatus = 'HELD' | 'CONFIRMED' | 'CANCELLED' | 'EXPIRED' | 'COMPLETED';
export const BOOKING_STATUSES: BookingStatus[] = ['HELD', 'CONFIRMED', 'CANCELLED', 'EXPIRED', 'COMPLETED'];

export interface Quote {
  vehicleId: Uuid;
  pickupAt: Instant;
  returnAt: Instant;
  days: number;
  pricePerDay: Money;
  subtotal: Money;
  serviceFee: Money;
  total: Money;
  currency: string;
}

export interface Booking {
  id: Uuid;
  status: BookingStatus;
  vehicleId: Uuid;
  renterId: Uuid;
  partnerId: Uuid;
  pickupAt: Instant;
  returnAt: Instant;
  days: number;
  pricePerDay: Money;
  subtotal: Money;
  serviceFee: Money;
  total: Money;
  currency: string;
  holdExpiresAt: Instant | null;
  confirmedAt: Instant | null;
  cancelledAt: Instant | null;
  cancelReason: string | null;
  refundAmount: Money | null;
  createdAt: Instant;
}

/** Why booking-service would refuse to cancel (GET /api/bookings/{id}/cancellation). */
export type CancellationRefusal = 'RENTAL_STARTED' | 'ALREADY_CANCELLED' | 'EXPIRED' | 'COMPLETED';

/**
 * What cancelling would do right now, by the rule the cancel itself applies: refundAmount and refundPercent are null
 * for a hold (nothing charged) and when it cannot be cancelled; detail is then the cancel's own 409 sentence.
 */
export interface CancellationPreview {
  bookingId: Uuid;
  status: BookingStatus;
  cancellable: boolean;
  reason: CancellationRefusal | null;
  detail: string | null;
  refundAmount: Money | null;
  refundPercent: number | null;
  currency: string;
  paidAmount: Money;
  policy: {
    fullRefundHoursBefore: number;
    fullRefundPercent: number;
    lateRefundPercent: number;
    fullRefundUntil: Instant;
    cancellableUntil: Instant;
  };
  asOf: Instant;
}

export interface HoldRequest {
  vehicleId: Uuid;
  pickupAt: Instant;
  returnAt: Instant;
}

export interface RenterHistory extends Page<Booking> {
  totals: { currency: string; paid: Money; refunded: Money }[];
}

export interface MoneyFigures {
  gross: Money;
  refunds: Money;
  commission: Money;
  net: Money;
}

export interface Earnings {
  partnerId: Uuid;
  from: Instant;
  to: Instant;
  groupBy: string;
  commissionPercent: number;
  currencies: {
    currency: string;
    totals: MoneyFigures & { rentals: number; rentedDays: number };
    groups: (MoneyFigures & { key: string; rentals: number; rentedDays: number })[];
  }[];
  vehicles: { vehicleId: Uuid; rentals: number; rentedDays: number; utilisation: number }[];
}

export interface Revenue {
  from: Instant;
  to: Instant;
  groupBy: string;
  commissionPercent: number;
  currencies: {
    currency: string;
    totals: MoneyFigures & { payments: number; refundCount: number };
    groups: (MoneyFigures & { key: string; payments: number; refundCount: number })[];
  }[];
}

export interface FleetRental {
  bookingId: Uuid;
  renterId: Uuid;
  pickupAt: Instant;
  returnAt: Instant;
}

export interface Fleet {
  partnerId: Uuid;
  asOf: Instant;
  nextChangeAt: Instant | null;
  counts: { vehicles: number; onRent: number; upcomingBookings: number; pendingHolds: number };
  items: {
    vehicleId: Uuid;
    make: string;
    model: string;
    year: number;
    licensePlate: string;
    city: string;
    status: string;
    bookable: boolean;
    onRent: FleetRental | null;
    nextBooking: FleetRental | null;
    pendingHolds: { bookingId: Uuid; pickupAt: Instant; returnAt: Instant; holdExpiresAt: Instant; total: Money; currency: string }[];
    pendingHoldCount: number;
  }[];
  page: number;
  size: number;
  totalElements: number;
  totalPages: number;
}

// ---- payment-service
export interface Checkout {
  sessionId: string;
  bookingId: Uuid;
  checkoutUrl: string;
  amount: Money;
  currency: string;
  expiresAt: Instant;
  provider: string;
  status: string;
}

export interface BookingPayments {
  bookingId: Uuid;
  currency: string;
  captured: Money;
  refunded: Money;
  net: Money;
  refunds: { refundId: Uuid; amount: Money; currency: string; reason: string; status: string; createdAt: Instant }[];
}

// ---- storage-controller-service
export type NodeState = 'LIVE' | 'STALE' | 'DEAD';
export type NodeAdminState = 'ACTIVE' | 'DECOMMISSIONING' | 'DECOMMISSIONED';

export interface StorageNode {
  nodeId: string;
  zone: string;
  baseUrl: string;
  vcpus: number;
  memoryGb: number;
  storageGb: number;
  bandwidthMbps: number;
  capacityBytes: number;
  usedBytes: number;
  freeBytes: number;
  chunkCount: number;
  activeTransfers: number;
  rateInBps: number;
  rateOutBps: number;
  state: NodeState;
  adminState: NodeAdminState;
  lastHeartbeatAt: Instant | null;
  replicas: number;
  replicaBytes: number;
  chunksOnlyHere: number;
}

export interface NetworkStats {
  nodes: { total: number; live: number; stale: number; dead: number; decommissioning: number; decommissioned: number };
  files: number;
  chunks: number;
  replicas: number;
  logicalBytes: number;
  storedBytes: number;
  usedBytes: number;
  capacityBytes: number;
  storageUtilisationPercent: number;
  bandwidthUtilisationPercent: number;
  activeTransfers: number;
  nodeActiveTransfers: number;
  copiesInFlight: number;
  transfersInProgress: number;
  underReplicatedChunks: number;
  unavailableChunks: number;
  replicationFactorAverage: number;
  generatedAt: Instant;
}

export interface Topology {
  mode: 'MESH' | 'LINKS';
  nodes: { nodeId: string; zone: string; state: NodeState; adminState: NodeAdminState; bandwidthMbps: number }[];
  links: { nodeA: string; nodeB: string; bandwidthMbps: number; defined: boolean; up: boolean; effectiveMbps: number }[];
}

export interface StoredFile {
  fileId: Uuid;
  name: string | null;
  contentType: string;
  size: number;
  chunkSize: number;
  replication: number;
  chunkCount: number;
  status: string;
  createdAt: Instant;
}

export interface FilePage {
  items: StoredFile[];
  page: number;
  size: number;
  total: number;
}

export interface Manifest {
  fileId: Uuid;
  name: string | null;
  size: number;
  replication: number;
  status: string;
  chunks: { index: number; chunkId: string; size: number; replicas: string[]; copies?: { nodeId: string; status: string }[] }[];
}

export interface Transfer {
  transferId: Uuid;
  fileId: Uuid;
  sourceNodeId: string;
  targetNodeId: string;
  mode: string;
  status: string;
  route: string[];
  chunkCount: number;
  completedChunks: number;
  failedChunks: number;
  bytes: number;
  createdAt: Instant;
}
