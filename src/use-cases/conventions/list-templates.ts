/** The templates the actor's Caf has uploaded (without their bytes). */
import { findTemplates } from '../../db/repositories/convention.repository.js';
import type { Context } from '../context.js';
import { templateOwner } from './upload-template.js';

export async function listTemplates(ctx: Context) {
  const rows = await findTemplates(ctx.db, templateOwner(ctx));
  return rows.map(({ content: _content, ...meta }) => meta);
}
