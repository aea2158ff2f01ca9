/**
 * A port the start cannot open, said so a person can act on it. Node's own answer to a
 * second `npm start` beside a running one is a stack trace from inside `net`
 * ("listen EADDRINUSE … at Server.setupListenHandle"); this names the port, the setting
 * that chose it and what to do. Undefined for any other error (those keep their stack).
 */
export function portProblem(error: unknown, port: number, setting: string): string | undefined {
  const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
  if (code === 'EADDRINUSE') return `Port ${port} is already in use (${setting}): is Opsdesk already running? Stop it, or set ${setting} to a free port.`;
  if (code === 'EACCES') return `This user may not open port ${port} (${setting}): choose a port above 1023.`;
  return undefined;
}
