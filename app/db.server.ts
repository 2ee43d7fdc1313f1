import { createRequire } from "node:module";
import type { PrismaClient, Prisma } from "@prisma/client";
import { env } from "./env.server";

/**
 * The process's one Prisma client, for the database DATABASE_URL names (docs/decisions/0016): SQLite through libSQL
 * for `file:` URLs (the embedded default), PostgreSQL through node-postgres for `postgresql://` URLs. Both clients are
 * generated from the same models (scripts/prisma.mjs), so code is typed against one and runs on either.
 */
export type DatabaseProvider = "sqlite" | "postgresql";

/** The database a DATABASE_URL names, from its scheme. */
export function databaseProviderOf(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL, not "${url.split(":")[0]}:…"`);
}

export const databaseProvider: DatabaseProvider = databaseProviderOf(env.databaseUrl);

/** How long a statement waits for another process's write lock (SQLite) or a row lock (PostgreSQL) before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;
export const POSTGRESQL_LOCK_TIMEOUT_MS = 5_000;

/**
 * SQLite's page cache per connection, in KiB (docs/decisions/0027). Its default, 2 MB, is less than the pages one
 * AI usage page reads across its rollups for a busy shop, and a statement whose pages do not fit reads them again from
 * the operating system on every load: the page's statement took 1.1-1.7 ms with the default, 0.7-0.9 ms with room.
 * Pages are cached as they are read, so an idle connection takes no more than before.
 */
export const SQLITE_CACHE_KIB = 16_384;

/** Run on every SQLite connection the app opens: wait for another writer's lock rather than fail; room for pages. */
export const SQLITE_CONNECTION_PRAGMAS = [
  `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
  `PRAGMA cache_size = -${SQLITE_CACHE_KIB}`,
] as const;

const require = createRequire(import.meta.url);

async function createPrismaClient(url: string): Promise<PrismaClient> {
  if (databaseProviderOf(url) === "postgresql") {
    // Generated from the same models by scripts/prisma.mjs into node_modules/.prisma/client-postgresql.
    const generated = require(".prisma/client-postgresql") as { PrismaClient: typeof PrismaClient };
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const adapter = new PrismaPg(
      {
        connectionString: url,
        max: env.databasePoolSize,
        // A write waiting on a lock (another instance's transaction, a migration) fails after a while instead of
        // hanging: the usage writer keeps the records and retries, as it does on SQLite. No parallel workers
        // (docs/decisions/0025): the app's reads are a few thousand rollup rows, and starting workers took 5-10 ms of
        // a 1 ms read once a page's statement looked costly enough, and a shared server's cores from other shops.
        options: `-c lock_timeout=${POSTGRESQL_LOCK_TIMEOUT_MS} -c max_parallel_workers_per_gather=0`,
      },
      {
        // An idle connection the server cut (a restart, a failover) leaves the pool; the next query opens another.
        onPoolError: (error) => console.warn("database: an idle connection was closed by the server", error.message),
      },
    );
    return new generated.PrismaClient({ adapter });
  }
  const [{ PrismaClient: SqliteClient }, { PrismaLibSQLWaitingForLocks }] = await Promise.all([
    import("@prisma/client"),
    import("./sqlite-adapter.server"),
  ]);
  return new SqliteClient({
    adapter: new PrismaLibSQLWaitingForLocks({ url, intMode: "bigint" }, SQLITE_CONNECTION_PRAGMAS),
  });
}

declare global {
  var prismaGlobal: PrismaClient | undefined;
}

/** One Prisma client per process; the dev server reloads modules, so keep it on globalThis there. */
const prisma = globalThis.prismaGlobal ?? (await createPrismaClient(env.databaseUrl));
if (env.nodeEnv === "development") globalThis.prismaGlobal = prisma;

if (databaseProvider === "sqlite") {
  // Another process may hold the write lock for a moment (a writer's transaction, a migration): wait for it rather
  // than fail, at boot and after; and room for a page's pages (SQLITE_CONNECTION_PRAGMAS). Then WAL, so pages read
  // while the usage tracker writes (a property of the file).
  for (const pragma of SQLITE_CONNECTION_PRAGMAS) await prisma.$queryRawUnsafe(pragma);
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
}

export default prisma;

/** A database client or an open transaction: what code that runs inside either takes. */
export type Db = PrismaClient | Prisma.TransactionClient;
