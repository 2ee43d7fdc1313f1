import { useState } from "react";
import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";

interface AlertChannelsFormProps {
  /** The saved addresses, comma-separated, and URL ("" for none). */
  savedEmails: string;
  savedWebhookUrl: string;
  emailReady: boolean;
  errors: { emails?: string; webhookUrl?: string };
  saving: boolean;
}

/** Where the 80/90/100 % warnings go besides the app's pages: email addresses and a Slack-compatible webhook. */
export function AlertChannelsForm({
  savedEmails,
  savedWebhookUrl,
  emailReady,
  errors,
  saving,
}: AlertChannelsFormProps) {
  const [emails, setEmails] = useState(savedEmails);
  const [webhookUrl, setWebhookUrl] = useState(savedWebhookUrl);
  return (
    <Card>
      <Form method="post" aria-label="Where warnings go">
        <input type="hidden" name="intent" value="alerts" />
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            Email and webhook
          </Text>
          {!emailReady && (
            <Banner tone="info">
              <Text as="p">
                Email is not set up on this app yet (its SMTP_URL), so warnings are not emailed; the webhook and the
                banners in the app still work.
              </Text>
            </Banner>
          )}
          <TextField
            label="Email warnings to"
            name="emails"
            value={emails}
            onChange={setEmails}
            error={errors.emails}
            helpText="Up to 5 addresses, separated by commas. Each warning is sent once a month, when it is crossed."
            autoComplete="email"
            type="text"
          />
          <TextField
            label="Webhook URL (Slack-compatible)"
            name="webhookUrl"
            value={webhookUrl}
            onChange={setWebhookUrl}
            error={errors.webhookUrl}
            helpText="An https address that takes Slack's incoming-webhook JSON, such as a Slack incoming webhook. Leave empty for none."
            autoComplete="off"
            type="url"
          />
          <InlineStack>
            <Button submit loading={saving}>
              Save where warnings go
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
