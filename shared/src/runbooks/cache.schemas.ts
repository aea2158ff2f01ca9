// Parameter schemas of the cache runbook actions, shared by the server and the console's form.
export {};
