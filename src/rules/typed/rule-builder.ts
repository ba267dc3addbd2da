import { parseAddress } from '../../core/address.js';
import type { ArgumentValue, CompiledCommand, CompiledTest } from '../model.js';
import { RuleError } from '../rule-error.js';
import { allOf, predicate, type RulePredicate, type RuleTest } from './tests.js';

/** Options of {@link RuleBuilder.fileInto}. */
export interface FileIntoOptions {
  flags?: string[];
  /** Keep the implicit keep too (RFC 3894). */
  copy?: boolean;
  /** Create the mailbox when missing (RFC 5490). */
  create?: boolean;
}

/** Options of {@link RuleBuilder.vacation} (RFC 5230). */
export interface VacationOptions {
  reason: string;
  /** At most one reply per sender in this many days (default 7), or `seconds`. */
  days?: number;
  seconds?: number;
  subject?: string;
  from?: string;
  /** The account's other addresses, for the "was I addressed" check. */
  addresses?: string[];
  handle?: string;
  /** `reason` is a MIME entity. */
  mime?: boolean;
}

type Tags = Record<string, ArgumentValue | true>;
const str = (value: string): ArgumentValue => ({ kind: 'string', value });
const list = (values: readonly string[]): ArgumentValue => ({ kind: 'strings', values: [...values] });

/**
 * One typed rule: a name, a condition, and actions, built immutably (each call returns a new
 * rule). Compiles to the same model as Sieve (see `compileRules`).
 *
 * @example
 * rule('invoices')
 *   .when(header('subject').contains('invoice'), from().domain().is('billing.example'))
 *   .fileInto('Invoices', { flags: ['\\Flagged'] });
 */
export class RuleBuilder {
  constructor(
    readonly name: string,
    private readonly condition: CompiledTest | null = null,
    private readonly actions: readonly CompiledCommand[] = [],
  ) {
    if (name.trim() === '') throw new RuleError('a rule needs a name');
  }

  /** The condition: every test given must hold. A function is a predicate (not serialisable). */
  when(...tests: Array<RuleTest | RulePredicate>): RuleBuilder {
    if (tests.length === 0) throw new RuleError(`rule '${this.name}': when() needs at least one test`);
    const nodes = tests.map((entry) => (typeof entry === 'function' ? predicate(entry) : entry));
    const condition = nodes.length === 1 ? nodes[0]!.node : allOf(...nodes).node;
    return new RuleBuilder(this.name, condition, this.actions);
  }

  private then(name: string, tags: Tags = {}, args: ArgumentValue[] = []): RuleBuilder {
    const command: CompiledCommand = { name, tags, args, test: null, block: null, position: null, origin: this.name };
    return new RuleBuilder(this.name, this.condition, [...this.actions, command]);
  }

  /** Files the message into a mailbox (RFC 5228 §4.1). */
  fileInto(mailbox: string, options: FileIntoOptions = {}): RuleBuilder {
    if (mailbox === '') throw new RuleError(`rule '${this.name}': fileInto needs a mailbox name`);
    const tags: Tags = {};
    if (options.flags !== undefined) tags[':flags'] = list(options.flags);
    if (options.copy) tags[':copy'] = true;
    if (options.create) tags[':create'] = true;
    return this.then('fileinto', tags, [str(mailbox)]);
  }
  /** Keeps the message in INBOX (RFC 5228 §4.3). */
  keep(options: { flags?: string[] } = {}): RuleBuilder {
    return this.then('keep', options.flags === undefined ? {} : { ':flags': list(options.flags) });
  }
  /** Drops the message silently (RFC 5228 §4.4). */
  discard(): RuleBuilder {
    return this.then('discard');
  }
  /** Refuses the message (RFC 5429); `smtp: true` is ereject, refusing at SMTP time when possible. */
  reject(reason: string, options: { smtp?: boolean } = {}): RuleBuilder {
    return this.then(options.smtp ? 'ereject' : 'reject', {}, [str(reason)]);
  }
  /** Forwards the message (RFC 5228 §4.2). */
  redirect(address: string, options: { copy?: boolean } = {}): RuleBuilder {
    try {
      parseAddress(address);
    } catch (error) {
      throw new RuleError(`rule '${this.name}': redirect address ${JSON.stringify(address)} is invalid: ${(error as Error).message}`);
    }
    return this.then('redirect', options.copy ? { ':copy': true } : {}, [str(address)]);
  }
  /** Adds flags for later keeps and fileintos (RFC 5232 §4). */
  addFlags(...flags: string[]): RuleBuilder {
    return this.then('addflag', {}, [list(flags)]);
  }
  setFlags(...flags: string[]): RuleBuilder {
    return this.then('setflag', {}, [list(flags)]);
  }
  removeFlags(...flags: string[]): RuleBuilder {
    return this.then('removeflag', {}, [list(flags)]);
  }
  /** Adds a header field to the filed copy (RFC 5293). */
  addHeader(name: string, value: string, options: { last?: boolean } = {}): RuleBuilder {
    return this.then('addheader', options.last ? { ':last': true } : {}, [str(name), str(value)]);
  }
  /** Removes every field called `name` (never Received or Auto-Submitted, RFC 5293 §5). */
  deleteHeader(name: string): RuleBuilder {
    return this.then('deleteheader', {}, [str(name)]);
  }
  /** Replies while away (RFC 5230). */
  vacation(options: VacationOptions): RuleBuilder {
    const tags: Tags = {};
    if (options.seconds !== undefined) tags[':seconds'] = { kind: 'number', value: options.seconds };
    else if (options.days !== undefined) tags[':days'] = { kind: 'number', value: options.days };
    if (options.subject !== undefined) tags[':subject'] = str(options.subject);
    if (options.from !== undefined) tags[':from'] = str(options.from);
    if (options.addresses !== undefined) tags[':addresses'] = list(options.addresses);
    if (options.mime) tags[':mime'] = true;
    if (options.handle !== undefined) tags[':handle'] = str(options.handle);
    return this.then('vacation', tags, [str(options.reason)]);
  }
  /** Ends all rule processing (RFC 5228 §3.3). */
  stop(): RuleBuilder {
    return this.then('stop');
  }

  /** The rule as model commands: `if <condition> { actions }`, or the actions alone. */
  toCommands(): CompiledCommand[] {
    if (this.condition === null) return [...this.actions];
    return [{ name: 'if', tags: {}, args: [], test: this.condition, block: this.actions, position: null, origin: this.name }];
  }
}

/** Starts a typed rule. @example rule('spam').when(header('x-spam-flag').is('YES')).fileInto('Junk') */
export function rule(name: string): RuleBuilder {
  return new RuleBuilder(name);
}
