// The console: a hash router over four views, the API-key dialog, the confirmation dialog and the
// language switch. Views render into <main> and return a function that stops their refresh.
import { onKeyNeeded, setApiKey } from './api.js';
import { $, clear } from './dom.js';
import { getLang, onLangChange, setLang, t, translateShell } from './i18n.js';
import { overview } from './overview.js';
import { taskPage } from './task.js';
import { startPage } from './start.js';
import { scrapePage } from './scrape.js';

const main = $('#view');
let stopView = null;

function route() {
  const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  const [path, query] = hash.split('?');
  const parts = path.split('/').filter(Boolean);
  const params = new URLSearchParams(query || '');
  if (parts[0] === 'task' && parts[1]) return { name: 'task', nav: 'overview', run: (el) => taskPage(el, parts[1]) };
  if (parts[0] === 'start') return { name: 'start', nav: 'start', run: (el) => startPage(el, parts[1] || 'babitalk') };
  if (parts[0] === 'scrape') return { name: 'scrape', nav: 'scrape', run: (el) => scrapePage(el, parts[1] || null) };
  return { name: 'overview', nav: 'overview', run: (el) => overview(el, params) };
}

function show(focus) {
  if (stopView) stopView();
  const r = route();
  document.querySelectorAll('[data-nav]').forEach((a) => {
    if (a.dataset.nav === r.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  clear(main);
  main.dataset.view = r.name;
  stopView = r.run(main) || null;
  if (focus) main.focus({ preventScroll: true });
}

// ---- API key: asked for when the API answers 401/403, kept in sessionStorage only.
const keyDialog = $('#key-dialog');
let pendingKey = null;

function askKey(refused) {
  if (pendingKey) return pendingKey;
  pendingKey = new Promise((resolve) => {
    $('#key-message').textContent = refused ? t('key.refused') : t('key.why');
    const input = $('#key-input');
    input.value = '';
    const done = (value) => {
      $('#key-form').removeEventListener('submit', onSubmit);
      $('#key-cancel').removeEventListener('click', onCancel);
      keyDialog.removeEventListener('cancel', onCancel);
      if (keyDialog.open) keyDialog.close();
      pendingKey = null;
      resolve(value);
    };
    const onSubmit = (e) => {
      e.preventDefault();
      const v = input.value.trim();
      if (v) done(v);
    };
    const onCancel = (e) => {
      e.preventDefault();
      done(null);
    };
    $('#key-form').addEventListener('submit', onSubmit);
    $('#key-cancel').addEventListener('click', onCancel);
    keyDialog.addEventListener('cancel', onCancel);
    keyDialog.showModal();
    input.focus();
  });
  return pendingKey;
}

onKeyNeeded(askKey);
$('#key-button').addEventListener('click', async () => {
  const key = await askKey(false);
  if (key) {
    setApiKey(key);
    show(false);
  }
});

// ---- language
const langSelect = $('#lang');
langSelect.value = getLang();
langSelect.addEventListener('change', () => setLang(langSelect.value));
onLangChange(() => {
  translateShell();
  show(false);
});

translateShell();
window.addEventListener('hashchange', () => show(true));
show(false);
document.documentElement.dataset.ready = 'true';
