import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isHttpUrl, isIsoDateTime } from "../../src/components/index.js";

/** The reference: WHATWG URL parsing, http(s) only, a host, no spaces or control characters. */
function referenceIsHttpUrl(value: string): boolean {
  if (value === "" || /[\u0000-\u0020\u007f-\u009f]/.test(value)) return false;
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

describe("isHttpUrl", () => {
  // The fast path must never accept what the full parser refuses, nor the reverse.
  it("agrees with WHATWG URL parsing on arbitrary input", () => {
    const urlish = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string(),
      fc
        .tuple(
          fc.constantFrom("http://", "https://", "HTTP://", "javascript:", "data:", "//"),
          fc.string(),
        )
        .map(([a, b]) => a + b),
      fc.constantFrom(
        "http://999.1.1.1",
        "http://1.2.3.4",
        "http://xn--a.com",
        "http://a:99999",
        "http://[::1]/",
      ),
    );
    fc.assert(
      fc.property(urlish, (value) => {
        expect(isHttpUrl(value)).toBe(referenceIsHttpUrl(value));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("isIsoDateTime", () => {
  it("accepts every instant's ISO string", () => {
    fc.assert(
      fc.property(
        fc.date({ noInvalidDate: true, min: new Date("0001-01-01"), max: new Date("9999-12-31") }),
        (d) => {
          expect(isIsoDateTime(d.toISOString())).toBe(true);
        },
      ),
    );
  });

  it.each([
    "2024-10-28T18:30:00Z",
    "2024-10-28T18:30Z",
    "2024-02-29T00:00:00+05:30",
    "2024-10-28T18:30:00.5-0800",
  ])("accepts %s", (value) => expect(isIsoDateTime(value)).toBe(true));

  it.each([
    "2023-02-29T00:00:00Z",
    "2024-13-01T00:00:00Z",
    "2024-10-28 18:30:00Z",
    "2024-10-28T18:30:00",
    "1730140200",
  ])("refuses %s", (value) => expect(isIsoDateTime(value)).toBe(false));
});
