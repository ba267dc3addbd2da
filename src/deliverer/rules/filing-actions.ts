import { bufferSource } from '../../core/message-source.js';
import { SmtpError } from '../../errors/smtp-error.js';
import type { FilingAction, FilingContext } from '../../interfaces/delivery.js';
import type { HeaderEditAction, RulesResult, StoreAction, VacationAction } from '../../interfaces/rules.js';
import type { Store } from '../../interfaces/store.js';
import { applyHeaderEdits } from '../../rules/header-edits.js';
import { buildVacationReply } from './vacation-reply.js';

/** What the deliverer does with one rules result, and what it noticed on the way. */
export interface RulesFiling {
  actions: FilingAction[];
  /** Things the explanation should say that the engine could not know (a missing mailbox). */
  notes: string[];
}

/** What turning a result into filing needs besides the result. */
export interface RulesFilingInput {
  result: RulesResult;
  context: FilingContext;
  store: Store;
  hostname: string;
  now: Date;
}

/**
 * Turns a {@link RulesResult} into the deliverer's filing actions: store/keep/fileinto with their
 * flags (a missing mailbox without `:create` falls back to INBOX, with a note), junk into the
 * account's `\Junk` mailbox, discard, reject as 550 5.7.1, redirect and vacation as outbound
 * messages; editheader changes give this copy bytes of its own.
 */
export async function toFilingActions(input: RulesFilingInput): Promise<RulesFiling> {
  const { result, context } = input;
  const filing: RulesFiling = { actions: [], notes: [] };
  const edits = result.actions.filter((action): action is HeaderEditAction => action.type === 'addheader' || action.type === 'deleteheader');
  const raw = await context.source.buffer();
  const source = edits.length === 0 ? undefined : bufferSource(applyHeaderEdits(raw, edits));
  const stores = result.actions.filter((action): action is StoreAction => action.type === 'store');
  if (result.implicit_keep !== null) stores.push(result.implicit_keep);

  for (const action of stores) filing.actions.push(await fileInto(input, action.mailbox, action.flags, action.create ?? false, source, filing.notes));
  for (const action of result.actions) {
    switch (action.type) {
      case 'junk':
        filing.actions.push(await fileInto(input, await junkMailbox(input.store, context.account), [], true, source, filing.notes));
        break;
      case 'reject':
        filing.actions.push({ type: 'reject', error: new SmtpError(550, '5.7.1', oneLine(action.reason) || 'Message refused by the recipient\'s rules') });
        break;
      case 'redirect':
        filing.actions.push({
          type: 'outbound',
          // The original message with its envelope sender; the outbound queue rewrites that with SRS.
          message: { mailFrom: context.envelope.mailFrom, rcptTo: [action.address], source: bufferSource(withoutReturnPath(raw)), reason: 'redirect', account: context.account },
        });
        break;
      case 'vacation':
        if (action.suppressed !== undefined || context.envelope.mailFrom === '') break;
        filing.actions.push({ type: 'outbound', message: vacationMessage(input, action) });
        break;
      default:
        break;
    }
  }
  if (filing.actions.length === 0) filing.actions.push({ type: 'discard' });
  return filing;
}

async function fileInto(input: RulesFilingInput, mailbox: string, flags: string[], create: boolean, source: ReturnType<typeof bufferSource> | undefined, notes: string[]): Promise<FilingAction> {
  let target = mailbox;
  if (!create && target.toUpperCase() !== 'INBOX' && (await input.store.mailboxStatus(input.context.account, target)) === null) {
    notes.push(`fileinto "${mailbox}": no such mailbox and no :create, kept in INBOX`);
    target = 'INBOX';
  }
  const action: FilingAction = { type: 'fileinto', mailbox: target, flags, create };
  if (source !== undefined) action.source = source;
  return action;
}

/** The account's mailbox marked `\Junk` (RFC 6154), else `Junk` (created when missing). */
async function junkMailbox(store: Store, account: string): Promise<string> {
  const mailboxes = await store.listMailboxes(account);
  return mailboxes.find((mailbox) => mailbox.specialUse === '\\Junk')?.name ?? 'Junk';
}

function vacationMessage(input: RulesFilingInput, action: VacationAction): Extract<FilingAction, { type: 'outbound' }>['message'] {
  const { context } = input;
  const reply = buildVacationReply({ action, to: context.envelope.mailFrom, recipient: context.recipient, headers: context.headers, hostname: input.hostname, now: input.now });
  return { mailFrom: '', rcptTo: [context.envelope.mailFrom], source: reply, reason: 'vacation', account: context.account };
}

/** The message as it arrived: the deliverer's Return-Path line is for the mailbox copy only. */
function withoutReturnPath(raw: Buffer): Buffer {
  if (!raw.subarray(0, 12).toString('latin1').toLowerCase().startsWith('return-path:')) return raw;
  const lineEnd = raw.indexOf(0x0a);
  return lineEnd < 0 ? raw : raw.subarray(lineEnd + 1);
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}
