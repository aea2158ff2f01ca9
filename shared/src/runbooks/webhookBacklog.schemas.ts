// Parameter schemas of the webhookBacklog runbook actions, shared by the server and the console's form.
export {};
