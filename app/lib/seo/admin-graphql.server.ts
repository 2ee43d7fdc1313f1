import { GraphqlQueryError, HttpResponseError } from "@shopify/shopify-api";
import { backoffDelay, retry, type Sleep } from "~/lib/retry";

/**
 * Calls to Shopify's Admin GraphQL API for the SEO work, with Shopify's rate limits handled: a THROTTLED answer
 * (HTTP 200 with `errors[].extensions.code = "THROTTLED"` and the bucket in `extensions.cost.throttleStatus`) waits
 * until the bucket has refilled enough for the query, then retries; an HTTP 429 backs off exponentially. Any other
 * error becomes a ShopifyApiError with Shopify's own messages, for the merchant to read.
 */

/** The part of the Admin API client the SEO code needs: `admin` from `authenticate.admin` or `unauthenticated.admin`. */
export interface AdminGraphqlClient {
  graphql(query: string, options?: { variables?: Record<string, unknown> }): Promise<Response>;
}

export class ShopifyApiError extends Error {
  override name = "ShopifyApiError";
  constructor(
    message: string,
    /** "throttled" when the retries ran out, "graphql" for errors in the answer, "http" for a failed request. */
    readonly kind: "throttled" | "graphql" | "http",
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

interface CostExtension {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: ThrottleStatus;
}

interface GraphqlErrorEntry {
  message?: string;
  extensions?: { code?: string };
}

export interface GraphqlRetryOptions {
  /** Attempts in all, the first included (default 6). */
  maxAttempts?: number;
  /** Waits; tests pass one that records instead of sleeping. */
  sleep?: Sleep;
}

/** HTTP 429 and 5xx, and THROTTLED answers without a cost extension: 1 s, 2 s, 4 s … at most 20 s. */
const BACKOFF = { firstMs: 1_000, maxMs: 20_000 };

/** How long until the leaky bucket holds enough points for the query (plus a little slack), from the cost extension. */
function throttleWaitMs(cost: CostExtension | undefined, attempt: number): number {
  const status = cost?.throttleStatus;
  const requested = cost?.requestedQueryCost;
  if (status && requested !== undefined && status.restoreRate > 0) {
    const missing = Math.max(0, requested - status.currentlyAvailable);
    return Math.min(BACKOFF.maxMs, Math.ceil((missing / status.restoreRate) * 1000) + 250);
  }
  return backoffDelay(attempt, BACKOFF);
}

/** Shopify is rate-limiting (or briefly failing): worth another try after `waitMs`. */
class RetryLater extends Error {
  constructor(
    readonly reason: string,
    readonly waitMs: number,
  ) {
    super(`Shopify asked to retry later (${reason})`);
  }
}

function messagesOf(errors: GraphqlErrorEntry[]): string {
  return errors.map((error) => error.message ?? "Unknown error").join("; ");
}

/** Sorts what the client threw into "retry after a wait" or a ShopifyApiError (rethrows anything else). */
function classifyFailure(error: unknown, attempt: number): RetryLater {
  if (error instanceof GraphqlQueryError) {
    const body = (error.body ?? {}) as {
      errors?: { graphQLErrors?: GraphqlErrorEntry[] };
      extensions?: { cost?: CostExtension };
    };
    const errors = body.errors?.graphQLErrors ?? [];
    if (errors.some((entry) => entry.extensions?.code === "THROTTLED")) {
      return new RetryLater("THROTTLED", throttleWaitMs(body.extensions?.cost, attempt));
    }
    throw new ShopifyApiError(`Shopify refused the request: ${messagesOf(errors) || error.message}`, "graphql");
  }
  // authenticate.admin's client turns HTTP errors into a thrown Response; unauthenticated.admin's throws the error.
  const status =
    error instanceof Response ? error.status : error instanceof HttpResponseError ? error.response.code : undefined;
  if (status === undefined) throw error;
  if (status === 429 || status >= 500) return new RetryLater(`HTTP ${status}`, backoffDelay(attempt, BACKOFF));
  throw new ShopifyApiError(`Shopify answered HTTP ${status}`, "http", status);
}

/** One try: the operation's `data`, a ShopifyApiError, or RetryLater. */
async function graphqlOnce<T>(
  admin: AdminGraphqlClient,
  query: string,
  variables: Record<string, unknown>,
  attempt: number,
): Promise<T> {
  let body: { data?: T; errors?: GraphqlErrorEntry[] | { graphQLErrors?: GraphqlErrorEntry[] } };
  try {
    const response = await admin.graphql(query, { variables });
    body = (await response.json()) as typeof body;
  } catch (error) {
    throw classifyFailure(error, attempt);
  }
  const errors = Array.isArray(body.errors) ? body.errors : (body.errors?.graphQLErrors ?? []);
  if (errors.length > 0) throw new ShopifyApiError(`Shopify refused the request: ${messagesOf(errors)}`, "graphql");
  if (body.data === undefined || body.data === null)
    throw new ShopifyApiError("Shopify's answer had no data", "graphql");
  return body.data;
}

/**
 * Runs one Admin GraphQL operation and returns its `data`, retrying through throttling. The operation's name
 * (`query SeoCatalogProducts …`) is what the demo store and the tests dispatch on.
 */
export async function adminGraphql<T>(
  admin: AdminGraphqlClient,
  query: string,
  variables: Record<string, unknown> = {},
  options: GraphqlRetryOptions = {},
): Promise<T> {
  const attempts = options.maxAttempts ?? 6;
  try {
    return await retry((attempt) => graphqlOnce<T>(admin, query, variables, attempt), {
      attempts,
      shouldRetry: (error) => error instanceof RetryLater,
      delay: (_attempt, error) => (error as RetryLater).waitMs,
      sleep: options.sleep,
    });
  } catch (error) {
    if (!(error instanceof RetryLater)) throw error;
    throw new ShopifyApiError(
      `Shopify kept rate-limiting the request (${error.reason}) after ${attempts} attempts; try again in a minute.`,
      "throttled",
    );
  }
}

/** A mutation's `userErrors`, as Shopify returns them. */
export interface ShopifyUserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

/** Shopify accepted the request but refused the change; the merchant sees these messages. */
export class ShopifyUserErrorsError extends Error {
  override name = "ShopifyUserErrorsError";
  constructor(readonly userErrors: ShopifyUserError[]) {
    super(
      userErrors
        .map((error) => (error.field?.length ? `${error.field.join(".")}: ${error.message}` : error.message))
        .join("; "),
    );
  }
}
