import type { SourcePosition } from '../../interfaces/rules.js';

/** One argument as written (RFC 5228 §2.6). */
export type AstArgument =
  | { kind: 'string'; value: string; position: SourcePosition }
  | { kind: 'strings'; values: string[]; position: SourcePosition }
  | { kind: 'number'; value: number; position: SourcePosition }
  | { kind: 'tag'; name: string; position: SourcePosition };

/** A test as written: `identifier arguments [test / test-list]`. */
export interface AstTest {
  name: string;
  position: SourcePosition;
  args: AstArgument[];
  tests: AstTest[];
  /** Whether the sub-tests were written as a parenthesised list. */
  testList: boolean;
}

/** A command as written: `identifier arguments (";" / block)`. */
export interface AstCommand {
  name: string;
  position: SourcePosition;
  args: AstArgument[];
  tests: AstTest[];
  testList: boolean;
  block: AstCommand[] | null;
}
