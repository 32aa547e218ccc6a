/**
 * What `fn` throws (in this app usually a notice: `{ code, params }`), or undefined when it
 * returns. For assertions on the thrown value itself, e.g.
 * `expect(thrown(() => f(x))).toMatchObject({ code: 'model.invalidDate' })`.
 */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}
