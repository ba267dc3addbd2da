import type { CompiledCommand, CompiledTest } from '../model.js';
import { commandSpec, testSpec } from '../sieve/registry.js';
import type { ControlSignal } from '../sieve/spec.js';
import { describeCommand, describeTest } from '../sieve/printer.js';
import type { RunContext } from './run-context.js';
import { SieveRuntimeError } from './runtime-error.js';

/** Evaluates one test, recording its outcome in the trace. */
export async function evaluateTest(test: CompiledTest, context: RunContext): Promise<boolean> {
  context.step(test.position);
  const spec = testSpec(test.name);
  if (spec === undefined) throw new SieveRuntimeError(`unknown test '${test.name}'`, test.position);
  const result = await spec.evaluate(test, context);
  if (test.name !== 'allof' && test.name !== 'anyof' && test.name !== 'not') {
    context.trace.add({ origin: context.origin, position: test.position, kind: 'test', description: describeTest(test), result });
  }
  return result;
}

/**
 * Runs a block of commands (RFC 5228 §3): `if`/`elsif`/`else` chains, actions, and the control
 * signals `stop` (ends every script, §3.3) and `return` (ends the current one, RFC 6609 §3.3).
 */
export async function runBlock(commands: readonly CompiledCommand[], context: RunContext): Promise<ControlSignal | void> {
  let chainTaken = false;
  for (const command of commands) {
    context.step(command.position);
    const saved = context.origin;
    if (command.origin !== undefined) context.origin = command.origin;
    try {
      if (command.name === 'if' || command.name === 'elsif' || command.name === 'else') {
        if (command.name === 'if') chainTaken = false;
        if (chainTaken) continue;
        if (command.test === null || (await evaluateTest(command.test, context))) {
          chainTaken = true;
          const signal = await runBlock(command.block ?? [], context);
          if (signal !== undefined) return signal;
        }
        continue;
      }
      const spec = commandSpec(command.name);
      if (spec?.run === undefined) throw new SieveRuntimeError(`unknown command '${command.name}'`, command.position);
      const signal = await spec.run(command, context);
      if (signal === 'stop') context.trace.add({ origin: context.origin, position: command.position, kind: 'stop', description: 'stop' });
      else if (spec.name !== 'include') {
        context.trace.add({ origin: context.origin, position: command.position, kind: 'action', description: describeCommand(command, context.expand.bind(context)) });
      }
      if (signal !== undefined) return signal;
    } finally {
      context.origin = saved;
    }
  }
}
