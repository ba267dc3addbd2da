export { mxTransport, type MxTransportOptions } from './mx-transport.js';
export { smartHostTransport, type SmartHostOptions } from './smart-host-transport.js';
export { sandboxTransport, type SandboxTransport } from './sandbox-transport.js';
export { mapResolver, type MapResolverRecords } from './map-resolver.js';
export { nodeResolver } from './node-resolver.js';
export { SessionPool, type SessionPoolLimits, type PooledSession } from './session-pool.js';
