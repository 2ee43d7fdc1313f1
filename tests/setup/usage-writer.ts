import { getUsageRecorder } from "~/lib/usage/index.server";

// Each test file runs like one server process: its own database and journal (per-file-database.ts) and the usage
// writer started, as app/background.server.ts starts it at boot. The SEO runner and retention are left to the tests
// that exercise them.
getUsageRecorder().start();
