/**
 * How long a page object waits for a page it has just opened to draw: a bound, not a
 * budget. Opening a page in a new browser context loads the console's code and the page's
 * own chunk before its first query; on the 2-core CI machine, with two workers and another
 * spec's server seeding its demo company, that alone has taken more than expect's 10 s
 * (the customer list had not drawn its rows 10 s after `goto` at load average 13, its query
 * answered in 0.3 s).
 */
export const FIRST_DRAW = { timeout: 30_000 } as const;
