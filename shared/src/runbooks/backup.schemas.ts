// Parameter schemas of the backup runbook actions, shared by the server and the console's form.
export {};
