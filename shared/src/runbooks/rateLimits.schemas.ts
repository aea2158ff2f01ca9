// Parameter schemas of the rateLimits runbook actions, shared by the server and the console's form.
export {};
