/** The one money formatter (shared with the server's messages): 60000 cents → "600.00 USD". */
export { formatMoney } from '@opsdesk/shared';

