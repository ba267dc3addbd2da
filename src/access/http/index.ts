export { createHttpApi, type HttpApi, type HttpApiOptions } from './http-api.js';
export { ApiKeys, type ApiKeyInfo, type ApiKeyRecord } from './auth/api-keys.js';
export { formatScope, parseScope, type Principal, type Scope } from './auth/scope.js';
export { HttpError } from './http-error.js';
export { Metrics } from './metrics/metrics.js';
export type { Route, Access, ServerStatus } from './route.js';
