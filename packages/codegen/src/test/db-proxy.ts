/**
 * A TCP proxy in front of PostgreSQL, for outage tests: while held, every connection through it
 * is cut and new ones are dropped at once, as when the database host goes away.
 */
import net from 'node:net';

export interface DbProxy {
  /** The database URL, through the proxy. */
  url: string;
  hold: () => void;
  release: () => void;
  close: () => Promise<void>;
}

export async function startDbProxy(databaseUrl: string): Promise<DbProxy> {
  const target = new URL(databaseUrl);
  const sockets = new Set<net.Socket>();
  let held = false;
  const server = net.createServer((client) => {
    if (held) return client.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    hold: () => {
      held = true;
      for (const socket of sockets) socket.destroy();
    },
    release: () => {
      held = false;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
