/**
 * The browser's <input type="datetime-local"> works in local time without a zone; the API wants instants. These
 * convert between the two (minutes only: the booking rules want whole minutes).
 */
function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return '';
  }
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant of a local date-time input, ISO-8601 in UTC; '' when empty or invalid. */
export function fromLocalInput(value: string): string {
  if (!value) {
    return '';
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) {
    return '';
  }
  d.setSeconds(0, 0);
  return d.toISOString();
}

/** Tomorrow at 10:00 local and `days` later: the dates a new search starts with. */
export function defaultStay(days = 3, now = new Date()): { from: string; to: string } {
  const from = new Date(now);
  from.setDate(from.getDate() + 1);
  from.setHours(10, 0, 0, 0);
  const to = new Date(from);
  to.setDate(to.getDate() + days);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** ISO instant of local midnight `offsetDays` from today (month windows for dashboards use UTC months instead). */
export function monthsAgoUtc(months: number, now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1)).toISOString();
}

export function startOfNextMonthUtc(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
}
