/**
 * Branded number types so that prices, quantities, money and timestamps cannot be mixed by accident.
 * They cost nothing at run time: a brand is a compile-time tag on a plain number.
 */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A price in quote currency per unit of the instrument. */
export type Price = Brand<number, 'Price'>;
/** A signed quantity in units of the instrument (negative = short). */
export type Qty = Brand<number, 'Qty'>;
/** An amount of money in the account currency. */
export type Money = Brand<number, 'Money'>;
/** Milliseconds since the Unix epoch, UTC. */
export type UtcMs = Brand<number, 'UtcMs'>;

export const price = (n: number): Price => n as Price;
export const qty = (n: number): Qty => n as Qty;
export const money = (n: number): Money => n as Money;
export const utcMs = (n: number): UtcMs => n as UtcMs;
