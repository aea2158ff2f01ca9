// Parameter schemas of the health runbook actions, shared by the server and the console's form.
export {};
