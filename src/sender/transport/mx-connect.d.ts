// mx-connect ships no types; this declares the part of its API the MX transport uses.
declare module 'mx-connect' {
  import type { Socket } from 'node:net';

  interface MxEntry {
    exchange: string;
    priority: number;
    A?: string[];
    AAAA?: string[];
  }
  interface MxConnectOptions {
    target: string;
    mx?: MxEntry[];
    port?: number;
    maxConnectTime?: number;
    localHostname?: string;
    ignoreMXHosts?: string[];
    dnsOptions?: {
      ignoreIPv6?: boolean;
      preferIPv6?: boolean;
      blockLocalAddresses?: boolean;
      resolve?: (name: string, typeOrCallback: unknown, callback?: unknown) => void;
    };
    mtaSts?: {
      enabled?: boolean;
      logger?: (entry: object) => void;
      cache?: { get(domain: string): Promise<unknown>; set(domain: string, policy: unknown): Promise<unknown> };
    };
  }
  interface MxConnection {
    socket: Socket;
    hostname: string;
    host: string;
    port: number;
    policyMatch?: { valid: boolean; mode?: string; testing?: boolean };
  }
  function mxConnect(options: MxConnectOptions): Promise<MxConnection>;
  export default mxConnect;
}
