import { PrismaClient } from "@prisma/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { env } from "./env.server";

/** One Prisma client per process; the dev server reloads modules, so keep it on globalThis there. */
function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaLibSQL({ url }) });
}

declare global {
  var prismaGlobal: PrismaClient | undefined;
}

const prisma = globalThis.prismaGlobal ?? createPrismaClient(env.databaseUrl);
if (env.nodeEnv === "development") globalThis.prismaGlobal = prisma;

export default prisma;
