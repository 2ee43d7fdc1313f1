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

// WAL lets pages read while the usage tracker writes, and is a property of the file, so once per start suffices.
if (env.databaseUrl.startsWith("file:")) await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");

export default prisma;

/** A database client or an open transaction: what code that runs inside either takes. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** An instant as Prisma keeps DateTime in SQLite (ISO-8601 text with an explicit offset), for raw SQL that writes one. */
export function sqlDateTime(instant: Date | string): string {
  return new Date(instant).toISOString().replace("Z", "+00:00");
}
