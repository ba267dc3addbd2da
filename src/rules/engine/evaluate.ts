import type { RuleEnvironment, RuleServices, RulesResult } from '../../interfaces/rules.js';
import { resolveLimits, type SieveLimits } from '../limits.js';
import type { CompiledRules } from '../model.js';
import { runBlock } from './interpreter.js';
import { MessageView } from './message-view.js';
import { ResultBuilder } from './result-builder.js';
import type { RunContext } from './run-context.js';
import { SieveRuntimeError } from './runtime-error.js';
import { TraceRecorder } from './trace-recorder.js';
import { Variables } from './variables.js';

/** One rule set to run, and where it comes from (`global`, `personal`, …). */
export interface RuleSet {
  origin: string;
  rules: CompiledRules;
}

function createContext(message: Buffer, environment: RuleEnvironment, services: RuleServices, limits: SieveLimits, first: RuleSet): RunContext {
  let steps = 0;
  const context: RunContext = {
    environment,
    services,
    limits,
    message: new MessageView(message),
    result: new ResultBuilder(),
    trace: new TraceRecorder(),
    origin: first.origin,
    script: first.rules,
    variables: new Variables(new Map(), new Set(), limits.maxVariableLength),
    flags: [],
    pendingRecords: [],
    included: new Set(),
    includeDepth: 0,
    step(position, amount = 1) {
      steps += amount;
      if (steps > limits.maxSteps) throw new SieveRuntimeError(`script ran more than ${limits.maxSteps} steps`, position);
    },
    expand(text) {
      return context.script.requires.includes('variables') ? context.variables.expand(text) : text;
    },
  };
  return context;
}

/**
 * Runs rule sets over one message for one recipient with RFC 5228 semantics across them: global
 * rules first, then the account's own; one implicit keep for all; `stop` ends everything. Never
 * throws for script or message faults: a runtime error gives `status: "error"`, its diagnostic,
 * no actions and the implicit keep (as Pigeonhole delivers on failure).
 *
 * @example
 * const outcome = compileSieve('discard;');
 * if (outcome.ok) await evaluateRules([{ origin: 'personal', rules: outcome.rules }], raw, environment, services);
 */
export async function evaluateRules(
  sets: ReadonlyArray<RuleSet>,
  message: Buffer,
  environment: RuleEnvironment,
  services: RuleServices,
  limits?: Partial<SieveLimits>,
): Promise<RulesResult> {
  const empty: RuleSet = { origin: 'engine', rules: { name: 'empty', requires: [], commands: [], includes: {}, serialisable: true } };
  const context = createContext(message, environment, services, resolveLimits(limits), sets[0] ?? empty);
  try {
    for (const set of sets) {
      context.origin = set.origin;
      context.script = set.rules;
      context.variables = context.variables.child();
      if ((await runBlock(set.rules.commands, context)) === 'stop') break;
    }
  } catch (error) {
    if (!(error instanceof SieveRuntimeError)) throw error;
    context.trace.add({ origin: context.origin, position: error.position, kind: 'note', description: `error: ${error.message}` });
    return {
      status: 'error',
      diagnostics: [{ severity: 'error', message: error.message, position: error.position }],
      actions: [],
      implicit_keep: { type: 'store', mailbox: 'INBOX', flags: [], copy: false },
      trace: context.trace.finish(),
    };
  }
  for (const record of context.pendingRecords) await services.memory.record(environment.account, record.kind, record.key, environment.now);
  const implicitKeep = context.result.finalKeep(context.flags);
  if (implicitKeep !== null) context.trace.note(context.origin, null, `implicit keep: INBOX${implicitKeep.flags.length > 0 ? ` with ${implicitKeep.flags.join(' ')}` : ''}`);
  return { status: 'ok', diagnostics: [], actions: context.result.actions, implicit_keep: implicitKeep, trace: context.trace.finish() };
}
