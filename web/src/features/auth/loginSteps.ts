/**
 * auth.login can answer "not yet": a second factor is needed, or must first be set up.
 * authProvider.login throws this so the login page can move to the next step while
 * react-admin's `useLogin` keeps owning the redirect once sign-in completes.
 */
export type LoginStep =
  | { kind: 'totp' }
  | { kind: 'enrollment'; secret: string; otpauthUri: string; enrollmentToken: string };

export class LoginStepRequired extends Error {
  constructor(readonly step: LoginStep) {
    super(step.kind === 'totp' ? 'Enter the code from your authenticator app.' : 'Set up two-factor authentication to continue.');
    this.name = 'LoginStepRequired';
  }
}

export interface LoginParams {
  email: string;
  password: string;
  totpCode?: string;
  enrollmentToken?: string;
}
