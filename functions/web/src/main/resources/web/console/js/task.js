// A task's page (#/task/<id>): status and progress, request, log tail, result per category, error,
// the records it collected (paged; a post opens its comments), downloads, Cancel and Resume.
import { api } from './api.js';
import { h, clear, announce } from './dom.js';
import { t } from './i18n.js';
import { poller } from './poll.js';
import { confirmDialog } from './dialogs.js';
import { FINAL, dateTime, errorText, number, platformOf, progressBar, progressText, statusBadge,
  timingText } from './format.js';

const RECORDS_PAGE = 20;

export function taskPage(main, id) {
  let task = null;
  let last = '';
  const head = h('div', { class: 'task-head' });
  const actions = h('div', { class: 'actions', id: 'task-actions' });
  const message = h('p', { class: 'notice', role: 'status', hidden: true });
  const progress = h('section', { class: 'card', 'aria-labelledby': 'progress-title' });
  const errorBox = h('section', { class: 'alert', id: 'task-error', hidden: true });
  const request = h('section', { class: 'card', 'aria-labelledby': 'request-title' });
  const summary = h('section', { class: 'card', 'aria-labelledby': 'summary-title' });
  const logs = h('ol', { class: 'logs', id: 'task-logs', role: 'log', 'aria-labelledby': 'logs-title', tabindex: '0' });
  const records = recordsSection(id);

  main.append(
    h('p', {}, h('a', { href: '#/' }, t('task.back'))),
    head, actions, message, progress, errorBox,
    h('div', { class: 'columns' }, request, summary),
    h('section', { class: 'card' }, h('h2', { id: 'logs-title' }, t('task.logs')), logs),
    records.el);

  async function load() {
    try {
      // While it runs, a long poll: the answer comes when the task changes (or after 10 s).
      task = await api.task(id, task && !FINAL.has(task.status) ? 10 : 0);
    } catch (e) {
      if (e.status === 404 || e.status === 400) {
        clear(head).append(h('h1', {}, t('task.title', { id: id.slice(0, 8) })));
        errorBox.hidden = false;
        clear(errorBox).append(h('p', {}, t('task.notFound', { id })));
        refresh.stop();
        return false;
      }
      throw e;
    }
    const snapshot = JSON.stringify(task);
    if (snapshot === last) return false;
    const wasFinal = last && FINAL.has(JSON.parse(last).status);
    last = snapshot;
    render();
    if (FINAL.has(task.status) && !wasFinal) records.load(true);
    return true;
  }

  function render() {
    clear(head).append(
      h('h1', {}, t('task.title', { id: task.id.slice(0, 8) }), ' ', statusBadge(task.status)),
      h('p', { class: 'muted mono small' }, `${t(`platform.${platformOf(task)}`)} · ${task.id}`));

    // The buttons are rebuilt only when the choice changes, so a keyboard user's focus stays put
    // while the progress refreshes.
    const choice = FINAL.has(task.status) ? (task.status === 'completed' ? 'none' : 'resume') : 'cancel';
    if (actions.dataset.choice !== choice) {
      actions.dataset.choice = choice;
      clear(actions);
      if (choice === 'cancel') {
        actions.append(h('button', { type: 'button', class: 'danger', id: 'cancel-task', onclick: cancel }, t('task.cancel')));
      }
      if (choice === 'resume') {
        actions.append(h('button', { type: 'button', id: 'resume-task', onclick: resume }, t('task.resume')));
      }
    }

    clear(progress).append(
      h('h2', { id: 'progress-title' }, t('col.progress')),
      progressBar(task),
      h('p', { class: 'progress-text' }, progressText(task)),
      h('dl', { class: 'facts' },
        fact(t('task.step'), task.current_step || t('none'), 'current-step'),
        fact(t('task.created'), dateTime(task.created_at)),
        fact(t('task.started'), dateTime(task.started_at)),
        fact(t('task.completed'), dateTime(task.completed_at)),
        fact(t('task.time'), timingText(task) || t('none'), 'timing')));

    errorBox.hidden = !task.error;
    clear(errorBox);
    if (task.error) errorBox.append(h('h2', {}, t('task.error')), h('p', { id: 'error-text' }, task.error));

    clear(request).append(h('h2', { id: 'request-title' }, t('task.request')));
    if (task.request && typeof task.request === 'object') {
      request.append(h('dl', { class: 'facts', id: 'task-request' }, Object.entries(task.request).map(([k, v]) =>
        fact(k, Array.isArray(v) ? v.join(', ') || t('none') : v === null || v === '' ? t('none') : String(v)))));
    } else {
      request.append(h('p', { class: 'muted' }, t('task.noRequest')));
    }

    clear(summary).append(h('h2', { id: 'summary-title' }, t('task.summary')));
    const rs = task.result_summary;
    if (rs && rs.categories && Object.keys(rs.categories).length) {
      const totals = rs.totals || {};
      summary.append(h('table', { id: 'result-summary', class: 'responsive' },
        h('thead', {}, h('tr', {}, [t('col.category'), t('col.collected'), t('col.new'), t('col.pages'), t('col.error')]
          .map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, Object.entries(rs.categories).map(([cat, c]) => h('tr', { dataset: { category: cat } },
          h('th', { scope: 'row', 'data-label': t('col.category') }, cat),
          h('td', { 'data-label': t('col.collected') }, number(c.collected ?? 0)),
          h('td', { 'data-label': t('col.new') }, number(c.new ?? 0)),
          h('td', { 'data-label': t('col.pages') }, number(c.pages ?? 0)),
          h('td', { 'data-label': t('col.error') }, c.error || t('none'))))),
        h('tfoot', {}, h('tr', {},
          h('th', { scope: 'row', 'data-label': t('col.category') }, t('task.totals')),
          h('td', { 'data-label': t('col.collected') }, number(totals.collected ?? 0)),
          h('td', { 'data-label': t('col.new') }, number(totals.new ?? 0)),
          h('td', { colspan: '2', 'data-label': t('col.comments') }, `${t('col.comments')}: ${number(totals.comments ?? 0)}`)))));
    } else {
      summary.append(h('p', { class: 'muted' }, t('none')));
    }

    const atBottom = logs.scrollHeight - logs.scrollTop - logs.clientHeight < 8;
    clear(logs);
    const lines = task.logs || [];
    if (!lines.length) logs.append(h('li', { class: 'muted' }, t('task.noLogs')));
    lines.forEach((line) => logs.append(h('li', {}, line)));
    if (atBottom) logs.scrollTop = logs.scrollHeight;

    if (FINAL.has(task.status)) refresh.stop();
  }

  async function cancel() {
    const ok = await confirmDialog({ title: t('task.cancelTitle'), message: t('task.cancelText'),
      yes: t('task.cancelYes'), no: t('task.cancelNo') });
    if (!ok) return;
    await act(() => api.cancel(id), t('task.cancelled'));
  }

  async function resume() {
    await act(() => api.resume(id), t('task.resumed'));
  }

  async function act(fn, done) {
    try {
      const answer = await fn();
      // A cancel answers the task itself: show it at once rather than after the next read.
      if (answer && answer.id === id && answer.status) {
        task = answer;
        last = JSON.stringify(answer);
        render();
      }
      show(done, false);
      announce(done);
    } catch (e) {
      show(t('error.generic', { error: errorText(e) }), true);
    }
    refresh.stop();
    refresh = poller(load, { min: 1000, max: 10000 }).start();
  }

  function show(text, isError) {
    message.hidden = false;
    message.className = isError ? 'alert' : 'notice';
    message.textContent = text;
  }

  let refresh = poller(load, { min: 1000, max: 10000 }).start();
  records.load(false);
  return () => { refresh.stop(); records.stop(); };
}

function fact(term, value, id) {
  return h('div', {}, h('dt', {}, term), h('dd', id ? { id } : {}, value));
}

/** The records a task collected: a paged table, comments under their post, and downloads. */
function recordsSection(id) {
  const tokens = [null];
  let page = 0;
  let stopped = false;
  const body = h('div', { id: 'records' });
  const status = h('p', { class: 'muted small', role: 'status' });
  const prev = h('button', { type: 'button', class: 'secondary', onclick: () => go(page - 1) }, t('overview.newer').replace('←', '←'));
  const next = h('button', { type: 'button', class: 'secondary', id: 'records-next', onclick: () => go(page + 1) }, t('overview.older'));
  prev.textContent = '←';
  prev.setAttribute('aria-label', t('overview.newer').replace('← ', ''));
  next.textContent = '→';
  next.setAttribute('aria-label', t('overview.older').replace(' →', ''));
  const label = h('span', { class: 'muted' });
  const download = (format) => h('button', { type: 'button', class: 'secondary', id: `download-${format}`,
    onclick: () => save(format) }, `${t('task.download')} ${t(`task.${format}`)}`);

  const el = h('section', { class: 'card', 'aria-labelledby': 'records-title' },
    h('div', { class: 'list-head' }, h('h2', { id: 'records-title' }, t('task.records')),
      h('div', { class: 'actions' }, download('csv'), download('ndjson'),
        h('button', { type: 'button', class: 'secondary', onclick: () => load(true) }, t('refresh')))),
    status, body, h('nav', { class: 'pager', 'aria-label': t('task.records') }, prev, label, next));

  async function load(reset) {
    if (reset) {
      tokens.length = 1;
      page = 0;
    }
    const q = { limit: String(RECORDS_PAGE) };
    if (tokens[page]) q.next_token = tokens[page];
    try {
      const res = await api.items(id, q);
      if (stopped) return;
      tokens.length = page + 1;
      if (res.next_token) tokens.push(res.next_token);
      render(res.items || []);
      prev.disabled = page === 0;
      next.disabled = !res.next_token;
      label.textContent = t('task.recordsPage', { n: page + 1 });
      status.textContent = '';
    } catch (e) {
      if (e.status !== 404) status.textContent = t('error.generic', { error: errorText(e) });
    }
  }

  function go(p) {
    if (p < 0 || p >= tokens.length) return;
    page = p;
    load(false);
  }

  function render(items) {
    clear(body);
    if (!items.length) {
      body.append(h('p', { class: 'empty' }, t('task.noRecords')));
      return;
    }
    const rows = [];
    items.forEach((r, i) => {
      const comments = r.comments || [];
      const detailId = `comments-${page}-${i}`;
      const detail = h('tr', { class: 'comments', id: detailId, hidden: true },
        h('td', { colspan: '6' }, comments.length
          ? h('ul', {}, comments.map((c) => h('li', {}, h('strong', {}, c.author || t('none')), ' ',
            h('span', { class: 'muted small' }, dateTime(c.created_at)), h('p', {}, c.body || ''))))
          : h('p', { class: 'muted' }, t('task.noComments'))));
      const count = r.comment_count ?? comments.length;
      const toggle = h('button', { type: 'button', class: 'link', 'aria-expanded': 'false', 'aria-controls': detailId,
        disabled: !comments.length && !count,
        onclick: () => {
          const open = detail.hidden;
          detail.hidden = !open;
          toggle.setAttribute('aria-expanded', String(open));
          toggle.textContent = open ? t('task.hideComments') : t('task.showComments', { n: number(count) });
        } }, t('task.showComments', { n: number(count) }));
      const text = [r.title, r.body].filter(Boolean).join(' — ');
      rows.push(h('tr', { dataset: { sourceId: r.source_id } },
        h('td', { 'data-label': t('col.category') }, r.category || t('none')),
        h('td', { 'data-label': t('col.kind') }, t(`kind.${r.kind}`)),
        h('td', { 'data-label': t('col.text'), class: 'text' }, r.url
          ? h('a', { href: r.url, target: '_blank', rel: 'noopener noreferrer' }, excerpt(text)) : excerpt(text)),
        h('td', { 'data-label': t('col.author') }, r.author || t('none')),
        h('td', { 'data-label': t('col.posted') }, dateTime(r.created_at)),
        h('td', { 'data-label': t('col.comments') }, toggle)), detail);
    });
    body.append(h('table', { class: 'records responsive' },
      h('thead', {}, h('tr', {}, [t('col.category'), t('col.kind'), t('col.text'), t('col.author'), t('col.posted'),
        t('col.comments')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows)));
  }

  async function save(format) {
    try {
      const res = await api.itemsExport(id, format);
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: `gleaner-${id}.${format === 'csv' ? 'csv' : 'ndjson'}`, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      status.textContent = '';
    } catch (e) {
      status.textContent = t('task.downloadFailed', { error: errorText(e) });
    }
  }

  return { el, load, stop: () => { stopped = true; } };
}

function excerpt(text) {
  const s = String(text || '').replace(/\s+/g, ' ').trim();
  return s.length > 140 ? `${s.slice(0, 139)}…` : s || '—';
}
