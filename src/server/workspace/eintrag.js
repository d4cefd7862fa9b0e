// The submitter's private page: the token is the link's fragment (#…), never sent in a URL;
// it goes to the server in the body of each request. View, correct while pending, withdraw.

const $ = (id) => document.getElementById(id);
const token = location.hash.slice(1);
let entry;

async function call(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, ...body }),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new Error('Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung.');
  }
  const data = await response.json().catch(() => ({}));
  if (response.status === 422) return { status: 422, data };
  if (!response.ok) throw new Error(data.error || `Fehler ${response.status}`);
  return { status: response.status, data };
}

function formatWhen(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value || '');
  if (!m) return value || '';
  return m[4] ? `${m[3]}.${m[2]}.${m[1]}, ${m[4]}:${m[5]} Uhr` : `${m[3]}.${m[2]}.${m[1]}`;
}

const STATE = {
  pending: 'Wird von der Redaktion geprüft. Sie können ihn noch korrigieren.',
  approved: 'Veröffentlicht.',
  rejected: 'Nicht veröffentlicht.',
};

function show(submission) {
  entry = submission;
  $('entry').hidden = false;
  $('entry-heading').textContent = submission.event.title;
  $('entry-when').textContent = [formatWhen(submission.event.start), submission.event.town].filter(Boolean).join(' · ');
  $('entry-state').textContent = STATE[submission.status] || submission.status;
  $('correct-form').hidden = submission.status !== 'pending';
  $('title').value = submission.event.title;
  $('description').value = submission.event.description || '';
}

async function load() {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) {
    $('alert').textContent = 'Dieser Link ist ungültig. Bitte prüfen Sie, ob er vollständig aus der E-Mail übernommen wurde.';
    return;
  }
  try {
    show((await call('POST', '/api/own/submission')).data.submission);
  } catch (error) {
    $('alert').textContent = error.message;
  }
}

$('correct-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('alert').textContent = '';
  $('title-error').textContent = '';
  const { id: _id, ...event } = entry.event;
  event.title = $('title').value.trim();
  if ($('description').value.trim()) event.description = $('description').value.trim();
  else delete event.description;
  try {
    const { status, data } = await call('PUT', '/api/own/submission', { event });
    if (status === 422) {
      $('title-error').textContent = data.errors['event.title'] || '';
      $('alert').textContent = Object.values(data.errors).join(' ');
      return;
    }
    show(data.submission);
    $('status').textContent = 'Ihre Korrektur ist gespeichert.';
  } catch (error) {
    $('alert').textContent = error.message;
  }
});

$('withdraw').addEventListener('click', async () => {
  $('alert').textContent = '';
  try {
    await call('POST', '/api/own/submission/withdraw');
    $('entry').hidden = true;
    $('status').textContent = 'Ihr Termin ist zurückgezogen und gelöscht.';
  } catch (error) {
    $('alert').textContent = error.message;
  }
});

void load();
