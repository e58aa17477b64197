import type { EventComponentInput, EventRequest } from "plain-events";

/** Every component Plain ships, in one event: the preview tests' and the screenshot's fixture. */
export const richComponents: EventComponentInput[] = [
  {
    componentText: {
      text: "Payment of **€1,250.00** for invoice [INV-2041](https://billing.example.com/invoices/2041) _failed_ twice.",
    },
  },
  {
    componentRow: {
      rowMainContent: [
        { componentText: { text: "Card declined", textSize: "S", textColor: "MUTED" } },
        { componentPlainText: { plainText: "insufficient_funds (code 51)" } },
      ],
      rowAsideContent: [{ componentBadge: { badgeLabel: "Past due", badgeColor: "RED" } }],
    },
  },
  { componentDivider: { dividerSpacingSize: "M" } },
  {
    componentRow: {
      rowMainContent: [{ componentPlainText: { plainText: "Plan", plainTextColor: "MUTED" } }],
      rowAsideContent: [{ componentBadge: { badgeLabel: "Enterprise", badgeColor: "BLUE" } }],
    },
  },
  {
    componentRow: {
      rowMainContent: [
        { componentPlainText: { plainText: "Next retry", plainTextColor: "MUTED" } },
      ],
      rowAsideContent: [{ componentDateTime: { dateTimeIso8601: "2024-10-29T09:00:00Z" } }],
    },
  },
  {
    componentRow: {
      rowMainContent: [
        { componentPlainText: { plainText: "Account owner", plainTextColor: "MUTED" } },
      ],
      rowAsideContent: [{ componentUser: { userIdentifier: { emailAddress: "owner@acme.com" } } }],
    },
  },
  { componentSpacer: { spacerSize: "M" } },
  {
    componentContainer: {
      containerContent: [
        { componentText: { text: "Retry status", textSize: "L" } },
        { componentText: { text: "Attempt 3 of 4 succeeded", textColor: "SUCCESS" } },
        { componentText: { text: "Card expires this month", textColor: "WARNING" } },
        { componentText: { text: "Dunning email bounced", textColor: "ERROR" } },
        {
          componentRow: {
            rowMainContent: [
              { componentPlainText: { plainText: "Customer id", plainTextSize: "S" } },
            ],
            rowAsideContent: [
              {
                componentCopyButton: {
                  copyButtonValue: "cus_8f3a21",
                  copyButtonTooltipLabel: "Copy customer id",
                },
              },
            ],
          },
        },
      ],
    },
  },
  { componentSpacer: { spacerSize: "S" } },
  { componentBadge: { badgeLabel: "Retrying", badgeColor: "YELLOW" } },
  { componentBadge: { badgeLabel: "Card on file", badgeColor: "GREEN" } },
  { componentBadge: { badgeLabel: "Manual", badgeColor: "GREY" } },
  { componentSpacer: { spacerSize: "M" } },
  {
    componentLinkButton: {
      linkButtonUrl: "https://billing.example.com/customers/cus_8f3a21",
      linkButtonLabel: "Open in billing",
    },
  },
  {
    componentWorkflowButton: {
      workflowButtonLabel: "Extend grace period",
      workflowButtonWorkflowIdentifier: { workflowKey: "extend-grace" },
    },
  },
];

/** The rich components as a thread event request with a timestamp. */
export const richRequest: EventRequest = {
  operation: "createThreadEvent",
  input: {
    threadId: "th_01HXYZ",
    title: "Payment failed",
    components: richComponents,
    timestamp: "2024-10-28T18:30:00Z",
  },
};

/** The card from tests/fixtures/container-in-card.json, as one card entry. */
export const usageCard: { key: string; components: EventComponentInput[] } = {
  key: "usage",
  components: [
    {
      componentContainer: {
        containerContent: [
          { componentText: { text: "Usage this month", textSize: "S", textColor: "MUTED" } },
          {
            componentRow: {
              rowMainContent: [{ componentPlainText: { plainText: "Seats" } }],
              rowAsideContent: [{ componentPlainText: { plainText: "42 / 50" } }],
            },
          },
          { componentSpacer: { spacerSize: "S" } },
          {
            componentCopyButton: {
              copyButtonValue: "acct_8f3a",
              copyButtonTooltipLabel: "Copy account id",
            },
          },
          {
            componentWorkflowButton: {
              workflowButtonWorkflowIdentifier: { workflowKey: "extend-trial" },
              workflowButtonLabel: "Extend trial",
            },
          },
          { componentUser: { userIdentifier: { emailAddress: "owner@acme.com" } } },
        ],
      },
    },
  ],
};

/** Strings that try to break out of text, attributes, URLs and the terminal. */
export const HOSTILE = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "</style><script>alert(1)</script>",
  "</title><script>alert(1)</script>",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "\u202eevil\u202c",
  "\u0000\u0007\u001b[2J\u001b]0;pwned\u0007\u009b31m",
  "[click](javascript:alert(1))",
  '[x](https://ok.example/"onmouseover=alert(1))',
  "**<b>bold</b>**",
] as const;
