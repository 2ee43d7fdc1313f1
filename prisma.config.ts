import path from "node:path";
import pg from "pg";
import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";

// One configuration for both databases, chosen by DATABASE_URL (docs/decisions/0016): SQLite for `file:` URLs with
// prisma/schema.prisma and prisma/migrations; PostgreSQL for `postgresql://` URLs with the schema scripts/prisma.mjs
// derives from it and prisma/postgresql/migrations. Run the CLI through `npm run prisma` (scripts/prisma.mjs).
const url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite";
const postgresql = /^postgres(ql)?:\/\//.test(url);

/** PostgreSQL's catalog types (`"char"`, `name`, int2vector, regproc, oidvector, pg_node_tree, regclass, regtype). */
const CATALOG_TYPES = new Set([18, 19, 22, 24, 30, 194, 2205, 2206]);
const TEXT = 25;

type QueryResultLike = { fields?: Array<{ dataTypeID: number }> };
const catalogTypesAsText = <Result>(result: Result): Result => {
  for (const field of (result as QueryResultLike)?.fields ?? []) {
    if (CATALOG_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT;
  }
  return result;
};

/**
 * The migration engine reads PostgreSQL's catalog (table names are of type `name`), which the pg adapter 6.19 refuses
 * to decode ("Column type 'name' could not be deserialized"). The values arrive as text anyway: this client reports
 * such columns as text. Only the Prisma CLI uses it; the app never reads the catalog.
 */
class CatalogReadingClient extends pg.Client {
  // pg's query() takes (config, values?, callback?) and returns a promise only without a callback.
  override query(...args: unknown[]): never {
    const callbackAt = args.findIndex((arg) => typeof arg === "function");
    if (callbackAt >= 0) {
      const callback = args[callbackAt] as (error: unknown, result: unknown) => void;
      args[callbackAt] = (error: unknown, result: unknown) =>
        callback(error, error ? result : catalogTypesAsText(result));
      return (super.query as (...rest: unknown[]) => never)(...args);
    }
    const result = (super.query as (...rest: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then(catalogTypesAsText) : result) as never;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  schema: postgresql ? path.join("prisma", "postgresql", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: {
    path: postgresql ? path.join("prisma", "postgresql", "migrations") : path.join("prisma", "migrations"),
  },
  engine: "js",
  adapter: async () =>
    postgresql
      ? new PrismaPg(new pg.Pool({ connectionString: url, Client: CatalogReadingClient }))
      : new PrismaLibSQL({ url }),
});
