/**
 * Tickets and CSRF tokens in PVE's formats: `PVE:<userid>:<8 hex>::<sig>`
 * valid for 2 h, and `<8 hex>:<base64 HMAC>` bound to the user. PVE signs tickets with RSA; an
 * HMAC under a per-simulator key is indistinguishable to a client.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const TICKET_LIFETIME_S = 2 * 60 * 60;
const CLOCK_SKEW_S = 5 * 60;

const hex8 = (seconds: number): string => seconds.toString(16).toUpperCase().padStart(8, '0');

/** Issues and checks tickets and CSRF tokens under a key of its own. */
export class TicketAuthority {
  readonly #key = randomBytes(32);
  constructor(private readonly now: () => number) {}

  #sign(text: string): string {
    return createHmac('sha256', this.#key).update(text).digest('base64');
  }

  issue(userid: string): { ticket: string; csrf: string } {
    const stamp = hex8(this.now());
    const plain = `PVE:${userid}:${stamp}`;
    return { ticket: `${plain}::${this.#sign(plain)}`, csrf: this.csrfFor(userid, stamp) };
  }

  csrfFor(userid: string, stamp = hex8(this.now())): string {
    return `${stamp}:${this.#sign(`${stamp}:${userid}`)}`;
  }

  /** The userid of a valid, unexpired ticket. */
  verify(ticket: string): string | undefined {
    const match = /^PVE:(.+):([0-9A-F]{8})::(.+)$/s.exec(ticket);
    if (!match) return undefined;
    const userid = match[1]!;
    const stamp = match[2]!;
    if (!sameText(match[3]!, this.#sign(`PVE:${userid}:${stamp}`))) return undefined;
    return fresh(Number.parseInt(stamp, 16), this.now()) ? userid : undefined;
  }

  verifyCsrf(token: string | undefined, userid: string): boolean {
    const match = /^([0-9A-F]{8}):(.+)$/s.exec(token ?? '');
    if (!match) return false;
    return sameText(match[2]!, this.#sign(`${match[1]!}:${userid}`)) && fresh(Number.parseInt(match[1]!, 16), this.now());
  }
}

const fresh = (issued: number, now: number): boolean => issued - CLOCK_SKEW_S <= now && now <= issued + TICKET_LIFETIME_S;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
