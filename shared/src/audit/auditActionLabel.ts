/** Feature names are plural (`flags.created`), but one flag was created: "Flag created". */
const ONE_OF: Record<string, string> = { flags: 'flag', jobs: 'job' };

/**
 * An audit action in words: `customer.cancellation_undone` → "Cancellation undone",
 * `staff.created` → "Staff created" (a bare verb keeps the object it acts on). Shared:
 * the console's audit views and the server's customer timeline say it the same way.
 */
export function auditActionLabel(action: string): string {
  const [object = '', ...rest] = action.split('.');
  const name = rest.join(' ') || object;
  const words = (rest.length && !name.includes('_') ? `${ONE_OF[object] ?? object} ${name}` : name).replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  // Initialisms stay capitals: "SLO created", not "Slo created".
  const said = words.replace(/\b(slo|sso|totp|gdpr|csv)\b/g, (initialism) => initialism.toUpperCase());
  return said.charAt(0).toUpperCase() + said.slice(1);
}
