import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';

/** The slice of smtp-server's API the baseline uses (the package ships no types). */
interface DiscardingServer {
  listen(port: number, host: string, callback: () => void): void;
  close(callback: () => void): void;
  server: { address(): { port: number } };
}
type SmtpServerConstructor = new (options: {
  authOptional: boolean;
  disabledCommands: string[];
  logger: boolean;
  onData: (stream: Readable, session: unknown, callback: (error?: Error | null) => void) => void;
}) => DiscardingServer;

const { SMTPServer } = createRequire(import.meta.url)('smtp-server') as { SMTPServer: SmtpServerConstructor };

/**
 * The baseline peer: a bare smtp-server that reads and discards every message, then answers 250.
 * It bounds what any server built on smtp-server can reach on this machine.
 *
 * @example
 * const { port, close } = await startDiscardServer('127.0.0.1');
 */
export async function startDiscardServer(host: string): Promise<{ port: number; close: () => Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => callback());
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: server.server.address().port,
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}
