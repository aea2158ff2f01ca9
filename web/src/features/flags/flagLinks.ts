/** Where a flag's page is: its key is the record id, so it is encoded (keys may hold `/`, `:` and more). */
export const flagHref = (key: string) => `/flags/${encodeURIComponent(key)}/show`;
