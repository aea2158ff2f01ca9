import { open, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { TRPCError } from '@trpc/server';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { guardedRoute, type PreparedAnswer } from '../../../http/guardedRoute.js';
import type { AppDeps } from '../../../trpc/context.js';
import { findPrivacyRequest } from '../requests/privacyRequests.queries.js';

/**
 * The two files of a privacy request, downloaded with the session cookie (a plain link):
 * GET /api/privacy/requests/:id/export.zip — the access export, while its window is open
 *   (404: never made; 410: expired or deleted);
 * GET /api/privacy/requests/:id/receipt.json — the signed deletion receipt (404: none).
 * Guarded like a procedure (http/guardedRoute.ts): session, `privacy.download`, and every
 * download audited against the request before a byte leaves; a 404 or 410 is a `failure`
 * row against the request asked for.
 */
const ZRequestParams = z.object({ id: z.uuid('A privacy request id (a uuid)') });
const TARGET = 'privacy_request';

export function privacyExportRoutes(deps: AppDeps): Router {
  const routes = Router();
  routes.get(
    '/api/privacy/requests/:id/export.zip',
    guardedRoute(deps, {
      permission: 'privacy.download',
      audit: { action: 'privacy.export_downloaded', targetType: TARGET },
      async handler({ req, target }) {
        const { id } = ZRequestParams.parse(req.params);
        target(TARGET, id);
        const request = await findPrivacyRequest(deps.db, id);
        if (!request?.exportPath) throw new TRPCError({ code: 'NOT_FOUND', message: 'This request has no export.' });
        if (request.exportDeletedAt || (request.exportExpiresAt && request.exportExpiresAt <= new Date())) return gone('The export has expired and was deleted; start a new request to make another.');
        // Opened before answering: a file missing from disk is a status, not a cut-off download.
        const file = await open(request.exportPath, 'r').catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return null;
          throw error;
        });
        if (!file) return gone('The export file is no longer on the server.');
        const { size } = await file.stat();
        return { auditInput: { bytes: size, sha256: request.exportSha256 }, send: (res) => sendArchive(res, file, size, id) };
      },
    }),
  );
  routes.get(
    '/api/privacy/requests/:id/receipt.json',
    guardedRoute(deps, {
      permission: 'privacy.download',
      audit: { action: 'privacy.receipt_downloaded', targetType: TARGET },
      async handler({ req, target }) {
        const { id } = ZRequestParams.parse(req.params);
        target(TARGET, id);
        const request = await findPrivacyRequest(deps.db, id);
        if (!request?.receipt) throw new TRPCError({ code: 'NOT_FOUND', message: 'This request has no deletion receipt.' });
        const body = `${JSON.stringify(request.receipt, null, 2)}\n`;
        return {
          auditInput: {},
          send: async (res) => {
            res.status(200).type('application/json').setHeader('Content-Disposition', `attachment; filename="deletion-receipt-${id}.json"`);
            res.send(body);
          },
        };
      },
    }),
  );
  return routes;
}

/**
 * 410 Gone. tRPC has no such code, so the guard cannot answer it from a thrown error: the
 * route answers it itself, as a refusal (a `failure` row with the message, like the 404).
 */
function gone(message: string): PreparedAnswer {
  return {
    auditInput: { status: 410 },
    refusal: message,
    send: async (res) => void res.status(410).json({ error: { code: 'GONE', message } }),
  };
}

async function sendArchive(res: Response, file: FileHandle, size: number, id: string): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'application/zip');
  res.setHeader('Content-Length', String(size));
  res.setHeader('Content-Disposition', `attachment; filename="privacy-export-${id}.zip"`);
  await pipeline(file.createReadStream({ autoClose: true }), res);
}
