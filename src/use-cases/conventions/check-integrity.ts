/** Whether the stored text of a convention is the one its parties signed, and what differs. */
import { type IntegrityReport, verifyIntegrity } from '../../domain/convention/integrity.js';
import type { Context } from '../context.js';
import { getConvention } from './get-convention.js';

export async function checkIntegrity(ctx: Context, id: string): Promise<IntegrityReport> {
  const { convention } = await getConvention(ctx, id);
  return verifyIntegrity(convention);
}
