import { controlSocketPath, startControlServer } from '../../src/cli/control-socket.js';
import { controlTarget } from '../../src/cli/rules-control.js';
import { createMailServer, type MailServer } from '../../src/server.js';
import { levelStore } from '../../src/store/index.js';

/**
 * Runs `body` while a server (no SMTP listener) holds the data directory and answers on its
 * control socket, as `posthouse serve` would; closes both afterwards, whatever `body` did.
 */
export async function withRunningServer(dataDir: string, body: (server: MailServer) => Promise<void>): Promise<void> {
  const server = createMailServer({ store: levelStore({ path: dataDir }), smtp: false });
  await server.listen();
  const control = await startControlServer({ path: controlSocketPath(dataDir), directory: controlTarget(server) });
  try {
    await body(server);
  } finally {
    await control.close();
    await server.close();
  }
}
