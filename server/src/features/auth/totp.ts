import { generateSecret, generateURI, verify } from 'otplib';

const ISSUER = 'Opsdesk';

export function createTotpSecret(email: string): { secret: string; otpauthUri: string } {
  const secret = generateSecret();
  return { secret, otpauthUri: generateURI({ issuer: ISSUER, label: email, secret }) };
}

/**
 * Accepts the current code and one step either side (clock drift), and never a code
 * from a time step at or before the last one used, so a code cannot be replayed.
 * Returns the time step to remember, or null when the code is wrong.
 */
export async function checkTotpCode(secret: string, code: string, lastTimeStep: number | null): Promise<number | null> {
  const result = await verify({ secret, token: code, epochTolerance: 30, ...(lastTimeStep === null ? {} : { afterTimeStep: lastTimeStep }) });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
