import type { SourcePosition } from '../../interfaces/rules.js';
import type { ControlSignal } from '../sieve/spec.js';
import { runBlock } from './interpreter.js';
import type { RunContext } from './run-context.js';
import { SieveRuntimeError } from './runtime-error.js';

/**
 * Runs an included script (RFC 6609 §3.2) in its own variable scope sharing the globals; `stop`
 * inside it ends everything, `return` only it. A missing `:optional` script is skipped.
 */
export async function runIncluded(key: string, once: boolean, position: SourcePosition | null, context: RunContext): Promise<ControlSignal | void> {
  const script = context.script.includes[key];
  if (script === undefined) return;
  if (once && context.included.has(key)) return;
  if (context.includeDepth >= context.limits.maxIncludeDepth) throw new SieveRuntimeError(`includes nest deeper than ${context.limits.maxIncludeDepth}`, position);
  context.included.add(key);
  const saved = { script: context.script, variables: context.variables, origin: context.origin };
  context.script = script;
  context.variables = context.variables.child();
  context.includeDepth++;
  context.trace.note(context.origin, position, `include ${key}`);
  try {
    const signal = await runBlock(script.commands, context);
    return signal === 'stop' ? 'stop' : undefined;
  } finally {
    context.includeDepth--;
    context.script = saved.script;
    context.variables = saved.variables;
  }
}
