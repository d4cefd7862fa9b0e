/**
 * The visitor's filter choices live in the page URL (`?w4g-town=…&w4g-category=…&w4g-q=…`),
 * so a filtered view can be bookmarked and shared. With several lists on a page, an `id` on
 * the element keeps their parameters apart (`w4g-town-<id>`).
 */
export interface VisitorFilters {
  town?: string;
  category?: string;
  q?: string;
}

const KEYS = ['town', 'category', 'q'] as const;

function param(key: string, id: string): string {
  return id ? `w4g-${key}-${id}` : `w4g-${key}`;
}

export function readUrlFilters(id: string): VisitorFilters {
  const params = new URLSearchParams(location.search);
  const out: VisitorFilters = {};
  for (const key of KEYS) {
    const value = params.get(param(key, id));
    if (value) out[key] = value.slice(0, 200);
  }
  return out;
}

export function writeUrlFilters(id: string, filters: VisitorFilters): void {
  const url = new URL(location.href);
  for (const key of KEYS) {
    const value = filters[key]?.trim();
    if (value) url.searchParams.set(param(key, id), value);
    else url.searchParams.delete(param(key, id));
  }
  if (url.href !== location.href) history.replaceState(history.state, '', url.href);
}
