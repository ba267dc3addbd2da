import { ErrorCodes } from '../errors/codes.js';
import { PosthouseError } from '../errors/posthouse-error.js';
import type { Directory } from '../interfaces/directory.js';
import type { DkimControl } from './dkim-control.js';
import type { KeysControl } from './keys-control.js';
import type { QueueControl } from './queue.js';
import type { RulesControl } from './rules-control.js';

/**
 * The directory methods the control socket serves, with the kind of each parameter. Nothing
 * else of the directory is callable: no `authenticate` (a password oracle) and no store access.
 */
export const DIRECTORY_CONTROL_METHODS = {
  addDomain: ['string', 'domain-options?'],
  removeDomain: ['string'],
  listDomains: [],
  setCatchAll: ['string', 'string|null'],
  addAccount: ['string', 'account-options?'],
  removeAccount: ['string'],
  getAccount: ['string'],
  listAccounts: ['string?'],
  setPassword: ['string', 'string'],
  addAlias: ['string', 'string[]'],
  removeAlias: ['string'],
  listAliases: ['string?'],
  resolve: ['string'],
} as const satisfies Record<string, readonly ParamKind[]>;

/** The rules methods ({@link RulesControl}): script storage and re-apply. */
export const RULES_CONTROL_METHODS = {
  rulesPut: ['string', 'string', 'string', 'boolean?'],
  rulesGet: ['string', 'string'],
  rulesList: ['string'],
  rulesActivate: ['string', 'string|null'],
  rulesApply: ['string', 'string', 'boolean?'],
} as const satisfies Record<string, readonly ParamKind[]>;

/** The API key methods ({@link KeysControl}): create (scope, label), list, revoke. */
export const KEYS_CONTROL_METHODS = {
  keysCreate: ['string', 'string?'],
  keysList: [],
  keysRevoke: ['string'],
} as const satisfies Record<string, readonly ParamKind[]>;

/** The DKIM methods ({@link DkimControl}): generate (domain, selector, algorithm), show. */
export const DKIM_CONTROL_METHODS = {
  dkimGenerate: ['string', 'string?', 'string?'],
  dkimShow: ['string'],
} as const satisfies Record<string, readonly ParamKind[]>;

/** The outbound queue methods ({@link QueueControl}): list, show, retry, hold, release, delete. */
export const QUEUE_CONTROL_METHODS = {
  queueList: [],
  queueShow: ['string'],
  queueRetry: ['string'],
  queueHold: ['string'],
  queueRelease: ['string'],
  queueDelete: ['string'],
} as const satisfies Record<string, readonly ParamKind[]>;

/** Every method the control socket serves: the directory's, the rules', the API keys', the DKIM keys' and the queue's. */
export const CONTROL_METHODS = { ...DIRECTORY_CONTROL_METHODS, ...RULES_CONTROL_METHODS, ...KEYS_CONTROL_METHODS, ...DKIM_CONTROL_METHODS, ...QUEUE_CONTROL_METHODS } as const;

/** The control methods that are the directory's own, passed straight to it. */
export const DIRECTORY_METHODS = Object.keys(DIRECTORY_CONTROL_METHODS) as Array<keyof typeof DIRECTORY_CONTROL_METHODS>;

/** The kind of one parameter; `?` marks an optional one (absent or null). */
export type ParamKind = 'string' | 'string?' | 'string|null' | 'string[]' | 'boolean?' | 'domain-options?' | 'account-options?';

/** A method name the control socket serves. */
export type ControlMethod = keyof typeof CONTROL_METHODS;

/** The part of the {@link Directory} reachable through the control socket, and the rules, API key, DKIM and queue methods. */
export type ControlledDirectory = Pick<Directory, keyof typeof DIRECTORY_CONTROL_METHODS> & RulesControl & KeysControl & DkimControl & QueueControl;

/** Whether `name` is a method the control socket serves. */
export function isControlMethod(name: unknown): name is ControlMethod {
  return typeof name === 'string' && Object.hasOwn(CONTROL_METHODS, name);
}

/**
 * Checks `params` against the method's parameter kinds; resolves the arguments to pass (optional
 * ones given as null become undefined), or a message saying what is wrong.
 */
export function checkParams(method: ControlMethod, params: unknown): unknown[] | string {
  const kinds: readonly ParamKind[] = CONTROL_METHODS[method];
  if (!Array.isArray(params)) return 'params must be an array';
  if (params.length > kinds.length) return `${method} takes at most ${kinds.length} parameters`;
  const args: unknown[] = [];
  for (const [index, kind] of kinds.entries()) {
    const value: unknown = params[index];
    if (!fits(kind, value)) return `parameter ${index + 1} of ${method} must be ${describe(kind)}`;
    args.push(value === null && kind.endsWith('?') ? undefined : value);
  }
  while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
  return args;
}

function fits(kind: ParamKind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'string?':
      return value === undefined || value === null || typeof value === 'string';
    case 'string|null':
      return value === null || typeof value === 'string';
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'boolean?':
      return value === undefined || value === null || typeof value === 'boolean';
    case 'domain-options?':
      return value === undefined || value === null || (isPlainObject(value) && hasOnly(value, { catchAll: ['string', 'null'] }));
    case 'account-options?':
      return (
        value === undefined ||
        value === null ||
        (isPlainObject(value) &&
          hasOnly(value, { password: ['string'], createDomain: ['boolean'], quota: ['object'] }) &&
          (value['quota'] === undefined || isQuota(value['quota'])))
      );
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether every key of `value` is allowed and holds one of its allowed `typeof` kinds (`null` for null). */
function hasOnly(value: Record<string, unknown>, allowed: Record<string, string[]>): boolean {
  return Object.entries(value).every(([key, item]) => {
    const kinds = Object.hasOwn(allowed, key) ? allowed[key] : undefined;
    return kinds !== undefined && kinds.includes(item === null ? 'null' : typeof item);
  });
}

function isQuota(value: unknown): boolean {
  return (
    isPlainObject(value) &&
    hasOnly(value, { maxBytes: ['number'], maxMessages: ['number'] }) &&
    Object.values(value).every((limit) => Number.isSafeInteger(limit) && (limit as number) >= 0)
  );
}

function describe(kind: ParamKind): string {
  switch (kind) {
    case 'string':
      return 'a string';
    case 'string?':
      return 'a string or null';
    case 'string|null':
      return 'a string or null';
    case 'string[]':
      return 'an array of strings';
    case 'boolean?':
      return 'true, false or null';
    case 'domain-options?':
      return 'null or { catchAll?: string | null }';
    case 'account-options?':
      return 'null or { password?: string, createDomain?: boolean, quota?: { maxBytes?, maxMessages? } }';
  }
}

/** Error codes of the control protocol itself (in the one namespace of `ErrorCodes`); directory errors keep their own. */
export const ControlErrorCodes = {
  REQUEST_INVALID: ErrorCodes.CONTROL_REQUEST_INVALID,
  METHOD_UNKNOWN: ErrorCodes.CONTROL_METHOD_UNKNOWN,
  REQUEST_TOO_LARGE: ErrorCodes.CONTROL_REQUEST_TOO_LARGE,
  INTERNAL: ErrorCodes.CONTROL_INTERNAL,
  UNREACHABLE: ErrorCodes.CONTROL_UNREACHABLE,
} as const;

/** One request line: `{ id, method, params }`. */
export interface ControlRequest {
  id: string | number;
  method: ControlMethod;
  params: unknown[];
}

/** One reply line: `{ id, result }` or `{ id, error: { code, message } }`; `id` is null when the request had none. */
export type ControlResponse =
  | { id: string | number; result: unknown }
  | { id: string | number | null; error: { code: string; message: string } };

/** An error of the control protocol (not of the directory), with its stable `code`. */
export class ControlError extends PosthouseError {
  constructor(code: (typeof ControlErrorCodes)[keyof typeof ControlErrorCodes], message: string) {
    super(code, message);
    this.name = 'ControlError';
  }
}
