// Reading the definition and applying SAM-style DefinitionSubstitutions (${Name} in string
// values), shared by validate.mjs and run-execution.mjs.
import { readFileSync } from 'node:fs';

const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;

export function readDefinition(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the state machine definition ${path}: ${e.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${path} is not valid JSON: ${e.message}`);
  }
}

/** Every ${Name} placeholder used in string values, in order of first appearance. */
export function placeholders(value, found = new Set()) {
  if (typeof value === 'string') {
    for (const m of value.matchAll(PLACEHOLDER)) found.add(m[1]);
  } else if (Array.isArray(value)) {
    value.forEach((v) => placeholders(v, found));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach((v) => placeholders(v, found));
  }
  return found;
}

/** A copy with every placeholder replaced; a placeholder without a value is an error, as in SAM. */
export function substitute(value, substitutions) {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (whole, name) => {
      if (!Object.prototype.hasOwnProperty.call(substitutions, name)) {
        throw new Error(`no substitution for \${${name}} (known: ${Object.keys(substitutions).sort().join(', ') || 'none'})`);
      }
      return String(substitutions[name]);
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, substitutions));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, substitutions)]));
  }
  return value;
}

/** Every state of the machine, nested Map/Parallel states included, as [name, state] pairs. */
export function allStates(machine, out = []) {
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    out.push([name, state]);
    for (const inner of [state.ItemProcessor, state.Iterator, ...(state.Branches ?? [])]) {
      if (inner) allStates(inner, out);
    }
  }
  return out;
}
