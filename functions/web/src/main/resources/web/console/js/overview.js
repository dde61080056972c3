// Overview: counts per status, slots in use, the task list (newest first) with filters and paging,
// refreshed live with backoff.
import { api } from './api.js';
import { h, clear } from './dom.js';
import { t } from './i18n.js';
import { poller } from './poll.js';
import { PLATFORMS, STATUSES, dateTime, errorText, number, platformOf, progressBar, progressText,
  statusBadge, timeOfDay, timingText } from './format.js';

const PAGE_SIZE = 20;

export function overview(main, params) {
  const state = {
    status: STATUSES.includes(params.get('status')) ? params.get('status') : '',
    platform: PLATFORMS.includes(params.get('platform')) ? params.get('platform') : '',
    tokens: [null], // next_token of each page seen; tokens[i] fetches page i
    page: 0,
    next: null,
  };
  let last = '';

  const counts = h('div', { class: 'counts', role: 'list' });
  const slots = h('p', { class: 'slots', id: 'slots' });
  const list = h('div', { class: 'task-list', id: 'task-list', 'aria-live': 'off' });
  const updated = h('p', { class: 'muted small', id: 'updated' });
  const error = h('p', { class: 'alert', role: 'alert', hidden: true });
  const newer = h('button', { type: 'button', class: 'secondary', id: 'page-newer', onclick: () => go(state.page - 1) }, t('overview.newer'));
  const older = h('button', { type: 'button', class: 'secondary', id: 'page-older', onclick: () => go(state.page + 1) }, t('overview.older'));
  const pageLabel = h('span', { class: 'muted' });

  const select = (id, label, values, current, render) => {
    const s = h('select', { id, name: id, onchange: () => filter() },
      h('option', { value: '' }, t('all')),
      values.map((v) => h('option', { value: v, selected: v === current }, render(v))));
    return h('div', { class: 'field inline' }, h('label', { for: id }, label), s);
  };
  const statusFilter = select('filter-status', t('overview.status'), STATUSES, state.status, (s) => t(`status.${s}`));
  const platformFilter = select('filter-platform', t('overview.platform'), PLATFORMS, state.platform, (p) => t(`platform.${p}`));

  main.append(
    h('h1', {}, t('overview.title')),
    error,
    h('section', { 'aria-labelledby': 'counts-title' },
      h('h2', { id: 'counts-title', class: 'visually-hidden' }, t('overview.counts')), counts, slots),
    h('section', { 'aria-labelledby': 'tasks-title' },
      h('div', { class: 'list-head' },
        h('h2', { id: 'tasks-title' }, t('overview.tasks')),
        h('form', { class: 'filters', 'aria-label': t('overview.filters'), onsubmit: (e) => e.preventDefault() },
          statusFilter, platformFilter)),
      list,
      h('nav', { class: 'pager', 'aria-label': t('overview.tasks') }, newer, pageLabel, older),
      updated, h('p', { class: 'muted small' }, t('overview.paused'))));

  function filter() {
    state.status = statusFilter.querySelector('select').value;
    state.platform = platformFilter.querySelector('select').value;
    state.tokens = [null];
    state.page = 0;
    const q = new URLSearchParams();
    if (state.status) q.set('status', state.status);
    if (state.platform) q.set('platform', state.platform);
    history.replaceState(null, '', `#/${q.toString() ? `?${q}` : ''}`);
    last = '';
    refresh.now();
  }

  function go(page) {
    if (page < 0 || page >= state.tokens.length) return;
    state.page = page;
    last = '';
    refresh.now();
  }

  async function load() {
    const q = { limit: String(PAGE_SIZE) };
    if (state.status) q.status = state.status;
    if (state.platform) q.type = `${state.platform}_collect`;
    const token = state.tokens[state.page];
    if (token) q.next_token = token;
    let summary;
    let page;
    try {
      [summary, page] = await Promise.all([api.summary(), api.tasks(q)]);
      error.hidden = true;
    } catch (e) {
      error.textContent = t('error.generic', { error: errorText(e) });
      error.hidden = false;
      throw e;
    }
    updated.textContent = t('overview.updated', { time: timeOfDay(new Date()) });
    const snapshot = JSON.stringify([summary, page, state.page]);
    if (snapshot === last) return false;
    last = snapshot;
    renderCounts(summary);
    state.next = page.next_token || null;
    state.tokens.length = state.page + 1;
    if (state.next) state.tokens.push(state.next);
    newer.disabled = state.page === 0;
    older.disabled = !state.next;
    pageLabel.textContent = t('overview.page', { n: state.page + 1 });
    renderTasks(page.tasks);
    return true;
  }

  function renderCounts(s) {
    clear(counts);
    counts.append(h('div', { class: 'count', role: 'listitem', dataset: { count: 'total' } },
      h('span', { class: 'n' }, number(s.total_tasks)), h('span', { class: 'label' }, t('overview.total'))));
    for (const st of STATUSES) {
      counts.append(h('a', { class: `count count-${st}`, role: 'listitem', href: `#/?status=${st}`, dataset: { count: st } },
        h('span', { class: 'n' }, number(s[st] ?? 0)), h('span', { class: 'label' }, statusBadge(st))));
    }
    const max = s.max_running;
    slots.textContent = max ? t('overview.slots', { running: number(s.running), max: number(max) })
      : `${t('status.running')}: ${number(s.running)}`;
    slots.setAttribute('aria-label', `${t('overview.slotsLabel')}: ${slots.textContent}`);
  }

  function renderTasks(tasks) {
    // Keep a keyboard user's place: the focused task link is focused again after the refresh.
    const focused = list.contains(document.activeElement) ? document.activeElement.closest('tr') : null;
    const focusId = focused ? focused.dataset.taskId : null;
    renderRows(tasks);
    if (focusId) {
      const again = list.querySelector(`tr[data-task-id="${CSS.escape(focusId)}"] a`);
      if (again) again.focus();
    }
  }

  function renderRows(tasks) {
    clear(list);
    if (!tasks.length) {
      list.append(h('p', { class: 'empty' }, t('overview.empty')));
      return;
    }
    const rows = tasks.map((task) => h('tr', { dataset: { taskId: task.id, status: task.status } },
      h('td', { 'data-label': t('col.task') }, h('a', { href: `#/task/${encodeURIComponent(task.id)}`, class: 'mono' }, task.id.slice(0, 8))),
      h('td', { 'data-label': t('col.platform') }, t(`platform.${platformOf(task)}`)),
      h('td', { 'data-label': t('col.status') }, statusBadge(task.status)),
      h('td', { 'data-label': t('col.progress'), class: 'progress-cell' },
        progressBar(task),
        h('div', { class: 'small' }, progressText(task)),
        task.status === 'running' && task.current_step ? h('div', { class: 'small step' }, task.current_step) : null,
        h('div', { class: 'small muted' }, timingText(task))),
      h('td', { 'data-label': t('col.created') }, h('time', { datetime: task.created_at }, dateTime(task.created_at)))));
    list.append(h('table', { class: 'tasks responsive' },
      h('thead', {}, h('tr', {},
        [t('col.task'), t('col.platform'), t('col.status'), t('col.progress'), t('col.created')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows)));
  }

  const refresh = poller(load, { min: 1000, max: 15000 }).start();
  return () => refresh.stop();
}
