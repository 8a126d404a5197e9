/** `1 role`, `2 roles`, `1 ACL entry`: a number with its noun in the right number. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
