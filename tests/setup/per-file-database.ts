import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { templateDatabasePath, tmpDir } from "../support/paths";

// Runs before each test file's imports, so app/db.server.ts opens this file's own database.
const databasePath = path.join(tmpDir, `test-${randomUUID()}.sqlite`);
copyFileSync(templateDatabasePath, databasePath);
process.env.DATABASE_URL = `file:${databasePath}`;
process.env.USAGE_JOURNAL_DIR = path.join(tmpDir, `journal-${randomUUID()}`);
