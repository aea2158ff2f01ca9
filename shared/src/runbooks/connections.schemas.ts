// Parameter schemas of the connections runbook actions, shared by the server and the console's form.
export {};
