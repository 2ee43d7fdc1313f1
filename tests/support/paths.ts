import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
export const tmpDir = path.join(projectRoot, "tests/.tmp");
export const artifactsDir = path.join(projectRoot, "tests/artifacts");
export const templateDatabasePath = path.join(tmpDir, "template.sqlite");
