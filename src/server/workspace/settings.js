// The workspace's "Einstellungen": how a town editor hears of new submissions (at once, a
// daily digest, or not at all), the language of one's emails, downloading one's data and
// deleting one's own account. Plain JavaScript, no inline code (strict CSP); the requests go
// through the page's api() (session cookie, X-CSRF-Token on writes). Its static texts carry
// `data-i18n` in the page (filled by applyI18n on a change of language); its announcements come
// from the workspace's table.

import { t } from '/common/workspace-i18n.js';

const $ = (id) => document.getElementById(id);

/**
 * @param {object} page
 * @param {(path: string, init?: RequestInit) => Promise<{ status: number, body: any }>} page.api
 * @param {(text: string) => void} page.announce
 * @param {(text: string) => void} page.showAlert
 * @param {() => void} page.signedOut called after the account was deleted
 */
export function settings({ api, announce, showAlert, signedOut }) {
  const form = $('settings-form');
  const noticesGroup = $('settings-notices');
  const confirmBox = $('delete-confirm');

  function checked(name) {
    return form.querySelector(`input[name="${name}"]:checked`)?.value;
  }

  function show(preferences) {
    noticesGroup.hidden = !preferences.receivesNotices;
    for (const input of form.querySelectorAll('input[name="submissionNotices"]')) {
      input.checked = input.value === preferences.submissionNotices;
    }
    for (const input of form.querySelectorAll('input[name="locale"]')) input.checked = input.value === preferences.locale;
  }

  async function load() {
    confirmBox.hidden = true;
    try {
      const { body } = await api('/api/me/preferences');
      show(body);
    } catch (error) {
      showAlert(error.message);
    }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showAlert('');
    const change = { locale: checked('locale') };
    if (!noticesGroup.hidden) change.submissionNotices = checked('submissionNotices');
    try {
      const { body } = await api('/api/me/preferences', { method: 'PUT', body: JSON.stringify(change) });
      show(body);
      announce(t('settings.saved'));
    } catch (error) {
      showAlert(error.message);
    }
  });

  $('delete-account').addEventListener('click', () => {
    confirmBox.hidden = false;
    $('delete-cancel').focus();
  });
  $('delete-cancel').addEventListener('click', () => {
    confirmBox.hidden = true;
    $('delete-account').focus();
  });
  $('delete-confirmed').addEventListener('click', async () => {
    showAlert('');
    try {
      await api('/api/me', { method: 'DELETE' });
      confirmBox.hidden = true;
      signedOut();
      announce(t('settings.deleted'));
    } catch (error) {
      showAlert(error.message);
    }
  });

  return { load };
}
