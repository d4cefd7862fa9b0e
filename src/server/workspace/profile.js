// The association profile editor: members edit their association's, editors their towns',
// admins every one. Name, description, contact, website (http/https only, checked by the
// server), "Mitglieder gesucht" / "Helfer gesucht", and standing meetings as real recurrences
// (RRULE) built from the first meeting's weekday. Saving publishes to the directory feed.

import { t } from '/common/workspace-i18n.js';
import { button, el, field, select } from './dom.js';

const $ = (id) => document.getElementById(id);

/**
 * "Mitglieder gesucht" or "Helfer gesucht" (`kind`: members, helpers): the checkbox and the short
 * text. `wanted` is true or, in older profiles, the text itself; `text` the text of newer ones.
 */
function wantedFields(kind, wanted, text, label, textLabel) {
  return [
    el(
      'div',
      { className: 'toolbar' },
      el('input', { type: 'checkbox', id: `pf-${kind}-wanted`, checked: wanted === true || typeof wanted === 'string' }),
      el('label', { htmlFor: `pf-${kind}-wanted` }, label),
    ),
    ...field(`pf-${kind}-text`, textLabel, el('input', { value: text ?? (typeof wanted === 'string' ? wanted : '') })),
  ];
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The rules the form offers for a first meeting at `start` (YYYY-MM-DDTHH:MM). */
export function rulesFor(start) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(start ?? '');
  if (!m) return { none: '' };
  const day = Number(m[3]);
  const weekday = WEEKDAYS[new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, day)).getUTCDay()];
  const rules = {
    none: '',
    weekly: `FREQ=WEEKLY;BYDAY=${weekday}`,
    biweekly: `FREQ=WEEKLY;INTERVAL=2;BYDAY=${weekday}`,
  };
  if (day <= 28) rules.monthlyNth = `FREQ=MONTHLY;BYDAY=${Math.ceil(day / 7)}${weekday}`;
  rules.monthlyLast = `FREQ=MONTHLY;BYDAY=-1${weekday}`;
  return rules;
}

export function createProfile({ api, run, showAlert, announce }) {
  let me;
  let entries = [];
  let chosen = '';
  let meetings = [];

  const current = () => entries.find((e) => e.association.id === chosen);

  function ruleOptions(start, rrule) {
    const rules = rulesFor(start);
    const options = Object.keys(rules).map((key) => [key, t(`profile.rule.${key}`)]);
    let value = Object.keys(rules).find((k) => rules[k] === (rrule ?? '')) ?? 'kept';
    if (value === 'kept') options.push(['kept', t('profile.rule.kept', { rule: rrule })]);
    return { options, value };
  }

  /** Reads the meetings' fields back into `meetings` (before a re-render or a save). */
  function syncMeetings() {
    meetings = meetings.map((m, i) => {
      if (!$(`m${i}-start`)) return m;
      const start = $(`m${i}-start`).value;
      const endTime = $(`m${i}-end`).value;
      const rule = $(`m${i}-rrule`).value;
      const rrule = rule === 'kept' ? m.rrule : rulesFor(start)[rule] || undefined;
      const next = { ...m, start, title: $(`m${i}-title`).value.trim(), place: $(`m${i}-place`).value.trim() };
      if (endTime && start) next.end = `${start.slice(0, 10)}T${endTime}`;
      else delete next.end;
      if (rrule) next.rrule = rrule;
      else delete next.rrule;
      return next;
    });
  }

  function meetingFieldset(m, i) {
    const start = (m.start ?? '').slice(0, 16);
    const rules = ruleOptions(start, m.rrule);
    const rule = select(rules.options, rules.value);
    const startInput = el('input', { type: 'datetime-local', value: start });
    // The offered rules follow the first meeting's weekday: the options change in place (the
    // person may still be typing in the date field), the chosen kind of rule stays.
    startInput.addEventListener('change', () => {
      const kind = rule.value;
      const next = ruleOptions(startInput.value, kind === 'kept' ? m.rrule : undefined);
      rule.replaceChildren(...next.options.map(([v, text]) => el('option', { value: v }, text)));
      rule.value = next.options.some(([v]) => v === kind) ? kind : next.value;
    });
    return el(
      'fieldset',
      { className: 'meeting' },
      el('legend', {}, t('profile.meeting', { n: i + 1 })),
      ...field(`m${i}-title`, t('profile.meetingTitle'), el('input', { value: m.title ?? '' })),
      ...field(`m${i}-start`, t('profile.meetingStart'), startInput),
      ...field(`m${i}-end`, t('profile.meetingEnd'), el('input', { type: 'time', value: (m.end ?? '').slice(11, 16) })),
      ...field(`m${i}-rrule`, t('profile.meetingRule'), rule),
      ...field(`m${i}-place`, t('profile.meetingPlace'), el('input', { value: m.place ?? '' })),
      button(t('profile.removeMeeting', { n: i + 1 }), () => {
        syncMeetings();
        meetings.splice(i, 1);
        renderMeetings('profile-add-meeting');
      }),
    );
  }

  function renderMeetings(focusId) {
    const box = $('profile-meetings');
    // Field ids follow the server's error keys: meetings.<i>.rrule -> m<i>-rrule.
    box.replaceChildren(...meetings.map(meetingFieldset));
    if (focusId) $(focusId)?.focus();
  }

  function render() {
    const root = $('profile-root');
    const entry = current();
    if (!entry) {
      root.replaceChildren();
      return;
    }
    const a = entry.association;
    meetings = (a.meetings ?? []).map((m) => ({ ...m }));
    const chooser =
      entries.length > 1
        ? field(
            'profile-choose',
            t('profile.choose'),
            select(
              entries.map((e) => [e.association.id, e.association.name]),
              chosen,
            ),
            { error: false },
          )
        : [];
    const text = (value) => el('input', { value: value ?? '' });
    const form = el(
      'form',
      { id: 'profile-form', noValidate: true },
      ...field('pf-name', t('profile.name'), text(a.name)),
      ...field('pf-description', t('profile.description'), el('textarea', { value: a.description ?? '' })),
      ...field('pf-categories', t('profile.categories'), text((a.categories ?? []).join(', ')), {
        hint: t('profile.categoriesHint'),
      }),
      ...field('pf-email', t('profile.email'), el('input', { type: 'email', value: a.email ?? '', autocomplete: 'off' })),
      ...field('pf-phone', t('profile.phone'), el('input', { type: 'tel', value: a.phone ?? '' })),
      ...field('pf-address', t('profile.address'), text(a.address)),
      ...field('pf-website', t('profile.website'), el('input', { type: 'url', value: a.website ?? '' }), {
        hint: t('profile.websiteHint'),
      }),
      ...wantedFields(
        'members',
        a.membersWanted,
        a.membersWantedText,
        t('profile.membersWanted'),
        t('profile.membersWantedText'),
      ),
      ...wantedFields(
        'helpers',
        a.helpersWanted,
        a.helpersWantedText,
        t('profile.helpersWanted'),
        t('profile.helpersWantedText'),
      ),
      el('h3', {}, t('profile.meetings')),
      el('div', { id: 'profile-meetings' }),
      button(
        t('profile.addMeeting'),
        () => {
          syncMeetings();
          meetings.push({});
          renderMeetings(`m${meetings.length - 1}-title`);
        },
        { id: 'profile-add-meeting' },
      ),
      el('div', { className: 'actions' }, el('button', { type: 'submit', className: 'primary' }, t('profile.save'))),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void save();
    });
    const trust = entry.mayTrust
      ? el(
          'div',
          { className: 'toolbar' },
          el('input', { type: 'checkbox', id: 'pf-trusted', checked: entry.trusted }),
          el('label', { htmlFor: 'pf-trusted' }, t('profile.trusted')),
        )
      : null;
    root.replaceChildren(...chooser, ...(trust ? [trust] : []), form);
    renderMeetings();
    $('profile-choose')?.addEventListener('change', (e) => {
      chosen = e.target.value;
      render();
      $('profile-choose').focus();
    });
    $('pf-trusted')?.addEventListener('change', (e) =>
      run(
        () =>
          api(`/api/workspace/associations/${encodeURIComponent(a.id)}/trust`, {
            method: 'POST',
            body: JSON.stringify({ trusted: e.target.checked }),
          }),
        t('profile.trustSaved'),
      ),
    );
  }

  function clearErrors() {
    for (const p of $('profile-root').querySelectorAll('.field-error')) p.textContent = '';
  }

  async function save() {
    showAlert('');
    clearErrors();
    syncMeetings();
    const a = current().association;
    const body = { ...a };
    const set = (key, value) => {
      if (value) body[key] = value;
      else delete body[key];
    };
    set('name', $('pf-name').value.trim());
    set('description', $('pf-description').value.trim());
    body.categories = $('pf-categories')
      .value.split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    set('email', $('pf-email').value.trim());
    set('phone', $('pf-phone').value.trim());
    set('address', $('pf-address').value.trim());
    set('website', $('pf-website').value.trim());
    body.membersWanted = $('pf-members-wanted').checked;
    set('membersWantedText', $('pf-members-text').value.trim());
    body.helpersWanted = $('pf-helpers-wanted').checked;
    set('helpersWantedText', $('pf-helpers-text').value.trim());
    const local = {};
    meetings.forEach((m, i) => {
      if (!m.start) local[`meetings.${i}.start`] = t('profile.meetingStartRequired');
    });
    body.meetings = meetings.map((m) => {
      const out = { ...m };
      for (const k of ['title', 'place']) if (!out[k]) delete out[k];
      return out;
    });
    if (!body.meetings.length) delete body.meetings;
    if (Object.keys(local).length) return showErrors(local);
    try {
      const { status, body: answer } = await api(`/api/workspace/associations/${encodeURIComponent(a.id)}`, {
        method: 'PUT',
        body: JSON.stringify(body),
      });
      if (status === 422) return showErrors(answer.errors ?? {});
      current().association = answer.association;
      announce(t('profile.saved'));
      render();
    } catch (error) {
      showAlert(error.message);
    }
  }

  const FIELD_IDS = {
    name: 'pf-name',
    description: 'pf-description',
    categories: 'pf-categories',
    email: 'pf-email',
    phone: 'pf-phone',
    address: 'pf-address',
    website: 'pf-website',
    membersWanted: 'pf-members-text',
    membersWantedText: 'pf-members-text',
    helpersWanted: 'pf-helpers-text',
    helpersWantedText: 'pf-helpers-text',
  };

  function showErrors(errors) {
    let first;
    const other = [];
    for (const [key, message] of Object.entries(errors)) {
      const meeting = /^meetings\.(\d+)\.(\w+)/.exec(key);
      const id = meeting ? `m${meeting[1]}-${meeting[2]}` : FIELD_IDS[key.split('.')[0]];
      const target = id && $(`${id}-error`);
      if (target) {
        target.textContent = message;
        first ??= $(id);
      } else other.push(message);
    }
    showAlert([t('common.checkFields'), ...other].join(' '));
    first?.focus();
  }

  document.addEventListener('w4g-workspace-lang', () => {
    if (entries.length && !$('vereinsprofil').hidden) render();
  });

  return {
    async load(currentMe) {
      me = currentMe;
      const { body } = await api('/api/workspace/associations');
      entries = body.associations;
      // Members and editors see the section when there is a profile to keep.
      $('vereinsprofil').hidden = entries.length === 0 || !me;
      if (!entries.some((e) => e.association.id === chosen)) chosen = entries[0]?.association.id ?? '';
      render();
    },
  };
}
