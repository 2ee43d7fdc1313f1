import { test, expect } from "vitest";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { createClient, type Client } from "@libsql/client";
import { projectRoot, templateDatabasePath, tmpDir } from "../support/paths";
import { runPrisma } from "../support/prisma-cli";
import { createTestDatabase, onPostgresql, queryDatabase } from "../support/test-database";

/** Tables, columns, indexes and foreign keys of a SQLite database, in a comparable form. */
async function describeSchema(client: Client) {
  const tables = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
  );
  const description: Record<string, unknown> = {};
  for (const row of tables.rows) {
    const table = String(row.name);
    const columns = await client.execute(`PRAGMA table_info("${table}")`);
    const indexes = await client.execute(`PRAGMA index_list("${table}")`);
    const indexColumns: Record<string, unknown> = {};
    for (const index of indexes.rows) {
      const info = await client.execute(`PRAGMA index_info("${String(index.name)}")`);
      indexColumns[String(index.name)] = { unique: index.unique, columns: info.rows.map((c) => c.name) };
    }
    const foreignKeys = await client.execute(`PRAGMA foreign_key_list("${table}")`);
    description[table] = {
      // By name: a column added by a later migration comes last, and column order does not matter.
      columns: [...columns.rows]
        .sort((a, b) => String(a.name).localeCompare(String(b.name)))
        .map((c) => ({
          name: c.name,
          type: c.type,
          notnull: c.notnull,
          default: c.dflt_value,
          pk: c.pk,
        })),
      indexes: indexColumns,
      foreignKeys: foreignKeys.rows.map((fk) => ({ table: fk.table, from: fk.from, to: fk.to })),
    };
  }
  return description;
}

test.skipIf(onPostgresql)("SQLite: the committed migrations produce exactly the schema in schema.prisma", async () => {
  // What schema.prisma says, rendered by Prisma as SQL and applied to an empty database...
  const expectedSql = runPrisma(
    [
      "migrate",
      "diff",
      "--from-empty",
      "--to-schema-datamodel",
      path.join(projectRoot, "prisma/schema.prisma"),
      "--script",
    ],
    `file:${path.join(tmpDir, `unused-${randomUUID()}.sqlite`)}`,
  );
  const fromSchema = createClient({ url: `file:${path.join(tmpDir, `from-schema-${randomUUID()}.sqlite`)}` });
  await fromSchema.executeMultiple(expectedSql);

  // ...against what `prisma migrate deploy` built from prisma/migrations (the test template database).
  const fromMigrations = createClient({ url: `file:${templateDatabasePath}` });

  const expected = await describeSchema(fromSchema);
  expect(Object.keys(expected).length).toBeGreaterThan(3);
  expect(await describeSchema(fromMigrations)).toEqual(expected);
  fromSchema.close();
  fromMigrations.close();
});

/** Tables, columns, indexes and foreign keys of a PostgreSQL database, in a comparable form. */
async function describePostgresqlSchema(url: string) {
  const columns = await queryDatabase<Record<string, unknown>>(
    url,
    // Not by position: a column dropped by a migration leaves a gap in PostgreSQL's numbering, and order does not matter.
    `SELECT table_name, column_name, data_type, is_nullable, column_default
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
     ORDER BY table_name, column_name`,
  );
  const indexes = await queryDatabase<Record<string, unknown>>(
    url,
    `SELECT tablename, indexname, indexdef FROM pg_indexes
     WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename, indexname`,
  );
  const constraints = await queryDatabase<Record<string, unknown>>(
    url,
    `SELECT conrelid::regclass::text AS "table", conname, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"')
     ORDER BY 1, 2`,
  );
  return { columns, indexes, constraints };
}

test.skipIf(!onPostgresql)(
  "PostgreSQL: the committed migrations produce exactly the schema in schema.prisma",
  async () => {
    // The PostgreSQL schema derived from schema.prisma (scripts/prisma.mjs), rendered as SQL, on an empty database...
    const empty = await createTestDatabase("drift");
    try {
      await queryDatabase(empty.url, "DROP SCHEMA public CASCADE");
      await queryDatabase(empty.url, "CREATE SCHEMA public");
      const expectedSql = runPrisma(
        [
          "migrate",
          "diff",
          "--from-empty",
          "--to-schema-datamodel",
          path.join(projectRoot, "prisma/postgresql/schema.prisma"),
          "--script",
        ],
        empty.url,
      );
      await queryDatabase(empty.url, expectedSql);
      // ...against what `prisma migrate deploy` built from prisma/postgresql/migrations (this file's own copy of it).
      const expected = await describePostgresqlSchema(empty.url);
      expect(expected.columns.length).toBeGreaterThan(20);
      expect(await describePostgresqlSchema(process.env.DATABASE_URL!)).toEqual(expected);
    } finally {
      await empty.drop();
    }
  },
);
