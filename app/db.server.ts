import { PrismaClient, type Prisma } from "@prisma/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { env } from "./env.server";

/** One Prisma client per process; the dev server reloads modules, so keep it on globalThis there. */
function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaLibSQL({ url, intMode: "bigint" }) });
}

declare global {
  var prismaGlobal: PrismaClient | undefined;
}

const prisma = globalThis.prismaGlobal ?? createPrismaClient(env.databaseUrl);
if (env.nodeEnv === "development") globalThis.prismaGlobal = prisma;

/** How long a statement waits for another process's write lock before giving up (SQLite). */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

if (env.databaseUrl.startsWith("file:")) {
  // Another process may hold the write lock for a moment (a writer's transaction, a migration): wait for it rather
  // than fail, at boot and after. Then WAL, so pages read while the usage tracker writes (a property of the file).
  await prisma.$queryRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
}

export default prisma;

/** A database client or an open transaction: what code that runs inside either takes. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** An instant as Prisma keeps DateTime in SQLite (ISO-8601 text with an explicit offset), for raw SQL that writes one. */
export function sqlDateTime(instant: Date | string): string {
  return new Date(instant).toISOString().replace("Z", "+00:00");
}
