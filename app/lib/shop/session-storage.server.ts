import { Prisma, type PrismaClient } from "@prisma/client";
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";

/**
 * Shopify's Prisma session storage, with the read that every admin request makes (`loadSession`, inside
 * `authenticate.admin`) in plain SQL. Through Prisma's query compiler that one-row read cost 0.7-1.1 ms of each page
 * load on the benchmark machine, in plain SQL 0.35-0.55 ms. Writes, deletes and lookups by shop stay the package's.
 * The row becomes a Session exactly as the package makes one (its private `rowToSession`, v11); a test loads the
 * same sessions through both and compares them.
 */
export class SessionStorageReadingPlainSql extends PrismaSessionStorage<PrismaClient> {
  constructor(private readonly db: PrismaClient) {
    super(db);
  }

  override async loadSession(id: string): Promise<Session | undefined> {
    const [row] = await this.db.$queryRaw<StoredSessionRow[]>(
      Prisma.sql`SELECT "id", "shop", "state", "isOnline", "scope", "expires", "accessToken",
          CAST("userId" AS TEXT) AS "userId", "firstName", "lastName", "email", "accountOwner", "locale",
          "collaborator", "emailVerified", "refreshToken", "refreshTokenExpires"
        FROM "Session" WHERE "id" = ${id}`,
    );
    return row ? sessionOfRow(row) : undefined;
  }
}

/** A Session row as either database's driver returns it to a raw query. */
interface StoredSessionRow {
  id: string;
  shop: string;
  state: string;
  isOnline: unknown;
  scope: string | null;
  expires: unknown;
  accessToken: string;
  userId: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  accountOwner: unknown;
  locale: string | null;
  collaborator: unknown;
  emailVerified: unknown;
  refreshToken: string | null;
  refreshTokenExpires: unknown;
}

/** SQLite keeps booleans as 0/1; PostgreSQL's driver gives true/false. */
function booleanOrNull(value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  return value === true || value === 1 || value === 1n || value === "1" || value === "true";
}

/** A DateTime column as milliseconds (a Date from PostgreSQL, ISO-8601 text or a number from SQLite), or null. */
function millisecondsOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  return new Date(typeof value === "bigint" ? Number(value) : (value as string | number)).getTime();
}

function sessionOfRow(row: StoredSessionRow): Session {
  // The package's conversion, step by step (it writes the strings "null" for missing names, as here).
  const params: Record<string, string | number | boolean> = {
    id: row.id,
    shop: row.shop,
    state: row.state,
    isOnline: booleanOrNull(row.isOnline) ?? false,
    userId: String(row.userId),
    firstName: String(row.firstName),
    lastName: String(row.lastName),
    email: String(row.email),
    locale: String(row.locale),
  };
  const accountOwner = booleanOrNull(row.accountOwner);
  if (accountOwner !== null) params.accountOwner = accountOwner;
  const collaborator = booleanOrNull(row.collaborator);
  if (collaborator !== null) params.collaborator = collaborator;
  const emailVerified = booleanOrNull(row.emailVerified);
  if (emailVerified !== null) params.emailVerified = emailVerified;
  const expires = millisecondsOrNull(row.expires);
  if (expires) params.expires = expires;
  if (row.scope) params.scope = row.scope;
  if (row.accessToken) params.accessToken = row.accessToken;
  if (row.refreshToken) params.refreshToken = row.refreshToken;
  const refreshTokenExpires = millisecondsOrNull(row.refreshTokenExpires);
  if (refreshTokenExpires) params.refreshTokenExpires = refreshTokenExpires;
  return Session.fromPropertyArray(Object.entries(params), true);
}
