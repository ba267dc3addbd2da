import { h } from './dom.js';
import type { Explanation } from './types.js';

function actionText(action: { type: string; mailbox?: string }): string {
  return action.mailbox === undefined ? action.type : `${action.type} → ${action.mailbox}`;
}

/** The rules trace of one delivery: which tests matched, which actions they took, notes. */
export function explanationView(explanation: Explanation | null): HTMLElement {
  if (explanation === null) return h('p', { class: 'muted' }, 'No rules ran for this message: it was filed by default.');
  const { result } = explanation;
  return h(
    'div',
    { class: 'explain' },
    h('p', {}, `Delivered to ${explanation.recipient} from ${explanation.mailFrom || '<>'} into `, h('strong', {}, explanation.mailbox), ` at ${new Date(explanation.deliveredAt).toLocaleString()}.`),
    h('p', {}, `Rules: ${result.status}. Actions: ${result.actions.map(actionText).join(', ') || 'none (implicit keep)'}.`),
    result.trace.length === 0
      ? h('p', { class: 'muted' }, 'The trace is empty.')
      : h(
          'ol',
          { class: 'trace' },
          ...result.trace.map((step) =>
            h(
              'li',
              { class: step.result === false ? 'miss' : step.result === true ? 'hit' : '' },
              h('span', { class: 'badge' }, step.origin),
              h('span', { class: 'badge' }, step.kind),
              h('code', {}, step.description),
              step.result === undefined ? null : step.result ? ' ✓ matched' : ' ✗ no match',
              step.matched ? h('span', { class: 'muted' }, ` (${step.matched.part}: “${step.matched.value}”)`) : null,
            ),
          ),
        ),
    ...result.diagnostics.map((diagnostic) => h('p', { class: 'error' }, diagnostic.message)),
    ...explanation.notes.map((note) => h('p', { class: 'muted' }, note)),
  );
}
