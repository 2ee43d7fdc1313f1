import { copyFileSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { inject } from "vitest";
import { createClient } from "@libsql/client";
import pg from "pg";
import { templateDatabasePath, tmpDir } from "./paths";

/**
 * The database the suite runs on: SQLite (the default, `npm test`) or PostgreSQL (`npm run test:postgresql`, which
 * sets TEST_DATABASE=postgresql). Either way every test file, and every app server a test starts, gets its own copy
 * of one database built by the committed migrations (tests/setup/global-setup.ts): a copied file on SQLite, a
 * `CREATE DATABASE … TEMPLATE` on PostgreSQL (on a private server the global setup started).
 */
export type TestDatabaseProvider = "sqlite" | "postgresql";

export const testDatabaseProvider: TestDatabaseProvider =
  process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";

export const onPostgresql = testDatabaseProvider === "postgresql";

/** What the global setup hands every test file about the PostgreSQL server (null on SQLite). */
export interface ProvidedPostgresql {
  adminUrl: string;
  template: string;
  prefix: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresql: ProvidedPostgresql | null;
  }
}

export interface TestDatabase {
  /** DATABASE_URL for it. */
  readonly url: string;
  /** Deletes it (a file and its WAL, or a PostgreSQL database). */
  drop(): Promise<void>;
}

function provided(): ProvidedPostgresql {
  const postgresql = inject("postgresql");
  if (!postgresql) throw new Error("TEST_DATABASE=postgresql but the global setup started no PostgreSQL server");
  return postgresql;
}

/** `postgresql://…/name` on the test server. */
function postgresqlUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs statements on the server's admin database (CREATE/DROP DATABASE cannot run in a transaction). */
export async function withAdminConnection<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: provided().adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh copy of the migrated template database. */
export async function createTestDatabase(label = "test"): Promise<TestDatabase> {
  if (!onPostgresql) {
    const file = path.join(tmpDir, `${label}-${randomUUID()}.sqlite`);
    copyFileSync(templateDatabasePath, file);
    return {
      url: `file:${file}`,
      drop: async () => {
        for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  const { adminUrl, template, prefix } = provided();
  const name = `${prefix}_${label}_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await withAdminConnection((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    url: postgresqlUrl(adminUrl, name),
    drop: () =>
      withAdminConnection((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

/** `?` placeholders as PostgreSQL numbers them ($1, $2, …). Test SQL only: a `?` inside a string literal is not one. */
function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Runs SQL on a database by its URL, outside the app (what a test reads to check what the app stored). Write SQL both
 * databases read: quoted identifiers ("Session"), `?` placeholders. Integers come back as numbers on both.
 */
export async function queryDatabase<Row extends Record<string, unknown>>(
  url: string,
  sql: string,
  args: Array<string | number | null> = [],
): Promise<Row[]> {
  if (url.startsWith("file:")) {
    const client = createClient({ url });
    try {
      const result = await client.execute({ sql, args });
      return result.rows.map((row) => ({ ...row }) as unknown as Row);
    } finally {
      client.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query({
      text: numberedPlaceholders(sql),
      values: args,
      types: {
        getTypeParser: ((oid: number, format?: string) => {
          // COUNT and SUM of integers are int8/numeric in PostgreSQL; tests compare small figures as numbers.
          if (oid === 20 || oid === 1700) return Number;
          // timestamp(3) is UTC: as the text SQLite keeps ("2026-11-27T09:00:00.000+00:00").
          if (oid === 1114) return (text: string) => `${text.replace(" ", "T")}+00:00`;
          return pg.types.getTypeParser(oid, format as "text");
        }) as never,
      },
    });
    return result.rows as Row[];
  } finally {
    await client.end();
  }
}
