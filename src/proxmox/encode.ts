/**
 * Request encoding the way PVE's JSON-schema engine expects it: booleans only as `1`/`0`,
 * lists as one comma-joined string, everything percent-encoded (PVE's form decoder cuts a
 * value at a literal `=` and splits pairs on `;`, so neither may go out raw).
 */

/** A parameter value before encoding; `undefined` means "not sent". */
export type ParamValue = string | number | boolean | readonly string[] | undefined;

export type Params = Readonly<Record<string, ParamValue>>;

/** Encodes one value; integers only, since every numeric PVE access parameter is an integer. */
export function encodeValue(name: string, value: Exclude<ParamValue, undefined>): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`parameter '${name}' must be an integer, got ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return value;
  return value.join(',');
}

/** `application/x-www-form-urlencoded` (also used for query strings); `undefined` values are skipped. */
export function encodeForm(params: Params): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(encodeValue(name, value))}`);
  }
  return pairs.join('&');
}

/**
 * Builds an API path from a template and its parameters, URL-encoding each one
 * (`pathOf('/access/users/{}/token/{}', 'a@pve', 'ci')`).
 */
export function pathOf(template: string, ...segments: readonly string[]): string {
  let index = 0;
  const path = template.replace(/\{\}/g, () => {
    const segment = segments[index++];
    if (segment === undefined || segment === '') throw new RangeError(`missing path parameter ${index} for ${template}`);
    return encodeURIComponent(segment);
  });
  if (index !== segments.length) throw new RangeError(`too many path parameters for ${template}`);
  return path;
}
