import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isHttpUrl, isIsoDateTime, isSimpleHttpUrl } from "../../src/components/index.js";

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

describe("isSimpleHttpUrl", () => {
  // The regular expression the hand-written scanner replaced: it must accept exactly the same.
  const SIMPLE =
    /^https?:\/\/(?![^/?#]*xn--)(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*(?:[/?#][\u0021-\u007e]*)?$/i;

  it("accepts exactly what the old fast-path regex accepted", () => {
    const hostChar = fc.constantFrom(..."aAxXnNzZ09-._/?#:@ \u00e9\u017f\u212a~\u007f");
    const urlish = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string(),
      fc
        .tuple(
          fc.constantFrom(
            "http://",
            "https://",
            "HTTP://",
            "hTtPs://",
            "http:/",
            "https:",
            "ftp://",
          ),
          fc.array(hostChar, { maxLength: 14 }).map((cs) => cs.join("")),
          fc.string(),
        )
        .map(([a, b, c]) => a + b + c),
      fc
        .tuple(
          fc.constantFrom("http://", "https://"),
          fc.array(fc.constantFrom("xn--", "XN--", "x", "n", "-", "a", ".", "1"), {
            maxLength: 8,
          }),
          fc.constantFrom("", "/", "?q", "#f", "/a b", "/\u0080", ":80"),
        )
        .map(([a, b, c]) => a + b.join("") + c),
    );
    fc.assert(
      fc.property(urlish, (value) => {
        expect(isSimpleHttpUrl(value)).toBe(SIMPLE.test(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ["http://a", true],
    ["HTTPS://Admin.Example.COM/x?y#z", true],
    ["http://a.b-c.d1", true],
    ["http://1a.b", true],
    ["http://a.1b", false],
    ["http://.a", false],
    ["http://a..b", false],
    ["http://a.", false],
    ["http://xn--a.com", false],
    ["http://a.Xn--b.com/", false],
    ["http://axn-b.com", true],
    ["http://a.com/xn--", true],
    ["http://a.com:80", false],
    ["http://a.com/ b", false],
    ["http://", false],
    ["https:/a.com", false],
  ])("%s → %s", (value, expected) => {
    expect(isSimpleHttpUrl(value)).toBe(expected);
    expect(SIMPLE.test(value)).toBe(expected);
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
