/** Seeded by the server with SEED_DEMO_STAFF=true (server/src/features/staff/demoStaff.ts). */
export const DEMO_PASSWORD = 'opsdesk-demo-password';
export const DEMO_ADMIN = { email: 'admin@opsdesk.test', password: DEMO_PASSWORD };

/** Unique per call, so tests never collide on e-mail addresses, even across runs. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@opsdesk.test`;
}
export const DEMO_SUPPORT = { email: 'support@opsdesk.test', password: DEMO_PASSWORD };
export const DEMO_FINANCE = { email: 'finance@opsdesk.test', password: DEMO_PASSWORD };
export const DEMO_PRIVACY = { email: 'privacy@opsdesk.test', password: DEMO_PASSWORD };
export const DEMO_MODERATOR = { email: 'moderator@opsdesk.test', password: DEMO_PASSWORD };
export const DEMO_ONCALL = { email: 'oncall@opsdesk.test', password: DEMO_PASSWORD };

/** One demo account per role, as the server seeds them. */
export const DEMO_ACCOUNTS = [
  { role: 'admin', staff: DEMO_ADMIN },
  { role: 'support', staff: DEMO_SUPPORT },
  { role: 'moderator', staff: DEMO_MODERATOR },
  { role: 'finance', staff: DEMO_FINANCE },
  { role: 'oncall', staff: DEMO_ONCALL },
  { role: 'privacy', staff: DEMO_PRIVACY },
] as const;
