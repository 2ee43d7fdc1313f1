import { z } from "zod";

/** The form a merchant sends to apply one suggestion (as edited), from a run's page or a product's page. */
export const applyItemCommand = z.object({
  intent: z.literal("applyItem"),
  itemId: z.coerce.number().int().positive().max(2_147_483_647),
  metaTitle: z.string().optional(),
  metaDescription: z.string().optional(),
  altText: z.string().optional(),
});
