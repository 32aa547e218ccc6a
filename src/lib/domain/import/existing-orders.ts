/**
 * The orders a dataset held before an import, to tell which lines of a file repeat them. A sale
 * line repeats when a sale of its order id is stored; a return line when a return of it is, so a
 * later export's return of an earlier order is still imported. Without an order id column the
 * id is the customer's purchase day (`customer|day`), so the same test covers such files.
 * Exact strings, not hashes: a false "already there" would drop a real line.
 */
export class ExistingOrders {
  #sales = new Set<string>();
  #returns = new Set<string>();

  /** Add the lines of a stored table (orderId and isReturn columns of the same length). */
  add(orderIds: readonly string[], isReturn: ArrayLike<number>): void {
    for (let i = 0; i < orderIds.length; i++) (isReturn[i] ? this.#returns : this.#sales).add(orderIds[i]);
  }

  /** Whether a line of this order id and kind (sale or return) was already stored. */
  has(orderId: string, isReturn: boolean): boolean {
    return (isReturn ? this.#returns : this.#sales).has(orderId);
  }

  /** Distinct stored (order id, sale or return) pairs. */
  get size(): number {
    return this.#sales.size + this.#returns.size;
  }
}
