// Live refresh: call fn again and again; quickly while answers change, slower (×1.6, up to `max`)
// while they do not, and slower still after errors. Nothing runs while the tab is hidden; coming
// back refreshes at once.

export function poller(fn, { min = 1000, max = 15000, factor = 1.6 } = {}) {
  let delay = min;
  let timer = null;
  let running = false;
  let stopped = false;
  let again = false;

  async function tick() {
    timer = null;
    if (stopped || document.hidden) return;
    running = true;
    try {
      const changed = await fn();
      delay = changed ? min : Math.min(max, Math.round(delay * factor));
    } catch (e) {
      delay = Math.min(60000, Math.max(2 * delay, 2000));
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      delay = min;
      tick();
      return;
    }
    schedule();
  }

  function schedule() {
    if (stopped || document.hidden || timer !== null) return;
    timer = setTimeout(tick, delay);
  }

  function onVisibility() {
    if (document.hidden) {
      clearTimeout(timer);
      timer = null;
    } else if (!running) {
      clearTimeout(timer);
      timer = null;
      delay = min;
      tick();
    }
  }

  document.addEventListener('visibilitychange', onVisibility);
  return {
    start() { tick(); return this; },
    /** Refresh now (after a user action) and poll quickly again. */
    now() {
      if (stopped) return;
      clearTimeout(timer);
      timer = null;
      delay = min;
      if (running) again = true;
      else tick();
    },
    stop() { stopped = true; clearTimeout(timer); document.removeEventListener('visibilitychange', onVisibility); },
  };
}
