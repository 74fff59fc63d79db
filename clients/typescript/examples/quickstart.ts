// The README's quick start, compiled by `npm test` (tsconfig includes examples/) so that it
// keeps matching the SDK and the schema. Not run: it needs a real server and key.
import { Conflict, createLendingsite, iterate, ok, WebhookVerifier } from "../src/index.js";

export async function quickstart(rawBody: string, headers: Headers) {
  const anonymous = createLendingsite({ baseUrl: "https://lender.example" });
  const quote = await ok(
    anonymous.api.POST("/api/v1/quotes/", { body: { principal: "100000.00", tenure: 12, annual_rate: "14.0000" } }),
  );
  console.log(quote.installment_amount, quote.apr);

  const ls = createLendingsite({ baseUrl: "https://lender.example", apiKey: process.env.LENDINGSITE_KEY });
  try {
    const payment = await ok(
      ls.api.POST("/api/v1/payments/", {
        body: { loan: 42, amount: "1000.00", paid_on: "2026-12-03", channel: "upi", utr: "N123456" },
        params: { header: { "Idempotency-Key": crypto.randomUUID() } },
      }),
    );
    console.log(payment.id, payment.allocation);
  } catch (error) {
    if (error instanceof Conflict) console.log(error.code, error.detail);
    else throw error;
  }

  for await (const p of iterate((page, page_size) =>
    ls.api.GET("/api/v1/payments/", { params: { query: { loan: 42, page, page_size } } }),
  )) {
    console.log(p.id, p.amount);
  }

  const verifier = new WebhookVerifier([process.env.WHSEC_CURRENT!, process.env.WHSEC_PREVIOUS!]);
  return verifier.verify(rawBody, headers);
}
