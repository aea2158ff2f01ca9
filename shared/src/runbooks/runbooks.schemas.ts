// Parameter schemas of the runbooks runbook actions, shared by the server and the console's form.
export {};
