import type { Locator, Page } from '@playwright/test';

/** The Signals page, an SLO's page and the Alerts page (web/src/features/signals, slo). */
export class SignalsPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Signals' });
  }

  signal(name: 'Traffic' | 'Errors' | 'Latency' | 'Saturation'): Locator {
    return this.page.getByRole('region', { name });
  }
}

export class SloPage {
  constructor(readonly page: Page) {}

  fact(label: string): Locator {
    return this.page.getByRole('region', { name: 'SLO figures' }).getByLabel(label);
  }

  field(label: string): Locator {
    return this.page.getByRole('textbox', { name: label });
  }
}

export class SloAlertsPage {
  constructor(readonly page: Page) {}

  firingNow(): Locator {
    return this.page.getByRole('region', { name: 'Firing now' });
  }

  /** An alert card: "<service>/<slo> <rule> <state>". */
  alert(name: string): Locator {
    return this.firingNow().getByRole('article', { name });
  }
}
