import { randomUUID } from "node:crypto";
import path from "node:path";
import { tmpDir } from "../support/paths";
import { createTestDatabase } from "../support/test-database";

// Runs before each test file's imports, so app/db.server.ts opens this file's own database: a copy of the migrated
// template, on SQLite or on PostgreSQL (TEST_DATABASE). Left for the run's end to remove (stale files, or the server).
process.env.DATABASE_URL = (await createTestDatabase("test")).url;
process.env.USAGE_JOURNAL_DIR = path.join(tmpDir, `journal-${randomUUID()}`);
