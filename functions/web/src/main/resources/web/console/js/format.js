// Dates, durations, numbers, statuses and progress bars, in the chosen language.
import { h } from './dom.js';
import { getLang, t } from './i18n.js';

export const FINAL = new Set(['completed', 'failed', 'cancelled']);
export const PLATFORMS = ['babitalk', 'gangnamunni', 'naver'];
export const STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'];

/** babitalk_collect → babitalk */
export function platformOf(task) {
  return String(task.type || '').replace(/_collect$/, '');
}

export function dateTime(iso) {
  if (!iso) return t('none');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(getLang(), { dateStyle: 'medium', timeStyle: 'medium' }).format(d);
}

export function timeOfDay(date) {
  return new Intl.DateTimeFormat(getLang(), { timeStyle: 'medium' }).format(date);
}

export function number(n) {
  return new Intl.NumberFormat(getLang()).format(n);
}

/** 75 s → "1m 15s" / "1분 15초" */
export function duration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  const hrs = Math.floor(s / 3600);
  const min = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const ko = getLang() === 'ko';
  const parts = [];
  if (hrs) parts.push(ko ? `${hrs}시간` : `${hrs}h`);
  if (hrs || min) parts.push(ko ? `${min}분` : `${min}m`);
  parts.push(ko ? `${sec}초` : `${sec}s`);
  return parts.join(' ');
}

/** Elapsed time and, while running, the time left at the pace so far. */
export function timing(task, now = Date.now()) {
  const started = task.started_at ? Date.parse(task.started_at) : null;
  if (!started) return { elapsed: null, eta: null };
  const end = task.completed_at ? Date.parse(task.completed_at) : now;
  const elapsed = Math.max(0, end - started);
  let eta = null;
  if (task.status === 'running' && task.progress > 0 && task.total > task.progress) {
    eta = (elapsed / task.progress) * (task.total - task.progress);
  }
  return { elapsed, eta };
}

const ICONS = { pending: '…', running: '▶', completed: '✓', failed: '✕', cancelled: '■', expired: '–' };

/** A status in colour AND words (and a symbol): never colour alone. */
export function statusBadge(status) {
  return h('span', { class: `status status-${status}`, dataset: { status } },
    h('span', { 'aria-hidden': 'true' }, ICONS[status] || '?'), ' ', t(`status.${status}`));
}

/**
 * Whether the total is a real bound: a limit or a source's count ahead of the progress, or a
 * finished task. A running task without a limit reports total = progress (its best estimate so
 * far); a bar at 100% would then lie, so it shows "total not known yet" instead.
 */
function totalKnown(task) {
  return (task.total || 0) > 0 && (FINAL.has(task.status) || task.total > task.progress);
}

/** role=progressbar with aria-valuenow/aria-valuemax = progress/total (when the total is known). */
export function progressBar(task) {
  const total = Math.max(task.total || 0, task.progress || 0);
  const known = totalKnown(task);
  const pct = known ? Math.floor((100 * task.progress) / total) : 0;
  const bar = h('div', {
    class: `progress${known ? '' : ' indeterminate'} progress-${task.status}`,
    role: 'progressbar',
    'aria-label': t('progress.label', { id: String(task.id).slice(0, 8) }),
    'aria-valuemin': '0',
    'aria-valuemax': known ? String(total) : null,
    'aria-valuenow': known ? String(task.progress) : null,
    'aria-valuetext': known ? t('progress.value', { progress: number(task.progress), total: number(total), pct })
      : t('progress.unknown', { progress: number(task.progress || 0) }),
  }, h('div', { class: 'fill' }));
  bar.firstChild.style.width = known ? `${pct}%` : '';
  return bar;
}

/** "12 / 40 (30%)" beside the bar, for sighted users. */
export function progressText(task) {
  const total = Math.max(task.total || 0, task.progress || 0);
  if (!totalKnown(task)) return t('progress.unknown', { progress: number(task.progress || 0) });
  return t('progress.value', { progress: number(task.progress), total: number(total),
    pct: Math.floor((100 * task.progress) / total) });
}

export function timingText(task) {
  const { elapsed, eta } = timing(task);
  const parts = [];
  if (elapsed !== null) parts.push(t(FINAL.has(task.status) ? 'time.took' : 'time.elapsed', { d: duration(elapsed) }));
  if (eta !== null) parts.push(t('time.eta', { d: duration(eta) }));
  return parts.join(' · ');
}

export function errorText(e) {
  if (e && (e.status === 401 || e.status === 403)) return t('key.needed');
  if (e && e.status) return e.message;
  return t('error.network');
}
