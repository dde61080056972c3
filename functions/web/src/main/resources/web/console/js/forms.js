// Form building blocks shared by the start and scrape forms: labelled inputs with help text, and
// the API's 400 {"error", "field"} shown beside the field it names.
import { h, uid } from './dom.js';
import { t } from './i18n.js';

/** A labelled input. spec: {name, label, type, value, help, required, min, max, pattern, autocomplete} */
export function input(spec) {
  const id = uid(`f-${spec.name}`);
  const helpId = spec.help ? `${id}-help` : null;
  const errorId = `${id}-error`;
  const el = h('input', {
    id, name: spec.name, type: spec.type || 'text', value: spec.value ?? '', required: spec.required,
    min: spec.min, max: spec.max, step: spec.step, pattern: spec.pattern, inputmode: spec.inputmode,
    placeholder: spec.placeholder, autocomplete: spec.autocomplete || 'off', spellcheck: 'false',
    'aria-describedby': [helpId, errorId].filter(Boolean).join(' '),
  });
  return h('div', { class: 'field', dataset: { field: spec.name } },
    h('label', { for: id }, spec.label), el,
    spec.help ? h('p', { class: 'help', id: helpId }, spec.help) : null,
    h('p', { class: 'field-error', id: errorId, hidden: true }));
}

export function checkbox(spec) {
  const id = uid(`f-${spec.name}`);
  const errorId = `${id}-error`;
  return h('div', { class: 'field check', dataset: { field: spec.name } },
    h('input', { id, name: spec.name, type: 'checkbox', checked: spec.checked, 'aria-describedby': errorId }),
    h('label', { for: id }, spec.label),
    h('p', { class: 'field-error', id: errorId, hidden: true }));
}

/** A fieldset of checkboxes sending a list (categories). */
export function checkboxGroup(spec) {
  const errorId = uid(`f-${spec.name}-error`);
  return h('fieldset', { class: 'field group', dataset: { field: spec.name }, 'aria-describedby': errorId },
    h('legend', {}, spec.label),
    spec.options.map((o) => {
      const id = uid(`f-${spec.name}-${o.value}`);
      return h('div', { class: 'check' },
        h('input', { id, type: 'checkbox', name: spec.name, value: o.value, checked: o.checked }),
        h('label', { for: id }, o.label));
    }),
    h('p', { class: 'field-error', id: errorId, hidden: true }));
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((p) => { p.hidden = true; p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  const general = form.querySelector('.form-error');
  if (general) { general.hidden = true; general.textContent = ''; }
}

/**
 * Shows an API error: beside the field it names when the form has that field (the field is
 * marked invalid and focused), else at the top of the form.
 */
export function showError(form, err, fallbackKey) {
  const field = err && err.field ? String(err.field).replace(/[[.].*$/, '') : null;
  const box = field ? form.querySelector(`[data-field="${CSS.escape(field)}"]`) : null;
  if (box) {
    const p = box.querySelector('.field-error');
    p.textContent = err.message;
    p.hidden = false;
    const control = box.querySelector('input, select, textarea');
    box.querySelectorAll('input, select, textarea').forEach((c) => c.setAttribute('aria-invalid', 'true'));
    if (control) control.focus();
    return;
  }
  const general = form.querySelector('.form-error');
  general.textContent = t(fallbackKey, { error: err && err.status ? err.message : t('error.network') });
  general.hidden = false;
  general.focus();
}

export function formError() {
  return h('p', { class: 'form-error alert', role: 'alert', tabindex: '-1', hidden: true });
}
