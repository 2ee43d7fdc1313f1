import { createClient } from "@libsql/client";
import prisma from "~/db.server";
import { onPostgresql, withAdminConnection } from "./test-database";

/**
 * Faults a test puts into the database, written once per database (SQLite's triggers and write lock; PostgreSQL's
 * trigger functions and refused connections), so the same test proves the same behaviour on both.
 */

export interface Refusal {
  /** Trigger name (also the PostgreSQL function's). */
  name: string;
  table: string;
  event: "INSERT" | "UPDATE" | "DELETE";
  /** Only rows this SQL condition holds for (about NEW, written so both databases read it); absent: every write. */
  when?: string;
  message: string;
}

/** Makes the database refuse writes, as it refuses a value it cannot store. */
export async function refuseWrites(refusal: Refusal): Promise<void> {
  const { name, table, event, when, message } = refusal;
  if (!onPostgresql) {
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER IF NOT EXISTS "${name}" BEFORE ${event} ON "${table}"
       ${when ? `WHEN ${when}` : ""} BEGIN SELECT RAISE(ABORT, '${message}'); END`,
    );
    return;
  }
  await prisma.$executeRawUnsafe(
    `CREATE OR REPLACE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       ${when ? `IF ${when} THEN RAISE EXCEPTION '${message}'; END IF;` : `RAISE EXCEPTION '${message}';`}
       RETURN NEW;
     END $$`,
  );
  // A condition about NEW needs each row; a refusal of every write holds even for statements that touch no row.
  await prisma.$executeRawUnsafe(
    `CREATE OR REPLACE TRIGGER "${name}" BEFORE ${event} ON "${table}"
     FOR EACH ${when ? "ROW" : "STATEMENT"} EXECUTE FUNCTION "${name}"()`,
  );
}

export async function allowWrites(name: string, table: string): Promise<void> {
  if (!onPostgresql) {
    await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${name}"`);
    return;
  }
  await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${name}" ON "${table}"`);
  await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS "${name}"()`);
}

/** The app's tables (not Prisma's bookkeeping). */
export async function appTables(): Promise<string[]> {
  const rows = onPostgresql
    ? await prisma.$queryRawUnsafe<Array<{ name: string }>>(
        `SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
      )
    : await prisma.$queryRawUnsafe<Array<{ name: string }>>(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name <> '_prisma_migrations' AND name NOT LIKE 'sqlite_%'`,
      );
  return rows.map((row) => row.name);
}

export interface Outage {
  /** The database takes writes again. */
  end(): Promise<void>;
}

/**
 * The app's database stops taking writes until `end()`. On SQLite another connection holds the write lock (as
 * another process would); on PostgreSQL the database refuses connections and the app's open ones are cut (as a
 * server restart or a failover does).
 */
export async function startOutage(databaseUrl: string = process.env.DATABASE_URL!): Promise<Outage> {
  if (!onPostgresql) {
    const blocker = createClient({ url: databaseUrl });
    await blocker.execute("BEGIN EXCLUSIVE");
    return {
      end: async () => {
        await blocker.execute("COMMIT");
        blocker.close();
      },
    };
  }
  const database = new URL(databaseUrl).pathname.slice(1);
  await withAdminConnection(async (admin) => {
    await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS false`);
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [database],
    );
  });
  return {
    end: () =>
      withAdminConnection(async (admin) => {
        await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS true`);
      }),
  };
}
