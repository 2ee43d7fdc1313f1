// Seeds the demo shop (run by `npm run demo`; safe to run again: it keeps the shop's settings and skips history
// that is already there). Runs on the source through tsx, against DATABASE_URL.
import prisma from "~/db.server";
import { DEMO_DEFAULTS } from "./constants";
import { seedDemoShop } from "./usage";

/** The session earlier versions of the demo wrote by hand; the app now gets its own by token exchange. */
const HAND_WRITTEN_ACCESS_TOKEN = "shpat_demo_offline_token";

const started = performance.now();
await prisma.session.deleteMany({ where: { shop: DEMO_DEFAULTS.shop, accessToken: HAND_WRITTEN_ACCESS_TOKEN } });
const { seededCalls } = await seedDemoShop(prisma);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  seededCalls > 0 ? `demo: seeded ${seededCalls} calls of history in ${seconds} s` : "demo: history already seeded",
);
await prisma.$disconnect();
