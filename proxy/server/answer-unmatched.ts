// The express app's last word: a path nothing served, or a static-file refusal (a dotfile, a bad
// escape), answered with a JSON error in the API shape the path implies (formatForPath), never
// express's HTML "Cannot GET /x" page, which no gateway client can read.

import type express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { GatewayError, type ErrorKind } from '../errors';
import { formatForPath } from '../formats/registry';
import { sendErrorNow } from '../pipeline/send-error';

const KIND_BY_STATUS: Readonly<Record<number, ErrorKind>> = { 403: 'forbidden', 404: 'not_found', 413: 'payload_too_large' };

/** What an http-errors style error (serve-static, send) becomes; its 4xx messages are generic and safe to show. */
export function gatewayErrorFromHttpError(err: { status?: unknown; statusCode?: unknown; message?: unknown; expose?: unknown }): GatewayError {
  const status = typeof err.status === 'number' ? err.status : typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status < 400 || status >= 500) return new GatewayError('internal', 'internal gateway error', { cause: err });
  const message = err.expose === true && typeof err.message === 'string' ? err.message : 'the request was refused';
  return new GatewayError(KIND_BY_STATUS[status] ?? 'invalid_request', message, { status, cause: err });
}

export function answerUnmatchedInApiShape(app: express.Express, logError: (err: unknown) => void): void {
  app.use((req: Request, res: Response) => {
    sendErrorNow(res, formatForPath(req.path), new GatewayError('not_found', `no endpoint ${req.method} ${req.path}`, { code: 'unknown_endpoint' }));
  });
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    // Part of a file already went out: only express's own handler can end that response.
    if (res.headersSent) return next(err);
    const error = gatewayErrorFromHttpError((err ?? {}) as Record<string, unknown>);
    if (error.kind === 'internal') logError(err);
    sendErrorNow(res, formatForPath(req.path), error);
  });
}
