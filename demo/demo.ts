// Until the elements exist, the demo lists the sample feeds' occurrences through the core.
import { expandOccurrences, sharedFeedStore, type Occurrence } from '../src/core/index.js';

const FEEDS = ['/demo/feeds/region.json', '/demo/feeds/kirche.ics'];

const dateFormat = new Intl.DateTimeFormat('de-DE', {
  weekday: 'short',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Europe/Berlin',
});
const timeFormat = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' });

function when(o: Occurrence): string {
  if (o.allDay) return `${dateFormat.format(new Date(`${o.start}T12:00:00Z`))}, ganztägig`;
  const start = new Date(o.start);
  return `${dateFormat.format(start)}, ${timeFormat.format(start)} Uhr`;
}

async function main(): Promise<void> {
  const status = document.getElementById('status')!;
  const list = document.getElementById('events')!;
  const { result, failures } = await sharedFeedStore().loadAll(FEEDS);
  const today = new Date().toISOString().slice(0, 10);
  const end = new Date(Date.now() + 56 * 86_400_000).toISOString().slice(0, 10);
  const occurrences = expandOccurrences(result.events, { start: today, end });
  for (const o of occurrences) {
    const item = document.createElement('li');
    const title = document.createElement('strong');
    title.textContent = o.title;
    if (o.status === 'cancelled') title.className = 'cancelled';
    item.append(`${when(o)} – `, title, o.town ? ` (${o.town})` : '', o.status === 'cancelled' ? ' – Abgesagt' : '');
    list.append(item);
  }
  status.textContent = failures.length
    ? `${occurrences.length} Termine; ${failures.length} Feed(s) nicht erreichbar.`
    : `${occurrences.length} Termine.`;
}

void main();
