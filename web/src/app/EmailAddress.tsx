/**
 * An email address that breaks where a reader expects, after the "@", and nowhere else
 * unless one part alone is wider than its line. The console lets text break anywhere
 * (theme.ts) so that one long word cannot widen a page; in a table that also lets a
 * column shrink below an address, which then came out as "support@op" over "sdesk.test".
 * `break-word` keeps each part's width as the column's minimum and still breaks a part
 * too long for a phone's line. The text stays the plain address (copying, searching and
 * accessible names see no difference).
 */
export function EmailAddress({ email, angled = false }: { email: string; angled?: boolean }) {
  const at = email.lastIndexOf('@');
  return (
    <span style={KEEP_PARTS}>
      {angled && '<'}
      {at > 0 ? email.slice(0, at + 1) : email}
      {at > 0 && <wbr />}
      {at > 0 && email.slice(at + 1)}
      {angled && '>'}
    </span>
  );
}

/**
 * A person as "Name <email>": the name may break between its words, the line may break
 * before the address and after its "@", and nowhere else (see EmailAddress), also inside
 * a link that lets other labels (ids) break anywhere.
 */
export function PersonLabel({ name, email }: { name: string | null; email: string }) {
  if (!name) return <EmailAddress email={email} />;
  return (
    <span style={KEEP_PARTS}>
      {name} <EmailAddress email={email} angled />
    </span>
  );
}

const KEEP_PARTS = { overflowWrap: 'break-word' } as const;
