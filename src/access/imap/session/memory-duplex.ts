import { Duplex } from 'node:stream';

/**
 * Two connected in-memory streams, like the two ends of a socket: what one writes, the other
 * reads. Ending one side ends the other's input. For driving a session without a socket.
 *
 * @example
 * const [client, server] = memoryDuplexPair();
 * imapServer.connect(server);
 * client.write('a1 CAPABILITY\r\n');
 */
export function memoryDuplexPair(): [Duplex, Duplex] {
  let left: Duplex;
  let right: Duplex;
  const end = (write: () => Duplex): Duplex =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        write().push(chunk);
        callback();
      },
      final(callback) {
        write().push(null);
        callback();
      },
      destroy(error, callback) {
        const other = write();
        if (!other.destroyed) other.push(null);
        callback(error);
      },
    });
  left = end(() => right);
  right = end(() => left);
  return [left, right];
}
