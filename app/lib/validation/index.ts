/** Validation messages: Zod's generic problems in the words the merchant sees. Pure, safe in the browser. */
export { validationMessages } from "./messages";
