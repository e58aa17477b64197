import { describe, expect, it } from "vitest";
import { card, event, md } from "plain-events";
import { previewSerializer } from "../../src/testing/snapshot.js";
import { richRequest } from "./fixtures.js";

expect.addSnapshotSerializer(previewSerializer);

describe("previewSerializer", () => {
  it("matches builders and requests, and nothing else", () => {
    expect(previewSerializer.test(event("x").text("y"))).toBe(true);
    expect(previewSerializer.test(richRequest)).toBe(true);
    for (const other of [null, undefined, 1, "s", [], {}, { operation: "x", input: {} }]) {
      expect(previewSerializer.test(other)).toBe(false);
    }
  });

  it("prints an event builder as its preview and its components", () => {
    const fingerprint = "3b7896975ee9fd15eeb7";
    expect(
      event("API key generated")
        .text(md`New API key with the fingerprint **${fingerprint}**`)
        .spacer("M")
        .button("View in admin", "https://admin.your-app.com"),
    ).toMatchInlineSnapshot(`
      ● API key generated
      │ New API key with the fingerprint 3b7896975ee9fd15eeb7
      │
      │ [View in admin ↗] https://admin.your-app.com

      [
        {
          "componentText": {
            "text": "New API key with the fingerprint **3b7896975ee9fd15eeb7**"
          }
        },
        {
          "componentSpacer": {
            "spacerSize": "M"
          }
        },
        {
          "componentLinkButton": {
            "linkButtonUrl": "https://admin.your-app.com",
            "linkButtonLabel": "View in admin"
          }
        }
      ]
    `);
  });

  it("prints a targeted event as its preview and the request", () => {
    expect(
      event("Refund issued")
        .row(
          (m) => m.plainText("Amount"),
          (a) => a.badge("€20", "GREEN"),
        )
        .forCustomer({ email: "jane@acme.com" })
        .timestamp("2024-10-28T18:30:00Z"),
    ).toMatchInlineSnapshot(`
      ● Refund issued · Oct 28, 2024, 6:30 PM UTC
      │ Amount   (€20)

      {
        "operation": "createCustomerEvent",
        "input": {
          "customerIdentifier": {
            "emailAddress": "jane@acme.com"
          },
          "title": "Refund issued",
          "components": [
            {
              "componentRow": {
                "rowMainContent": [
                  {
                    "componentPlainText": {
                      "plainText": "Amount"
                    }
                  }
                ],
                "rowAsideContent": [
                  {
                    "componentBadge": {
                      "badgeLabel": "€20",
                      "badgeColor": "GREEN"
                    }
                  }
                ]
              }
            }
          ],
          "timestamp": "2024-10-28T18:30:00Z"
        }
      }
    `);
  });

  it("prints a card builder as a customer card and its response entry", () => {
    expect(card("usage").ttl(300).plainText("42 seats")).toMatchInlineSnapshot(`
      ■ usage
      │ 42 seats

      {
        "key": "usage",
        "timeToLiveSeconds": 300,
        "components": [
          {
            "componentPlainText": {
              "plainText": "42 seats"
            }
          }
        ]
      }
    `);
  });

  it("prints the problems of an invalid builder instead of failing the test run", () => {
    expect(event("Broken").button("Open", "javascript:alert(1)")).toMatchInlineSnapshot(`
      (no preview) Invalid event "Broken" (1 problem):
        components[0].componentLinkButton.linkButtonUrl: "javascript:alert(1)" is not an absolute http(s) URL
    `);
  });

  it("keeps the indentation of a value nested in another", () => {
    expect({ sent: [event("Nested").plainText("hi")] }).toMatchInlineSnapshot(`
      {
        "sent": [
          ● Nested
          │ hi

          [
            {
              "componentPlainText": {
                "plainText": "hi"
              }
            }
          ],
        ],
      }
    `);
  });
});
