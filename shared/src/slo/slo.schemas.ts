// SLO definitions and the burn-rate arithmetic (docs/observability.md), shared by the server and the console.
export {};
