/**
 * Display text that needs the server: model names from the pricing catalog (kept out of the pages' bundle). Loaders
 * send names, not ids; everything else is the browser-safe format module.
 */
import { resolveModel } from "~/lib/pricing";

export * from "./index";

/** "Claude Sonnet 4.5" for `claude-sonnet-4-5-20250929` or its alias; an id the catalog does not know, as recorded. */
export function modelName(model: string): string {
  return resolveModel(model)?.displayName ?? model;
}
