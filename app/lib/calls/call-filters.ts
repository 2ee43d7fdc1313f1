import { z } from "zod";
import {
  addDays,
  isLocalDay,
  type DayRange,
  InvalidRangeError,
  assertRangeInCalendar,
  type LocalDay,
} from "~/lib/time";
import { validationMessages } from "~/lib/validation";

/**
 * Which calls a merchant asked for, on the calls page (URL search parameters) and in the export (form fields):
 * a range of the shop's local days and optional model, endpoint, status and resource type. Parsed in one place so
 * the page and the file always mean the same calls.
 */
const CALL_STATUSES = ["success", "error"] as const;
export type CallStatusFilter = (typeof CALL_STATUSES)[number];

/** The resource-type filter value for calls about no resource (stored as null, "" in the rollups). */
export const NO_RESOURCE = "none";

export interface CallFilters {
  range: DayRange;
  model?: string;
  endpoint?: string;
  status?: CallStatusFilter;
  /** "product", "collection", "image", … or NO_RESOURCE. */
  resourceType?: string;
  /** The staff member (session token `sub`) or "automation". */
  userId?: string;
}

/** A request's filters that cannot be answered; the message is shown to the merchant as it is. */
export class InvalidFilterError extends Error {
  override name = "InvalidFilterError";
}

/** Values the shop can filter by: what its own calls used, plus the resource types the app knows. */
export interface FilterOptions {
  models: string[];
  endpoints: string[];
  resourceTypes: string[];
  /** Staff user ids (and "automation") the shop's calls were made by. */
  staff: string[];
}

export const KNOWN_RESOURCE_TYPES = ["product", "collection", "image"] as const;

// A filter value is a name, not free text: this keeps odd input out of queries and error messages.
const name = z
  .string()
  .trim()
  .max(200, "is too long")
  .regex(/^[A-Za-z0-9._:@/-]*$/, "has characters no model, endpoint or resource type has")
  .optional()
  .transform((value) => (value ? value : undefined));

const schema = z.object({
  from: z.string().trim().optional(),
  to: z.string().trim().optional(),
  model: name,
  endpoint: name,
  status: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined))
    .refine((value) => value === undefined || (CALL_STATUSES as readonly string[]).includes(value), {
      message: `must be ${CALL_STATUSES.join(" or ")}`,
    }),
  resourceType: name,
  userId: name,
});

type Fields = Record<string, string | undefined>;

/** The fields of a form or a URL's search parameters, as plain strings (files and repeats ignored). */
export function fieldsOf(source: URLSearchParams | FormData, names: readonly string[]): Fields {
  const fields: Fields = {};
  for (const key of names) {
    const value = source.get(key);
    if (typeof value === "string") fields[key] = value;
  }
  return fields;
}

export const FILTER_FIELDS = ["from", "to", "model", "endpoint", "status", "resourceType", "userId"] as const;

const FIELD_LABELS: Record<string, string> = {
  from: "Start date",
  to: "End date",
  model: "Model",
  endpoint: "Endpoint",
  status: "Status",
  resourceType: "Resource type",
  userId: "Staff member",
};

/**
 * Reads the filters. `defaultRange` fills in a missing from/to (the calls page opens on the last 30 days); without
 * it both are required (the export always says which days it is for). Throws InvalidFilterError with a message
 * for the merchant: bad or reversed dates, a range over 366 days, a status that does not exist.
 */
export function parseCallFilters(fields: Fields, calendar: { today: LocalDay; defaultRange?: DayRange }): CallFilters {
  const { today, defaultRange } = calendar;
  const parsed = schema.safeParse(fields, { error: validationMessages });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const label = FIELD_LABELS[String(issue.path[0])] ?? String(issue.path[0]);
    throw new InvalidFilterError(`${label} ${issue.message}.`);
  }
  const { from, to, model, endpoint, status, resourceType, userId } = parsed.data;
  const range = { from: from || defaultRange?.from, to: to || defaultRange?.to };
  if (!range.from || !range.to) throw new InvalidFilterError("Choose a start date and an end date (YYYY-MM-DD).");
  for (const [label, day] of [
    ["Start date", range.from],
    ["End date", range.to],
  ] as const) {
    if (!isLocalDay(day)) throw new InvalidFilterError(`${label} "${day}" is not a date written as YYYY-MM-DD.`);
  }
  try {
    assertRangeInCalendar(range as DayRange, today);
  } catch (error) {
    if (error instanceof InvalidRangeError) throw new InvalidFilterError(`${error.message}.`);
    throw error;
  }
  return {
    range: range as DayRange,
    ...(model ? { model } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(status ? { status: status as CallStatusFilter } : {}),
    ...(resourceType ? { resourceType } : {}),
    ...(userId ? { userId } : {}),
  };
}

/** Refuses a model, endpoint or resource type the shop has never used: a typo would otherwise look like "no calls". */
export function assertKnownFilterValues(filters: CallFilters, options: FilterOptions): void {
  const checks: Array<[string, string | undefined, readonly string[]]> = [
    ["model", filters.model, options.models],
    ["endpoint", filters.endpoint, options.endpoints],
    ["resource type", filters.resourceType, [...options.resourceTypes, NO_RESOURCE]],
    ["staff member", filters.userId, options.staff],
  ];
  for (const [label, value, known] of checks) {
    if (value !== undefined && !known.includes(value)) {
      throw new InvalidFilterError(`Unknown ${label} "${value}": this store has no calls with it.`);
    }
  }
}

/** The last `days` local days up to and including `today`. */
export function lastDays(today: string, days: number): DayRange {
  return { from: addDays(today, -(days - 1)), to: today };
}
