import { invalidRequest } from '../http-error.js';

/** The JSON Schema (2020-12, as OpenAPI 3.1 uses it) of a {@link Schema}. */
export type JsonSchema = Record<string, unknown>;

/**
 * One description of a value that both validates it and documents it: `parse` checks an input
 * and returns it typed, `json` is the same rules as JSON Schema for the OpenAPI document.
 */
export interface Schema<T> {
  readonly json: JsonSchema;
  /** Whether the value may be left out of an object. */
  readonly optional: boolean;
  /**
   * Checks `value` (named `path` in messages); `fromText` says it came from a URL, where numbers
   * and booleans are spelled as text. Throws a 400 `HTTP_REQUEST_INVALID` naming the field.
   */
  parse(value: unknown, path: string, fromText: boolean): T;
}

/** The type a schema parses to. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

function schema<T>(json: JsonSchema, parse: Schema<T>['parse']): Schema<T> {
  return { json, optional: false, parse };
}

/** A string with length bounds, an optional pattern (with a description of it for messages) and enumerated values. */
export function string(options: { minLength?: number; maxLength: number; pattern?: RegExp; patternName?: string; description?: string }): Schema<string> {
  const { minLength = 0, maxLength, pattern, patternName, description } = options;
  return schema({ type: 'string', minLength, maxLength, ...(pattern ? { pattern: pattern.source } : {}), ...(description ? { description } : {}) }, (value, path) => {
    if (typeof value !== 'string') throw invalidRequest(`${path} must be a string`);
    if (value.length < minLength) throw invalidRequest(minLength === 1 ? `${path} must not be empty` : `${path} must be at least ${minLength} characters`);
    if (value.length > maxLength) throw invalidRequest(`${path} must be at most ${maxLength} characters`);
    if (pattern && !pattern.test(value)) throw invalidRequest(`${path} must be ${patternName ?? `a string matching ${pattern.source}`}`);
    return value;
  });
}

/** One of a fixed set of strings. */
export function oneOf<const V extends string>(values: readonly V[], description?: string): Schema<V> {
  return schema({ type: 'string', enum: [...values], ...(description ? { description } : {}) }, (value, path) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) throw invalidRequest(`${path} must be one of ${values.join(', ')}`);
    return value as V;
  });
}

/** An integer within bounds. */
export function integer(options: { minimum: number; maximum: number; description?: string }): Schema<number> {
  const { minimum, maximum, description } = options;
  return schema({ type: 'integer', minimum, maximum, ...(description ? { description } : {}) }, (value, path, fromText) => {
    const number = fromText && typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw invalidRequest(`${path} must be an integer`);
    if (number < minimum || number > maximum) throw invalidRequest(`${path} must be between ${minimum} and ${maximum}`);
    return number;
  });
}

/** A boolean (`true`/`false` in a URL). */
export function boolean(description?: string): Schema<boolean> {
  return schema({ type: 'boolean', ...(description ? { description } : {}) }, (value, path, fromText) => {
    if (fromText && (value === 'true' || value === 'false')) return value === 'true';
    if (typeof value !== 'boolean') throw invalidRequest(`${path} must be true or false`);
    return value;
  });
}

/** An ISO 8601 date-time (`2026-03-01T00:00:00Z` or a date alone). */
export function dateTime(description?: string): Schema<Date> {
  return schema({ type: 'string', format: 'date-time', ...(description ? { description } : {}) }, (value, path) => {
    const date = typeof value === 'string' && value.length <= 40 && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : null;
    if (date === null || Number.isNaN(date.getTime())) throw invalidRequest(`${path} must be an ISO 8601 date, e.g. 2026-03-01T00:00:00Z`);
    return date;
  });
}

/** An array of items, at most `maxItems` of them. */
export function array<T>(items: Schema<T>, options: { minItems?: number; maxItems: number }): Schema<T[]> {
  const { minItems = 0, maxItems } = options;
  return schema({ type: 'array', items: items.json, minItems, maxItems }, (value, path, fromText) => {
    if (!Array.isArray(value)) throw invalidRequest(`${path} must be an array`);
    if (value.length < minItems) throw invalidRequest(`${path} must hold at least ${minItems} item${minItems === 1 ? '' : 's'}`);
    if (value.length > maxItems) throw invalidRequest(`${path} must hold at most ${maxItems} items`);
    return value.map((item, index) => items.parse(item, `${path}[${index}]`, fromText));
  });
}

/** The value or null. */
export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return schema({ ...inner.json, type: [inner.json['type'], 'null'] }, (value, path, fromText) => (value === null ? null : inner.parse(value, path, fromText)));
}

/** The same schema, but it may be left out of an object. */
export function optional<T>(inner: Schema<T>): Schema<T | undefined> {
  return { ...inner, optional: true } as Schema<T | undefined>;
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
/** The object type of a shape: optional schemas make optional properties. */
export type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> };

/** An object with exactly these properties (unknown ones are refused, so a typo is an error). */
export function object<S extends Shape>(shape: S, description?: string): Schema<ObjectOf<S>> {
  const required = Object.keys(shape).filter((key) => !shape[key]!.optional);
  const properties = Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, value.json]));
  return schema(
    { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false, ...(description ? { description } : {}) },
    (value, path, fromText) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidRequest(`${path} must be a JSON object`);
      const input = value as Record<string, unknown>;
      const unknown = Object.keys(input).find((key) => !Object.hasOwn(shape, key));
      if (unknown !== undefined) throw invalidRequest(`${path} has an unknown property '${unknown.slice(0, 64)}' (allowed: ${Object.keys(shape).join(', ') || 'none'})`);
      const output: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(shape)) {
        const item = Object.hasOwn(input, key) ? input[key] : undefined;
        if (item === undefined) {
          if (!field.optional) throw invalidRequest(`${path}.${key} is required`);
          continue;
        }
        output[key] = field.parse(item, `${path}.${key}`, fromText);
      }
      return output as ObjectOf<S>;
    },
  );
}
