import { PrismaLibSQL } from "@prisma/adapter-libsql";
import type { Client, Config, Transaction, TransactionMode } from "@libsql/client";

/**
 * Prisma's libSQL adapter, made safe for a database file that other connections write at the same moment (the usage
 * writer's thread, decision 0020; `npm run operator`; a second process). `@libsql/client` hands its connection to each
 * transaction and opens a fresh one for what follows (decision 0015), and a fresh SQLite connection fails at once with
 * SQLITE_BUSY when another holds the write lock. So:
 * - after each transaction starts, the client's next connection is opened at once and told to wait for locks;
 * - transactions begin IMMEDIATE (take the write lock at BEGIN, waiting for it) rather than DEFERRED: a deferred
 *   transaction that reads and then writes fails with SQLITE_BUSY_SNAPSHOT, without waiting, when another connection
 *   committed in between. Every interactive transaction in this app writes;
 * - when BEGIN fails, the client is replaced: libSQL (0.3) leaves a statement that failed with SQLITE_BUSY in progress
 *   on its connection, which then holds an old snapshot, so every later BEGIN IMMEDIATE there fails too (seen: a
 *   writer that never recovered from a 5-second lock) and a COMMIT fails with "SQL statements in progress".
 *
 * Every connection it opens gets the same settings (`connectionPragmas`, also run on the first connection at boot by
 * db.server.ts): SQLite keeps them per connection.
 */
export class PrismaLibSQLWaitingForLocks extends PrismaLibSQL {
  constructor(
    config: Config,
    private readonly connectionPragmas: readonly string[],
  ) {
    super(config, undefined);
  }

  override createClient(config: Config): Client {
    const settle = async (client: Client) => {
      for (const pragma of this.connectionPragmas) await client.execute(pragma);
    };
    const open = () => super.createClient(config);
    let current = open();
    const transaction = async (mode?: TransactionMode): Promise<Transaction> => {
      let started: Transaction;
      try {
        started = await current.transaction(mode === "deferred" || mode === undefined ? "write" : mode);
      } catch (error) {
        const broken = current;
        current = open();
        broken.close();
        await settle(current);
        throw error;
      }
      await settle(current);
      return started;
    };
    // The client keeps its connection in private fields: its methods must run on the client itself, not the proxy.
    return new Proxy(current, {
      get: (_, property) => {
        if (property === "transaction") return transaction;
        const value: unknown = Reflect.get(current, property, current);
        return typeof value === "function" ? value.bind(current) : value;
      },
    });
  }
}
