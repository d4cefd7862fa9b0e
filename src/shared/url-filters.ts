/**
 * The visitor's filter choices live in the page URL (`?w4g-town=…&w4g-category=…&w4g-q=…`,
 * `w4g-accessible=1`, `w4g-free=1`), so a filtered view can be bookmarked and shared. With
 * several lists on a page, an `id` on the element keeps their parameters apart
 * (`w4g-town-<id>`).
 */
export interface VisitorFilters {
  town?: string;
  category?: string;
  audience?: string;
  q?: string;
  /** Only dates with accessibility facts. */
  accessible?: boolean;
  /** Only dates free of charge. */
  free?: boolean;
}

const TEXT_KEYS = ['town', 'category', 'audience', 'q'] as const;
const FLAG_KEYS = ['accessible', 'free'] as const;

function param(key: string, id: string): string {
  return id ? `w4g-${key}-${id}` : `w4g-${key}`;
}

export function readUrlFilters(id: string): VisitorFilters {
  const params = new URLSearchParams(location.search);
  const out: VisitorFilters = {};
  for (const key of TEXT_KEYS) {
    const value = params.get(param(key, id));
    if (value) out[key] = value.slice(0, 200);
  }
  for (const key of FLAG_KEYS) if (params.get(param(key, id)) === '1') out[key] = true;
  return out;
}

export function writeUrlFilters(id: string, filters: VisitorFilters): void {
  const url = new URL(location.href);
  for (const key of TEXT_KEYS) {
    const value = filters[key]?.trim();
    if (value) url.searchParams.set(param(key, id), value);
    else url.searchParams.delete(param(key, id));
  }
  for (const key of FLAG_KEYS) {
    if (filters[key]) url.searchParams.set(param(key, id), '1');
    else url.searchParams.delete(param(key, id));
  }
  if (url.href !== location.href) history.replaceState(history.state, '', url.href);
}
