// Members and invitations: the members of the associations the person may invite to (members:
// their own; editors: their towns'; admins: all), the editors of their towns, and for admins
// the region's admins; invite someone by email, remove a membership (the server ends that
// account's sessions). The server decides every permission again (403 otherwise).

import { t } from '/common/workspace-i18n.js';
import { button, el, field, select } from './dom.js';

const $ = (id) => document.getElementById(id);

export function createMembers({ api, run, showAlert, announce }) {
  let me;
  let accounts = [];
  let associations = [];

  function holders(role, scope) {
    return accounts.filter((a) => a.roles.some((r) => r.role === role && r.scope === scope));
  }

  function group(headingText, role, scope, scopeLabel, removable) {
    const people = holders(role, scope);
    const list = el(
      'ul',
      { className: 'people' },
      people.map((a) =>
        el(
          'li',
          {},
          el('span', {}, a.email),
          removable
            ? button(
                t('members.remove'),
                () =>
                  run(
                    () =>
                      api('/api/workspace/roles/revoke', {
                        method: 'POST',
                        body: JSON.stringify({ accountId: a.id, role, scope }),
                      }),
                    t('members.removed', { email: a.email }),
                  ),
                { 'aria-label': t('members.removeLabel', { email: a.email, scope: scopeLabel }) },
              )
            : null,
        ),
      ),
    );
    return [el('h3', {}, headingText), people.length ? list : el('p', {}, t('members.none'))];
  }

  function towns() {
    if (!me.roles.admin) return me.roles.towns;
    const all = new Set(associations.map((e) => e.association.town).filter(Boolean));
    for (const a of accounts) for (const r of a.roles) if (r.role === 'editor') all.add(r.scope);
    return [...all].sort((x, y) => x.localeCompare(y, 'de'));
  }

  function render() {
    const invitable = associations.filter((e) => e.mayInvite);
    const parts = [];
    for (const e of invitable) {
      parts.push(...group(t('members.of', { name: e.association.name }), 'member', e.association.id, e.association.name, true));
    }
    for (const town of towns()) {
      const label = t('members.editors', { town });
      parts.push(...group(label, 'editor', town, label, me.roles.admin));
    }
    if (me.roles.admin) parts.push(...group(t('members.admins'), 'admin', '', t('members.admins'), true));

    const options = invitable.map((e) => [`member:${e.association.id}`, t('members.inviteMember', { name: e.association.name })]);
    if (me.roles.admin) {
      for (const town of towns()) options.push([`editor:${town}`, t('members.inviteEditor', { town })]);
      options.push(['admin:', t('members.inviteAdmin')]);
    }
    const email = el('input', { type: 'email', autocomplete: 'off', required: true });
    const as = select(options, options[0]?.[0]);
    const form = el(
      'form',
      { noValidate: true, 'aria-labelledby': 'members-invite-heading' },
      el('h3', { id: 'members-invite-heading' }, t('members.inviteHeading')),
      ...field('invite-email', t('members.inviteEmail'), email),
      ...field('invite-as', t('members.inviteAs'), as, { error: false }),
      el('div', { className: 'actions' }, el('button', { type: 'submit', className: 'primary' }, t('members.invite'))),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      showAlert('');
      $('invite-email-error').textContent = '';
      const [role, scope] = as.value.split(/:(.*)/s);
      try {
        const { status, body } = await api('/api/workspace/invitations', {
          method: 'POST',
          body: JSON.stringify({ email: email.value.trim(), role, scope }),
        });
        if (status === 422) {
          $('invite-email-error').textContent = body.errors?.email ?? body.error ?? '';
          showAlert(t('common.checkFields'));
          email.focus();
          return;
        }
        announce(t('members.invited', { email: body.email }));
        email.value = '';
      } catch (error) {
        showAlert(error.message);
      }
    });
    $('members-root').replaceChildren(...parts, ...(options.length ? [form] : []));
  }

  document.addEventListener('w4g-workspace-lang', () => {
    if (me && !$('mitglieder').hidden) render();
  });

  return {
    async load(current) {
      me = current;
      const [a, b] = await Promise.all([api('/api/workspace/accounts'), api('/api/workspace/associations')]);
      accounts = a.body.accounts;
      associations = b.body.associations;
      const any = me.roles.admin || me.roles.towns.length > 0 || associations.some((e) => e.mayInvite);
      $('mitglieder').hidden = !any;
      if (any) render();
    },
  };
}
