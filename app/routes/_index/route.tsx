import { type LoaderFunctionArgs, json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { login } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return json({ showForm: Boolean(login) });
};

/** Outside Shopify admin: a plain landing page with the install form, as in Shopify's template. */
export default function Landing() {
  const { showForm } = useLoaderData<typeof loader>();
  return (
    <main style={{ maxWidth: 560, margin: "4rem auto", fontFamily: "system-ui, sans-serif", lineHeight: 1.5 }}>
      <h1>AI SEO, with every Claude dollar accounted for</h1>
      <p>Run your store&apos;s SEO work on Claude and see, inside Shopify admin, exactly what each call costs.</p>
      {showForm && (
        <Form method="post" action="/auth/login">
          <label>
            <span>Shop domain </span>
            <input type="text" name="shop" placeholder="example.myshopify.com" />
          </label>{" "}
          <button type="submit">Log in</button>
        </Form>
      )}
    </main>
  );
}
