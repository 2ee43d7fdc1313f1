// Seeds the demo shop (run by `npm run demo`; safe to run again: it keeps the shop's settings and skips history
// that is already there). Runs on the source through tsx, against DATABASE_URL.
import prisma from "~/db.server";
import { seedDemoShop } from "./usage";

const started = performance.now();
const { seededCalls } = await seedDemoShop(prisma);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  seededCalls > 0 ? `demo: seeded ${seededCalls} calls of history in ${seconds} s` : "demo: history already seeded",
);
await prisma.$disconnect();
