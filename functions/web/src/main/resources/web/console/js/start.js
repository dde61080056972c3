// Start forms for the three platforms, with every field of the contract and its default. Secrets
// (token, naver_cookies) are password fields, sent once and cleared; nothing here is stored.
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { PLATFORMS } from './format.js';
import { checkbox, checkboxGroup, clearErrors, formError, input, showError } from './forms.js';

const CATEGORIES = {
  babitalk: ['reviews', 'talks', 'event_ask_memos'],
  gangnamunni: ['hospital_question', 'surgery_question', 'free_chat', 'review', 'ask_doctor'],
};

/** Yesterday in Asia/Seoul, YYYY-MM-DD (the API's default target_date). */
export function yesterdayInSeoul(now = new Date()) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(now);
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

function fields(platform) {
  const f = [];
  if (platform === 'naver') {
    f.push(input({ name: 'cafe_id', label: t('f.cafe_id'), help: t('f.cafe_id.help'), inputmode: 'numeric' }));
  }
  f.push(input({ name: 'target_date', label: t('f.target_date'), type: 'date', value: yesterdayInSeoul(), help: t('f.target_date.help') }));
  f.push(input({ name: 'end_date', label: t('f.end_date'), type: 'date', help: t('f.end_date.help') }));
  if (CATEGORIES[platform]) {
    f.push(checkboxGroup({ name: 'categories', label: t('f.categories'),
      options: CATEGORIES[platform].map((c) => ({ value: c, label: t(`cat.${c}`), checked: true })) }));
    f.push(input({ name: 'limit', label: t('f.limit'), type: 'number', value: '0', min: '0', max: '10000', help: t('f.limit.help') }));
  }
  if (platform === 'gangnamunni') {
    f.push(checkbox({ name: 'save_as_reviews', label: t('f.save_as_reviews'), checked: false }));
    f.push(input({ name: 'token', label: t('f.token'), type: 'password', autocomplete: 'off', help: t('f.token.help') }));
  }
  if (platform === 'naver') {
    f.push(input({ name: 'menu_id', label: t('f.menu_id'), help: t('f.menu_id.help') }));
    f.push(input({ name: 'per_page', label: t('f.per_page'), type: 'number', value: '20', min: '1', max: '50', help: t('f.per_page.help') }));
    f.push(input({ name: 'naver_cookies', label: t('f.naver_cookies'), type: 'password', autocomplete: 'off', help: t('f.naver_cookies.help') }));
  }
  f.push(input({ name: 'callback_url', label: t('f.callback_url'), type: 'url', help: t('f.callback_url.help') }));
  return f;
}

/** The JSON body: numbers as numbers, categories as a list, empty optional fields left out. */
export function body(form, platform) {
  const out = {};
  const text = (name) => {
    const el = form.elements.namedItem(name);
    return el && 'value' in el ? el.value.trim() : '';
  };
  for (const name of ['target_date', 'end_date', 'callback_url', 'cafe_id', 'menu_id', 'token', 'naver_cookies']) {
    const v = text(name);
    if (v) out[name] = v;
  }
  for (const name of ['limit', 'per_page']) {
    const v = text(name);
    if (v !== '' && form.elements.namedItem(name)) out[name] = /^-?\d+$/.test(v) ? Number(v) : v;
  }
  if (CATEGORIES[platform]) {
    out.categories = [...form.querySelectorAll('input[name="categories"]:checked')].map((c) => c.value);
  }
  if (platform === 'gangnamunni') out.save_as_reviews = form.elements.namedItem('save_as_reviews').checked;
  return out;
}

export function startPage(main, requested) {
  const platform = PLATFORMS.includes(requested) ? requested : 'babitalk';
  const submit = h('button', { type: 'submit', id: 'start-submit' }, t('start.submit'));
  const form = h('form', { id: 'start-form', class: 'card form', novalidate: true, dataset: { platform } },
    formError(), h('p', { class: 'muted small' }, t('start.defaults')), fields(platform), h('div', { class: 'actions' }, submit));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    submit.disabled = true;
    submit.textContent = t('start.submitting');
    try {
      const res = await api.start(platform, body(form, platform));
      form.querySelectorAll('input[type="password"]').forEach((p) => { p.value = ''; });
      location.hash = `#/task/${encodeURIComponent(res.task_id)}`;
    } catch (err) {
      showError(form, err, 'start.failed');
    } finally {
      submit.disabled = false;
      submit.textContent = t('start.submit');
    }
  });

  main.append(
    h('h1', {}, t('start.title')),
    h('nav', { class: 'tabs', 'aria-label': t('start.platforms') }, PLATFORMS.map((p) => h('a', {
      href: `#/start/${p}`, id: `tab-${p}`, 'aria-current': p === platform ? 'page' : null,
    }, t(`platform.${p}`)))),
    h('h2', {}, t(`platform.${platform}`)),
    form);
  return null;
}
