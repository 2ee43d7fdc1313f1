// Seeds the demo shop (run by `npm run demo`; safe to run again: it skips a shop that already has history).
import prisma from "~/db.server";
import { seedDemoShop } from "~/demo/seed-history.server";

const started = performance.now();
const { seededCalls } = await seedDemoShop(prisma);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  seededCalls > 0 ? `demo: seeded ${seededCalls} calls of history in ${seconds} s` : "demo: history already seeded",
);
await prisma.$disconnect();
