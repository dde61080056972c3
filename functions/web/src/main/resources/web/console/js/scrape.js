// Scrape a product page: the polling API's options, then a product card for the result, and the
// scrapes started in this browser (ids and URLs in localStorage; never the proxy).
import { api } from './api.js';
import { h, clear, announce } from './dom.js';
import { getLang, t } from './i18n.js';
import { poller } from './poll.js';
import { dateTime, errorText, number, statusBadge } from './format.js';
import { checkbox, clearErrors, formError, input, showError } from './forms.js';

const STORE = 'gleaner.scrapes';
const KEEP = 50;

export function mine() {
  try {
    const list = JSON.parse(localStorage.getItem(STORE) || '[]');
    return Array.isArray(list) ? list : [];
  } catch (e) {
    return [];
  }
}

function remember(task) {
  const list = mine().filter((s) => s.task_id !== task.task_id);
  list.unshift({ task_id: task.task_id, url: task.url, created_at: task.created_at });
  localStorage.setItem(STORE, JSON.stringify(list.slice(0, KEEP)));
}

export function scrapePage(main, id) {
  const stops = [];
  const submit = h('button', { type: 'submit', id: 'scrape-submit' }, t('scrape.submit'));
  const form = h('form', { id: 'scrape-form', class: 'card form', novalidate: true },
    formError(),
    input({ name: 'url', label: t('f.url'), type: 'url', required: true, placeholder: 'https://shop.example.com/products/…' }),
    checkbox({ name: 'force_refresh', label: t('f.force_refresh') }),
    checkbox({ name: 'block_images', label: t('f.block_images') }),
    input({ name: 'target_language', label: t('f.target_language'), help: t('f.target_language.help'), pattern: '[a-zA-Z]{2}' }),
    input({ name: 'user_agent', label: t('f.user_agent') }),
    input({ name: 'proxy', label: t('f.proxy'), type: 'password', help: t('f.proxy.help') }),
    h('div', { class: 'actions' }, submit));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const v = (n) => form.elements.namedItem(n).value.trim();
    const req = { url: v('url') };
    if (form.elements.namedItem('force_refresh').checked) req.force_refresh = true;
    if (form.elements.namedItem('block_images').checked) req.block_images = true;
    for (const n of ['target_language', 'user_agent', 'proxy']) if (v(n)) req[n] = v(n);
    submit.disabled = true;
    try {
      const task = await api.scrape(req);
      form.elements.namedItem('proxy').value = '';
      remember(task);
      location.hash = `#/scrape/${encodeURIComponent(task.task_id)}`;
    } catch (err) {
      showError(form, err, 'scrape.failed');
    } finally {
      submit.disabled = false;
    }
  });

  const result = h('section', { id: 'scrape-result', 'aria-live': 'polite' });
  const list = h('ul', { class: 'scrapes', id: 'my-scrapes' });
  main.append(h('h1', {}, t('scrape.title')), form);
  if (id) main.append(result);
  main.append(h('section', { class: 'card', 'aria-labelledby': 'mine-title' },
    h('h2', { id: 'mine-title' }, t('scrape.mine')), list));

  renderList(list, stops);
  if (id) {
    let last = '';
    const p = poller(async () => {
      let task;
      try {
        task = await api.scrapeResult(id);
      } catch (e) {
        clear(result).append(h('p', { class: 'alert' }, e.status === 404 ? t('task.notFound', { id }) : errorText(e)));
        if (e.status === 404) p.stop();
        throw e;
      }
      const snap = JSON.stringify(task);
      if (snap === last) return false;
      last = snap;
      clear(result).append(card(task));
      if (task.status === 'completed' || task.status === 'failed') {
        p.stop();
        announce(t(`status.${task.status}`));
      }
      return true;
    }, { min: 700, max: 5000 }).start();
    stops.push(() => p.stop());
  }
  return () => stops.forEach((s) => s());
}

function renderList(list, stops) {
  const items = mine();
  clear(list);
  if (!items.length) {
    list.append(h('li', { class: 'muted' }, t('scrape.none')));
    return;
  }
  let cancelled = false;
  stops.push(() => { cancelled = true; });
  for (const s of items) {
    const state = h('span', { class: 'state' });
    list.append(h('li', { dataset: { taskId: s.task_id } },
      h('a', { href: `#/scrape/${encodeURIComponent(s.task_id)}` }, s.url), ' ',
      h('span', { class: 'muted small' }, dateTime(s.created_at)), ' ', state));
    api.scrapeStatus(s.task_id).then((st) => {
      if (!cancelled) state.append(statusBadge(st.status));
    }).catch((e) => {
      if (!cancelled && e.status === 404) state.append(statusBadge('expired'));
    });
  }
}

function price(info) {
  if (info.price === null || info.price === undefined) return t('card.unknown');
  if (info.currency) {
    try {
      return new Intl.NumberFormat(getLang(), { style: 'currency', currency: info.currency }).format(info.price);
    } catch (e) {
      // an unknown code: number and code as they are
    }
  }
  return `${number(info.price)}${info.currency ? ` ${info.currency}` : ''}`;
}

/** The product card: what was found, where from, and every raw field on demand. */
export function card(task) {
  const info = task.product_info || {};
  const row = (label, value, key) => h('div', { dataset: { key } }, h('dt', {}, label),
    h('dd', {}, value === null || value === undefined || value === '' ? t('card.unknown') : value));
  const head = h('header', {},
    h('p', { class: 'muted small mono' }, task.url),
    h('h2', { id: 'product-title' }, info.title || task.url),
    h('p', {}, statusBadge(task.status), task.cache_hit ? h('span', { class: 'muted small' }, ` · ${t('card.cache')}`) : null));
  if (task.status !== 'completed') {
    return h('article', { class: 'card product', dataset: { status: task.status } }, head,
      task.error ? h('p', { class: 'alert', id: 'scrape-error' }, task.error) : h('p', { class: 'muted' }, t('scrape.waiting')));
  }
  const images = info.images || [];
  const platform = task.detected_platform;
  const confidence = task.platform_confidence;
  const rating = info.rating !== null && info.rating !== undefined
    ? t('card.ratingValue', { rating: number(info.rating), count: number(info.review_count ?? 0) }) : null;
  return h('article', { class: 'card product', dataset: { status: task.status } },
    head,
    h('div', { class: 'product-body' },
      h('figure', { class: 'image' },
        h('div', { class: 'placeholder' }, h('img', { src: 'console/image.svg', alt: '', width: '64', height: '64' })),
        h('figcaption', {}, images.length
          ? h('ul', {}, images.slice(0, 5).map((src, i) => h('li', {}, h('a', {
            href: src, target: '_blank', rel: 'noopener noreferrer' }, t('card.imageLink', { n: i + 1, count: images.length })))))
          : t('card.unknown'),
        h('p', { class: 'muted small' }, t('card.imageNote')))),
      h('dl', { class: 'facts' },
        row(t('card.price'), h('span', { class: 'price', id: 'product-price' }, price(info)), 'price'),
        row(t('card.availability'), info.availability, 'availability'),
        row(t('card.brand'), info.brand, 'brand'),
        row(t('card.sku'), info.sku, 'sku'),
        row(t('card.rating'), rating, 'rating'),
        row(t('card.seller'), info.seller, 'seller'),
        row(t('card.category'), info.category, 'category'),
        row(t('card.platform'), platform
          ? `${platform}${confidence !== null && confidence !== undefined ? ` · ${t('card.confidence', { pct: Math.round(confidence * 100) })}` : ''}`
          : t('card.noPlatform'), 'platform'))),
    (task.platform_indicators || []).length ? h('div', {}, h('h3', {}, t('card.indicators')),
      h('ul', { class: 'indicators' }, task.platform_indicators.map((i) => h('li', {}, i)))) : null,
    info.description ? h('div', {}, h('h3', {}, t('card.description')), h('p', { class: 'description' }, info.description)) : null,
    h('details', { class: 'raw' }, h('summary', {}, t('card.raw')),
      h('pre', { tabindex: '0' }, JSON.stringify(task, null, 2))));
}
