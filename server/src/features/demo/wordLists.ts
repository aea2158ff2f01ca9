/** Small word lists for names, companies and content: enough variety, no dependency. */
export const FIRST_NAMES = [
  'Ada', 'Alan', 'Amara', 'Ana', 'Anders', 'Aisha', 'Ben', 'Bianca', 'Carlos', 'Chen', 'Chloe', 'Dara', 'David', 'Diego', 'Elena', 'Emeka',
  'Emma', 'Farah', 'Felix', 'Fatima', 'Gabriel', 'Grace', 'Hana', 'Hugo', 'Ines', 'Ivan', 'Jade', 'James', 'Jonas', 'Julia', 'Kai', 'Kenji',
  'Lara', 'Leo', 'Lina', 'Lucas', 'Maya', 'Marco', 'Mei', 'Mohammed', 'Nadia', 'Nils', 'Noah', 'Olga', 'Omar', 'Paula', 'Priya', 'Quentin',
  'Rafael', 'Rosa', 'Sami', 'Sara', 'Sofia', 'Tariq', 'Theo', 'Uma', 'Valentina', 'Victor', 'Wen', 'Yara', 'Yusuf', 'Zoe', 'Zanele', 'Oskar',
] as const;

export const LAST_NAMES = [
  'Adeyemi', 'Almeida', 'Andersen', 'Becker', 'Bianchi', 'Brown', 'Chen', 'Costa', 'Dubois', 'Dvorak', 'Eriksson', 'Fernandez', 'Fischer',
  'Garcia', 'Gupta', 'Hansen', 'Hoffmann', 'Ito', 'Ivanova', 'Jansen', 'Kim', 'Kowalski', 'Laurent', 'Lee', 'Lopez', 'Martin', 'Meyer',
  'Moreau', 'Murphy', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Patel', 'Perez', 'Petrov', 'Rossi', 'Santos', 'Schmidt', 'Silva',
  'Singh', 'Smith', 'Sato', 'Tanaka', 'Virtanen', 'Wagner', 'Walsh', 'Wang', 'Weber', 'Williams', 'Yilmaz', 'Zhang', 'Zielinski',
] as const;

export const EMAIL_DOMAINS = ['gmail.com', 'outlook.com', 'proton.me', 'yahoo.com', 'fastmail.com', 'icloud.com'] as const;

export const COMPANY_WORDS = [
  'Acme', 'Atlas', 'Beacon', 'Birch', 'Cobalt', 'Copper', 'Delta', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Helix', 'Indigo', 'Juniper', 'Kestrel',
  'Lumen', 'Maple', 'Meridian', 'Nimbus', 'Northwind', 'Orbit', 'Pine', 'Quartz', 'Raven', 'Sable', 'Summit', 'Tandem', 'Tidal', 'Umbra',
  'Vertex', 'Willow', 'Zephyr',
] as const;

export const COMPANY_SUFFIXES = ['Labs', 'Studio', 'Works', 'Analytics', 'Health', 'Logistics', 'Media', 'Systems', 'Partners', 'Collective'] as const;

/** ISO 3166-1 alpha-2, weighted towards where a typical SaaS sells. */
export const COUNTRIES = { US: 30, GB: 10, DE: 9, FR: 7, CA: 6, NL: 4, ES: 4, IN: 5, BR: 4, AU: 4, SE: 3, JP: 3, PL: 3, IT: 3, NG: 2, MX: 2, KE: 1 } as const;

export const CONTENT_WORDS = [
  'roadmap', 'launch', 'invoice', 'design', 'meeting', 'notes', 'draft', 'review', 'customer', 'feedback', 'sprint', 'budget', 'hiring',
  'release', 'plan', 'weekly', 'update', 'metrics', 'retro', 'proposal', 'onboarding', 'checklist', 'idea', 'question', 'announcement',
] as const;

export const USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'ExampleApp/4.2 (Android 14; Pixel 8)',
] as const;
