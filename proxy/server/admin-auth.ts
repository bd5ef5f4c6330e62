// Admin API access: `Authorization: Bearer <adminToken>`, compared in constant time.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function requireAdminToken(getToken: () => string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const presented = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : '';
    if (presented && timingSafeEqual(digest(presented), digest(getToken()))) return next();
    res.status(401).json({ error: { message: 'admin token required: send Authorization: Bearer <adminToken>', type: 'authentication_error', code: 'invalid_admin_token' } });
  };
}
