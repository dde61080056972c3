// Runs one execution of a state machine definition with aws-local-stepfunctions, an ASL
// interpreter independent of the project's Java executor. Task states call their Lambda ARNs
// through the AWS SDK, so AWS_ENDPOINT_URL_LAMBDA must point at a local Lambda Invoke endpoint
// (infrastructure/local's LambdaInvokeServer); the script refuses to run without it.
//
//   node --require ./check/polyfill.cjs check/run-execution.mjs \
//     --definition collection.asl.json --substitutions '{"XxxFunctionArn":"arn:..."}' \
//     --input '{"task_id":"..."}' [--name NAME] [--retry-interval-ms 5] [--wait-ms 1]
//
// --retry-interval-ms replaces every retrier's pause (IntervalSeconds, BackoffRate,
// MaxDelaySeconds, JitterStrategy) and --wait-ms every Wait state's duration, through the
// library's retryIntervalOverrides / waitTimeOverrides run options.
// Writing "abort" on a line of stdin (or SIGTERM) aborts the execution, like StopExecution.
//
// Prints one JSON line on stdout: {"status": "SUCCEEDED"|"FAILED"|"ABORTED"|"TIMED_OUT",
// "output", "error", "cause", "states_entered": [names in entry order], "retries": {state: n},
// "caught": {state: n}}. Exit code 0 when the execution ran (whatever its status), 2 on bad usage
// or when it could not run at all.
import './polyfill.cjs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { readDefinition, substitute, allStates } from './definition.mjs';

function fail(message) {
  console.error(`run-execution: ${message}`);
  process.exit(2);
}

function parseJsonArg(name, text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail(`--${name} is not valid JSON: ${e.message}`);
  }
}

function nonNegativeInt(name, text) {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a whole number >= 0, got ${text}`);
  return n;
}

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      definition: { type: 'string' },
      substitutions: { type: 'string', default: '{}' },
      input: { type: 'string', default: '{}' },
      name: { type: 'string' },
      'retry-interval-ms': { type: 'string' },
      'wait-ms': { type: 'string' },
    },
    strict: true,
  }));
} catch (e) {
  fail(e.message);
}
if (!args.definition) fail('--definition <file> is required');
if (!process.env.AWS_ENDPOINT_URL_LAMBDA) {
  fail('AWS_ENDPOINT_URL_LAMBDA is not set: this script only calls a local Lambda endpoint, never AWS');
}

const substitutions = parseJsonArg('substitutions', args.substitutions);
const input = parseJsonArg('input', args.input);
const retryMs = nonNegativeInt('retry-interval-ms', args['retry-interval-ms']);
const waitMs = nonNegativeInt('wait-ms', args['wait-ms']);

let definition;
try {
  definition = substitute(readDefinition(args.definition), substitutions);
} catch (e) {
  fail(e.message);
}

// Overrides are keyed by state name, nested (Map) states included; names are unique in a valid machine.
const retryIntervalOverrides = {};
const waitTimeOverrides = {};
for (const [name, state] of allStates(definition)) {
  if (retryMs !== undefined && Array.isArray(state.Retry)) retryIntervalOverrides[name] = retryMs;
  if (waitMs !== undefined && state.Type === 'Wait') waitTimeOverrides[name] = waitMs;
}

const { StateMachine, ExecutionAbortedError, ExecutionTimeoutError, ExecutionError } = await import('aws-local-stepfunctions');

let machine;
try {
  // The library validates the definition (asl-validator, ARNs and paths) here.
  machine = new StateMachine(definition);
} catch (e) {
  fail(`the definition was refused: ${e.message}`);
}

const name = args.name ?? `local-${Date.now()}`;
const execution = machine.run(input, {
  overrides: { retryIntervalOverrides, waitTimeOverrides },
  context: {
    Execution: { Id: `arn:aws:states:local:000000000000:execution:gleaner-collection:${name}`, Name: name },
    StateMachine: { Id: 'arn:aws:states:local:000000000000:stateMachine:gleaner-collection', Name: 'gleaner-collection' },
  },
});

const stdin = createInterface({ input: process.stdin });
stdin.on('line', (line) => {
  if (line.trim() === 'abort') execution.abort();
});
process.on('SIGTERM', () => execution.abort());

const statesEntered = [];
const retries = {};
const caught = {};
let failedEvent = null;
const drained = (async () => {
  for await (const event of execution.eventLogs) {
    switch (event.type) {
      case 'StateEntered':
        statesEntered.push(event.state.name);
        break;
      case 'StateRetried':
        retries[event.state.name] = (retries[event.state.name] ?? 0) + 1;
        break;
      case 'StateCaught':
        caught[event.state.name] = (caught[event.state.name] ?? 0) + 1;
        break;
      case 'ExecutionFailed':
        failedEvent = event;
        break;
      default:
        break;
    }
  }
})();

const report = { status: null, output: null, error: null, cause: null };
try {
  report.output = await execution.result;
  report.status = 'SUCCEEDED';
} catch (e) {
  if (e instanceof ExecutionAbortedError) {
    report.status = 'ABORTED'; // like StopExecution without an error or cause: both stay null
  } else if (e instanceof ExecutionTimeoutError) {
    report.status = 'TIMED_OUT';
    report.error = 'States.Timeout';
  } else if (e instanceof ExecutionError) {
    report.status = 'FAILED';
  } else {
    fail(`the execution could not run: ${e.stack ?? e}`);
  }
}
// The event log closes when the execution ends; do not hang on it after an abort.
await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 1000))]);
if (report.status === 'FAILED' && failedEvent) {
  report.error = failedEvent.Error ?? null;
  report.cause = failedEvent.Cause === undefined || failedEvent.Cause === null ? null
    : typeof failedEvent.Cause === 'string' ? failedEvent.Cause : JSON.stringify(failedEvent.Cause);
}
Object.assign(report, { states_entered: statesEntered, retries, caught });
stdin.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
