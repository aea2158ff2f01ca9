import { useState } from 'react';

/**
 * Long histories (hundreds of invoices) render a first slice and grow on request, so
 * the page stays fast however old the customer is.
 */
export function useRevealed<T>(items: readonly T[], first = 10, step = 50) {
  const [count, setCount] = useState(first);
  return {
    visible: items.slice(0, count),
    hidden: Math.max(0, items.length - count),
    showMore: () => setCount((current) => current + step),
    step,
  };
}
