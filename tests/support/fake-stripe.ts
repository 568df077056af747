import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A small stateful stand-in for Stripe's API on 127.0.0.1, for the lifecycle and webhook
 * tests only: Stripe cannot be reached from here and stripe-mock keeps no state, so an
 * invoice created by our real StripeGateway (the real SDK) must live somewhere the test
 * can mark paid before it sends the signed webhook. It keeps Stripe's idempotency rule:
 * a repeated key returns the first answer. The request shapes are proven separately
 * against stripe-mock (tests/integration/stripe-gateway-contract.test.ts).
 */
export interface FakeStripe {
  url: string;
  /** What `POST /v1/invoices/:id/pay` does: pay at once, leave open (3-D Secure pending), or decline. */
  payOutcome: 'paid' | 'open' | 'declined';
  /** The clock events are signed and dated by (the server's injected clock in the tests). */
  now: () => Date;
  invoices: Map<string, Record<string, any>>;
  sessions: Map<string, Record<string, any>>;
  /** Card payments, made when an invoice is paid; refunds add to `amount_refunded`. */
  charges: Map<string, Record<string, any>>;
  /** The card payment that paid an invoice. */
  chargeOfInvoice(invoiceId: string): Record<string, any>;
  requests: { method: string; path: string; idempotencyKey: string | undefined }[];
  /** Sets an object's state the way Stripe would after something happened on its side. */
  setInvoiceStatus(id: string, status: string): void;
  completeSession(id: string, paymentStatus?: 'paid' | 'unpaid'): Record<string, any>;
  /** A signed webhook body and header for an event about an object, as Stripe would send it. */
  signedEvent(type: string, object: Record<string, any>, secret: string, opts?: { id?: string; timestamp?: number }): { body: string; header: string; id: string };
  stop(): Promise<void>;
}

function parseForm(body: string): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.replace(/\]/g, '').split('[');
    let node = out;
    parts.forEach((p, i) => {
      if (i === parts.length - 1) node[p] = value;
      else node = node[p] ??= {};
    });
  }
  return out;
}

const read = (req: IncomingMessage) => new Promise<string>((resolve) => {
  let s = '';
  req.on('data', (c: Buffer) => { s += c.toString(); });
  req.on('end', () => resolve(s));
});

export async function startFakeStripe(): Promise<FakeStripe> {
  let n = 0;
  const nextId = (prefix: string) => `${prefix}_fake${++n}`;
  const customers = new Map<string, Record<string, any>>();
  const invoices = new Map<string, Record<string, any>>();
  const sessions = new Map<string, Record<string, any>>();
  const charges = new Map<string, Record<string, any>>();
  /** Paying an invoice makes a PaymentIntent and its Charge, listed on the invoice's `payments`. */
  const settle = (inv: Record<string, any>) => {
    if (inv.payments) return;
    const pi = nextId('pi');
    const ch = { id: nextId('ch'), object: 'charge', payment_intent: pi, amount: inv.total, amount_refunded: 0, disputed: false, refunded: false };
    charges.set(ch.id, ch);
    inv.payments = { object: 'list', data: [{ object: 'invoice_payment', status: 'paid', payment: { type: 'payment_intent', payment_intent: pi } }] };
  };
  const remembered = new Map<string, { status: number; body: unknown }>();
  const requests: FakeStripe['requests'] = [];
  const fake = { payOutcome: 'paid', now: () => new Date() } as FakeStripe;

  const handle = (method: string, path: string, p: Record<string, any>): { status: number; body: unknown } => {
    let m: RegExpMatchArray | null;
    if (method === 'POST' && path === '/v1/customers') {
      const c = { id: nextId('cus'), object: 'customer', email: p.email, name: p.name, metadata: p.metadata ?? {}, invoice_settings: {} };
      customers.set(c.id, c);
      return { status: 200, body: c };
    }
    if (method === 'POST' && (m = path.match(/^\/v1\/customers\/([^/]+)$/))) {
      const c = customers.get(m[1]!);
      if (!c) return { status: 404, body: { error: { type: 'invalid_request_error', message: 'No such customer' } } };
      Object.assign(c, { invoice_settings: { ...c.invoice_settings, ...p.invoice_settings } });
      return { status: 200, body: c };
    }
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const id = nextId('cs');
      const s = { id, object: 'checkout.session', mode: p.mode, customer: p.customer ?? null, client_reference_id: p.client_reference_id ?? null, metadata: p.metadata ?? {}, status: 'open', payment_status: 'unpaid', url: `https://checkout.stripe.test/${id}`, setup_intent: null as unknown, payment_intent: null as unknown, expires_at: Number(p.expires_at ?? 0) };
      sessions.set(id, s);
      return { status: 200, body: s };
    }
    if (method === 'GET' && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/))) {
      const s = sessions.get(m[1]!);
      return s ? { status: 200, body: s } : { status: 404, body: { error: { type: 'invalid_request_error', message: 'No such session' } } };
    }
    if (method === 'POST' && path === '/v1/invoices') {
      const i = { id: nextId('in'), object: 'invoice', customer: p.customer, currency: p.currency, status: 'draft', metadata: p.metadata ?? {}, lines: [] as unknown[], hosted_invoice_url: null as string | null, total: 0 };
      invoices.set(i.id, i);
      return { status: 200, body: i };
    }
    if (method === 'POST' && path === '/v1/invoiceitems') {
      const inv = invoices.get(p.invoice);
      if (!inv) return { status: 404, body: { error: { type: 'invalid_request_error', message: 'No such invoice' } } };
      const item = { id: nextId('ii'), object: 'invoiceitem', amount: Number(p.amount), description: p.description, invoice: p.invoice };
      inv.lines.push(item);
      inv.total += item.amount;
      return { status: 200, body: item };
    }
    if (method === 'POST' && (m = path.match(/^\/v1\/invoices\/([^/]+)\/void$/))) {
      const inv = invoices.get(m[1]!);
      if (!inv) return { status: 404, body: { error: { type: 'invalid_request_error', message: 'No such invoice' } } };
      inv.status = 'void';
      return { status: 200, body: inv };
    }
    if (method === 'POST' && (m = path.match(/^\/v1\/invoices\/([^/]+)\/(finalize|pay)$/))) {
      const inv = invoices.get(m[1]!);
      if (!inv) return { status: 404, body: { error: { type: 'invalid_request_error', message: 'No such invoice' } } };
      if (m[2] === 'finalize') {
        inv.status = 'open';
        inv.hosted_invoice_url = `https://invoice.stripe.test/${inv.id}`;
        return { status: 200, body: inv };
      }
      if (fake.payOutcome === 'declined') return { status: 402, body: { error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } } };
      if (fake.payOutcome === 'paid') {
        inv.status = 'paid';
        settle(inv);
      }
      return { status: 200, body: inv };
    }
    if (method === 'GET' && (m = path.match(/^\/v1\/invoices\/([^/]+)$/))) {
      const inv = invoices.get(m[1]!);
      return inv ? { status: 200, body: inv } : { status: 404, body: { error: { type: 'invalid_request_error', message: 'No such invoice' } } };
    }
    if (method === 'GET' && (m = path.match(/^\/v1\/charges\/([^/]+)$/))) {
      const ch = charges.get(m[1]!);
      return ch ? { status: 200, body: ch } : { status: 404, body: { error: { type: 'invalid_request_error', message: 'No such charge' } } };
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const ch = [...charges.values()].find((c) => c.payment_intent === p.payment_intent);
      const amount = p.amount === undefined ? (ch ? ch.amount - ch.amount_refunded : 0) : Number(p.amount);
      if (ch) {
        ch.amount_refunded += amount;
        ch.refunded = ch.amount_refunded >= ch.amount;
      }
      return { status: 200, body: { id: nextId('re'), object: 'refund', amount, charge: ch?.id ?? null, payment_intent: p.payment_intent, status: 'succeeded' } };
    }
    return { status: 404, body: { error: { type: 'invalid_request_error', message: `fake Stripe has no ${method} ${path}` } } };
  };

  const server: Server = createServer((req, res) => void (async () => {
    const url = new URL(req.url ?? '/', 'http://x');
    const params = req.method === 'GET' ? parseForm(url.searchParams.toString()) : parseForm(await read(req));
    const key = req.headers['idempotency-key'] as string | undefined;
    requests.push({ method: req.method!, path: url.pathname, idempotencyKey: key });
    const answer = (key && remembered.get(key)) || handle(req.method!, url.pathname, params);
    if (key && req.method === 'POST') remembered.set(key, answer);
    res.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': 'req_fake', ...(key && { 'idempotency-key': key }) });
    res.end(JSON.stringify(answer.body));
  })());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

  return Object.assign(fake, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    invoices,
    sessions,
    requests,
    charges,
    setInvoiceStatus(id: string, status: string) {
      const inv = invoices.get(id)!;
      inv.status = status;
      if (status === 'paid') settle(inv);
    },
    chargeOfInvoice(invoiceId: string) {
      const pi = invoices.get(invoiceId)!.payments.data[0].payment.payment_intent;
      return [...charges.values()].find((c) => c.payment_intent === pi)!;
    },
    completeSession(id: string, paymentStatus: 'paid' | 'unpaid' = 'paid') {
      const s = sessions.get(id)!;
      s.status = 'complete';
      if (s.mode === 'setup') s.setup_intent = { id: nextId('seti'), object: 'setup_intent', payment_method: nextId('pm'), status: 'succeeded' };
      else {
        s.payment_status = paymentStatus;
        s.payment_intent = nextId('pi');
      }
      return s;
    },
    signedEvent(type: string, object: Record<string, any>, secret: string, opts: { id?: string; timestamp?: number } = {}) {
      const id = opts.id ?? nextId('evt');
      const nowS = Math.floor(fake.now().getTime() / 1000);
      const body = JSON.stringify({ id, object: 'event', api_version: '2026-10-28.endive', created: nowS, type, data: { object }, livemode: false, pending_webhooks: 1 });
      const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: opts.timestamp ?? nowS });
      return { body, header, id };
    },
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  });
}
