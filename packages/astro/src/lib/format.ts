/** Display formatting only: durations, relative timeline offsets, instants. No counting. */

/** `45 min`, `2 h 5 min`, `3 d 4 h`. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return 'unknown';
  const total = Math.round(minutes);
  if (total < 60) return `${total} min`;
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const rest = total % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
}

/** Offset of `at` from `origin` as the timeline shows it: `T+0`, `T+11m`, `T+2h05m`, `T+1d3h`. */
export function relativeOffset(at: string, origin: string): string {
  const minutes = Math.round((Date.parse(at) - Date.parse(origin)) / 60_000);
  if (!Number.isFinite(minutes)) return '';
  if (minutes === 0) return 'T+0';
  const sign = minutes < 0 ? '−' : '+';
  const size = Math.abs(minutes);
  const days = Math.floor(size / 1440);
  const hours = Math.floor((size % 1440) / 60);
  const rest = size % 60;
  if (days > 0) return `T${sign}${days}d${hours > 0 ? `${hours}h` : ''}`;
  if (hours > 0) return `T${sign}${hours}h${rest > 0 ? String(rest).padStart(2, '0') + 'm' : ''}`;
  return `T${sign}${rest}m`;
}

/** `2021-10-28 14:51 UTC` from an ISO instant with any offset. */
export function formatInstant(at: string): string {
  const time = Date.parse(at);
  if (!Number.isFinite(time)) return at;
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
