import type { RuleAction, RulesResult, SourcePosition, TraceEntry } from '../interfaces/rules.js';

const where = (position: SourcePosition | null): string => (position === null ? '' : `:${position.line}:${position.column}`);

function describeAction(action: RuleAction): string {
  switch (action.type) {
    case 'store':
      return `store into ${action.mailbox}${action.flags.length > 0 ? ` with flags ${action.flags.join(' ')}` : ''}${action.copy ? ' (copy)' : ''}${action.create ? ' (create)' : ''}`;
    case 'redirect':
      return `redirect to ${action.address}${action.copy ? ' (copy)' : ''}`;
    case 'reject':
      return `reject${action.smtp ? ' at SMTP time' : ''}: ${action.reason}`;
    case 'discard':
      return 'discard';
    case 'vacation':
      return `vacation reply every ${action.seconds}s${action.subject === undefined ? '' : ` "${action.subject}"`}${action.suppressed === undefined ? '' : ` — not sent: ${action.suppressed}`}`;
    case 'addheader':
      return `add header ${action.name}: ${action.value ?? ''}`;
    case 'deleteheader':
      return `delete header ${action.name}${action.index === undefined ? '' : ` #${action.index}`}`;
    case 'junk':
      return 'file as junk';
  }
}

function describeEntry(entry: TraceEntry): string {
  const head = `${entry.origin}${where(entry.position)}`;
  if (entry.kind === 'test') return `${head}  test ${entry.description} → ${entry.result ? 'true' : 'false'}`;
  if (entry.matched !== undefined) return `${head}    matched ${entry.matched.part}: ${JSON.stringify(entry.matched.value)} against ${JSON.stringify(entry.matched.key)}`;
  return `${head}  ${entry.kind === 'note' ? '' : `${entry.kind} `}${entry.description}`;
}

/**
 * The explanation trace for people (`posthouse rules explain`): what each test compared and
 * gave, which line did what, and the resulting actions.
 *
 * @example
 * console.log(explainToText(await evaluateRules(sets, raw, environment, services)));
 */
export function explainToText(result: RulesResult): string {
  const lines = [`status: ${result.status}`];
  for (const diagnostic of result.diagnostics) lines.push(`${diagnostic.severity}${where(diagnostic.position)}: ${diagnostic.message}`);
  if (result.trace.length > 0) lines.push('', 'trace:', ...result.trace.map((entry) => `  ${describeEntry(entry)}`));
  lines.push('', 'actions:');
  if (result.actions.length === 0) lines.push('  (none)');
  lines.push(...result.actions.map((action) => `  ${describeAction(action)}`));
  lines.push(`implicit keep: ${result.implicit_keep === null ? 'no' : describeAction(result.implicit_keep)}`);
  return lines.join('\n') + '\n';
}
