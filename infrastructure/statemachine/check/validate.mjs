// Validates a state machine definition with asl-validator, twice: as committed (the ${...}
// placeholders SAM substitutes at deploy time) and after substituting each placeholder with the
// local runner's Lambda ARN, so that the ARN format is checked too. Exits 1 on any error.
//
//   node check/validate.mjs collection.asl.json [more.asl.json ...]
import { createRequire } from 'node:module';
import { readDefinition, placeholders, substitute } from './definition.mjs';

const require = createRequire(import.meta.url);
const aslValidator = require('asl-validator');

// The same rule as dev.gleaner.workflow.WorkflowFunctions.localArn(): key "XxxFunctionArn"
// becomes function "gleaner-XxxFunction" (the template's logical id).
function localArn(key) {
  if (!key.endsWith('FunctionArn')) {
    throw new Error(`placeholder \${${key}} is not a function ARN (expected a name ending in FunctionArn)`);
  }
  return `arn:aws:lambda:local:000000000000:function:gleaner-${key.slice(0, -'Arn'.length)}`;
}

function check(label, definition) {
  const { isValid, errorsText } = aslValidator(definition, { checkArn: true, checkPaths: true });
  if (isValid) {
    console.log(`asl-validator: ${label}: valid`);
    return true;
  }
  console.error(`asl-validator: ${label}: INVALID\n  ${errorsText('\n  ')}`);
  return false;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check/validate.mjs <definition.asl.json> [...]');
  process.exit(2);
}
let ok = true;
for (const file of files) {
  try {
    const raw = readDefinition(file);
    const keys = [...placeholders(raw)];
    // The validator annotates the object it checks: give each check its own copy.
    ok = check(`${file} (as committed)`, structuredClone(raw)) && ok;
    const substituted = substitute(raw, Object.fromEntries(keys.map((k) => [k, localArn(k)])));
    ok = check(`${file} (with local ARNs for ${keys.length} placeholders)`, substituted) && ok;
  } catch (e) {
    console.error(`asl-validator: ${file}: ${e.message}`);
    ok = false;
  }
}
process.exit(ok ? 0 : 1);
