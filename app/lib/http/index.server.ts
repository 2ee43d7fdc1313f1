/** HTTP at the edge of the app: request bodies read within stated limits. */
export { FORM_BODY_LIMIT, LOGIN_BODY_LIMIT, WEBHOOK_BODY_LIMIT, withBodyLimit } from "./body-limit.server";
