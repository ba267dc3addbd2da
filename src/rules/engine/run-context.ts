import type { RuleEnvironment, RuleServices, SourcePosition } from '../../interfaces/rules.js';
import type { SieveLimits } from '../limits.js';
import type { CompiledRules } from '../model.js';
import type { MessageView } from './message-view.js';
import type { ResultBuilder } from './result-builder.js';
import type { TraceRecorder } from './trace-recorder.js';
import type { Variables } from './variables.js';

/** What the engine carries through one run, shared by every extension's handlers. */
export interface RunContext {
  readonly environment: RuleEnvironment;
  readonly services: RuleServices;
  readonly limits: SieveLimits;
  readonly message: MessageView;
  readonly result: ResultBuilder;
  readonly trace: TraceRecorder;
  /** The rule set running: `global`, `personal`, or a typed rule's name. */
  origin: string;
  /** The script running (its requires say which extensions' semantics apply). */
  script: CompiledRules;
  variables: Variables;
  /** The imap4flags internal variable (RFC 5232 §3), normalised. */
  flags: string[];
  /** Memory to record when the run ends well: duplicate ids (RFC 7352 §3), vacation replies sent (RFC 5230 §4.2). */
  readonly pendingRecords: Array<{ kind: 'vacation' | 'duplicate'; key: string }>;
  /** Scripts included so far, for `:once` (RFC 6609 §3.2). */
  readonly included: Set<string>;
  includeDepth: number;
  /** Counts interpreter work; throws a runtime error past `limits.maxSteps`. */
  step(position: SourcePosition | null, amount?: number): void;
  /** Expands variables in a string argument when the running script requires "variables". */
  expand(text: string): string;
}
