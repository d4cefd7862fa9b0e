// The gazette (Mitteilungsblatt) form, shared by the moderation page (/admin/, admin token) and
// the workspace (/redaktion/, session): the towns and categories the server offers, the period,
// order and layout, the downloads (DOCX, PDF, text) and copying the text. The form's markup
// (ids gazette-*) is here too, put where a page has `<div id="gazette-form-slot">`; each page
// says how it reaches the server. Plain JavaScript served
// as it is at /common/ (no build step), no inline code (strict CSP).

const $ = (id) => document.getElementById(id);

/** The form, static markup (no data in it): labels, fieldsets with legends, hints. */
const FORM_HTML = `
  <form id="gazette-form" novalidate>
    <fieldset id="gazette-towns">
      <legend>Orte</legend>
      <div id="gazette-town-list" class="choices"></div>
      <p class="hint" id="gazette-towns-hint">Kein Ort gewählt: alle Orte.</p>
    </fieldset>
    <fieldset>
      <legend>Zeitraum</legend>
      <div class="row">
        <div>
          <label for="gazette-from">Von</label>
          <input id="gazette-from" name="from" type="date" required aria-describedby="gazette-period-hint" />
        </div>
        <div>
          <label for="gazette-to">Bis einschließlich</label>
          <input id="gazette-to" name="to" type="date" required aria-describedby="gazette-period-hint" />
        </div>
      </div>
      <p class="hint" id="gazette-period-hint">Höchstens drei Monate.</p>
    </fieldset>
    <fieldset id="gazette-categories">
      <legend>Kategorien</legend>
      <div id="gazette-category-list" class="choices"></div>
      <p class="hint">Keine gewählt: alle Kategorien.</p>
    </fieldset>
    <fieldset>
      <legend>Reihenfolge</legend>
      <div class="choices">
        <label class="choice"><input type="radio" name="order" value="day" checked /> Nach Tagen</label>
        <label class="choice"><input type="radio" name="order" value="town" /> Nach Orten, darin nach Tagen</label>
      </div>
    </fieldset>
    <fieldset>
      <legend>Gestaltung</legend>
      <fieldset class="inner">
        <legend>Spalten</legend>
        <div class="choices">
          <label class="choice"><input type="radio" name="columns" value="1" /> eine Spalte</label>
          <label class="choice"><input type="radio" name="columns" value="2" checked /> zwei Spalten</label>
        </div>
      </fieldset>
      <div class="row">
        <div>
          <label for="gazette-font-size">Schriftgröße (Punkt)</label>
          <input
            id="gazette-font-size"
            name="fontSize"
            type="number"
            min="7"
            max="14"
            step="1"
            value="10"
            inputmode="numeric"
          />
        </div>
        <div>
          <label for="gazette-description">Beschreibung: höchstens Zeichen</label>
          <input
            id="gazette-description"
            name="maxDescription"
            type="number"
            min="0"
            max="400"
            step="10"
            value="120"
            inputmode="numeric"
            aria-describedby="gazette-description-hint"
          />
          <p class="hint" id="gazette-description-hint">0: ohne Beschreibung.</p>
        </div>
      </div>
      <label class="choice"
        ><input type="checkbox" name="series" id="gazette-series" checked /> Regelmäßige Termine zusammenfassen („jeden
        Mittwoch, 19:00 Uhr, …“)</label
      >
      <label class="choice"
        ><input type="checkbox" name="images" id="gazette-images" aria-describedby="gazette-images-hint" /> Mit
        Bildern</label
      >
      <p class="hint" id="gazette-images-hint"></p>
    </fieldset>
    <div class="actions">
      <button type="button" data-format="docx">DOCX herunterladen</button>
      <button type="button" data-format="pdf">PDF herunterladen</button>
      <button type="button" data-format="txt">Text herunterladen</button>
      <button type="button" id="gazette-copy">Text kopieren</button>
    </div>
    <div id="gazette-text-box" hidden>
      <label for="gazette-text">Text für das Redaktionssystem</label>
      <textarea id="gazette-text" readonly rows="12"></textarea>
    </div>
  </form>
`;

/** Puts the form where the page has its slot (once). */
function placeForm() {
  const slot = $('gazette-form-slot');
  if (!slot) return;
  const template = document.createElement('template');
  template.innerHTML = FORM_HTML;
  slot.replaceWith(template.content);
}

const UNREACHABLE = 'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung.';

/** "2027-06-01" for the first day of the month after `date`, and that month's last day. */
export function nextMonth(date = new Date()) {
  const first = new Date(Date.UTC(date.getFullYear(), date.getMonth() + 1, 1));
  const last = new Date(Date.UTC(date.getFullYear(), date.getMonth() + 2, 0));
  return [first.toISOString().slice(0, 10), last.toISOString().slice(0, 10)];
}

function checkboxes(container, name, values, checked) {
  container.replaceChildren(
    ...values.map((value) => {
      const label = document.createElement('label');
      label.className = 'choice';
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.name = name;
      input.value = value;
      input.checked = checked;
      label.append(input, ` ${value}`);
      return label;
    }),
  );
}

/** The form as the export's query string. */
function gazetteQuery() {
  const form = $('gazette-form');
  const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
  const params = new URLSearchParams();
  const towns = checked('towns');
  if (towns.length) params.set('towns', towns.join(','));
  params.set('from', $('gazette-from').value);
  params.set('to', $('gazette-to').value);
  const categories = checked('categories');
  if (categories.length) params.set('categories', categories.join(','));
  params.set('order', checked('order')[0] ?? 'day');
  params.set('columns', checked('columns')[0] ?? '2');
  params.set('fontSize', $('gazette-font-size').value.trim());
  params.set('maxDescription', $('gazette-description').value.trim());
  params.set('series', $('gazette-series').checked ? 'collapse' : 'list');
  params.set('images', $('gazette-images').checked ? 'true' : 'false');
  return params;
}

/**
 * The form of one page.
 * - base: '/api/admin/gazette' or '/api/workspace/gazette'
 * - request(): the fetch options of that page (its Authorization header or its cookie)
 * - unauthorized(): a 401 answer; returns the German message to show (after showing the sign-in)
 * - announce(text), showAlert(text): the page's live region and alert
 * - ownTowns: the grant is limited to some towns (a town editor): they come checked, and at
 *   least one must stay checked
 */
export function gazetteForm({ base, request, unauthorized, announce, showAlert, ownTowns = () => false }) {
  placeForm();
  async function get(path) {
    let response;
    try {
      response = await fetch(path, { ...request(), cache: 'no-store' });
    } catch {
      throw new Error(UNREACHABLE);
    }
    if (response.status === 401) throw new Error(unauthorized());
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error(body.error || `Fehler ${response.status}`);
    }
    return response;
  }

  async function loadOptions() {
    try {
      const body = await (await get(`${base}/options`)).json();
      const own = ownTowns();
      checkboxes($('gazette-town-list'), 'towns', body.towns, own);
      checkboxes($('gazette-category-list'), 'categories', body.categories, false);
      $('gazette-towns-hint').textContent = own
        ? body.towns.length
          ? 'Ihre Orte. Mindestens einen Ort wählen.'
          : 'Für Ihre Orte gibt es derzeit keine veröffentlichten Termine.'
        : 'Kein Ort gewählt: alle Orte.';
      $('gazette-period-hint').textContent = `Höchstens drei Monate (${body.maxDays} Tage).`;
      const images = $('gazette-images');
      images.disabled = !body.imagesAvailable;
      images.checked = false;
      $('gazette-images-hint').textContent = body.imagesAvailable
        ? 'Nur Bilder, die auf diesem Server gespeichert sind.'
        : 'Derzeit keine Bilder verfügbar: Dieser Server speichert noch keine Bilder.';
    } catch (error) {
      showAlert(error.message);
    }
  }

  /** A document from the export, or an Error with the server's German message. */
  async function fetchGazette(format) {
    const response = await get(`${base}.${format}?${gazetteQuery()}`);
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `mitteilungsblatt.${format}`;
    return { name, blob: await response.blob() };
  }

  /** Checks in the page what the server would refuse, so the message comes at once and at the field. */
  function formError() {
    const from = $('gazette-from');
    const to = $('gazette-to');
    if (ownTowns() && !$('gazette-form').querySelector('input[name="towns"]:checked')) {
      const first = $('gazette-town-list').querySelector('input');
      return [first ?? $('gazette-from'), 'Bitte wählen Sie mindestens einen Ihrer Orte.'];
    }
    if (!from.value) return [from, 'Bitte geben Sie den Beginn des Zeitraums an.'];
    if (!to.value) return [to, 'Bitte geben Sie das Ende des Zeitraums an.'];
    if (to.value < from.value) return [to, 'Das Ende des Zeitraums liegt vor seinem Beginn.'];
    return undefined;
  }

  async function onGazette(format, button) {
    showAlert('');
    const problem = formError();
    if (problem) {
      showAlert(problem[1]);
      problem[0].focus();
      return;
    }
    button.disabled = true;
    announce('Das Mitteilungsblatt wird erstellt …');
    try {
      const { name, blob } = await fetchGazette(format);
      if (button.id === 'gazette-copy') {
        const text = await blob.text();
        $('gazette-text').value = text;
        $('gazette-text-box').hidden = false;
        try {
          await navigator.clipboard.writeText(text);
          announce('Der Text des Mitteilungsblatts ist in der Zwischenablage.');
        } catch {
          // No clipboard (an insecure origin, a denied permission): the text is selected to copy by hand.
          $('gazette-text').focus();
          $('gazette-text').select();
          announce('Der Text steht im Feld „Text für das Redaktionssystem“ und ist markiert: Kopieren Sie ihn mit Strg+C.');
        }
        return;
      }
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      announce(`${name} wurde heruntergeladen.`);
    } catch (error) {
      showAlert(error.message);
      announce('');
    } finally {
      button.disabled = false;
    }
  }

  /** Sets the period to next month and wires the buttons; once, at the page's start. */
  function init() {
    const [from, to] = nextMonth();
    $('gazette-from').value = from;
    $('gazette-to').value = to;
    for (const button of $('gazette-form').querySelectorAll('button[data-format]')) {
      button.addEventListener('click', () => void onGazette(button.dataset.format, button));
    }
    $('gazette-copy').addEventListener('click', (e) => void onGazette('txt', e.currentTarget));
    $('gazette-form').addEventListener('submit', (e) => e.preventDefault());
  }

  return { init, loadOptions };
}
