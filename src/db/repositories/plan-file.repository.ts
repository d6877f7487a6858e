/**
 * The documents attached to fiches: their bytes read only when one is downloaded; the list of a
 * fiche's files carries its uploader's name joined from the account (« Personne anonymisée » once
 * the account is anonymised, « Compte supprimé » once it is gone).
 */
import { type AuthorRef, authorLabel, authorOf } from '../../domain/access/access.js';
import { byteaBase64, byteaParam, bytesOf, type Executor } from '../executor.js';

export interface FicheFileInfo {
  id: string;
  ficheId: string;
  fileName: string;
  mediaType: string;
  byteLength: number;
  sha256: string;
  uploadedAt: Date;
  uploadedByLabel: string;
}

export interface FicheFileContent extends FicheFileInfo {
  content: Uint8Array;
}

export async function insertFicheFile(
  exec: Executor,
  file: Omit<FicheFileContent, 'uploadedByLabel'> & { uploadedBy: AuthorRef },
): Promise<void> {
  await exec
    .insertInto('plan_fiche_files')
    .values({
      id: file.id,
      fiche_id: file.ficheId,
      file_name: file.fileName,
      media_type: file.mediaType,
      byte_length: file.byteLength,
      sha256: file.sha256,
      content: byteaParam(file.content),
      uploaded_at: file.uploadedAt,
      uploaded_by_user_id: file.uploadedBy.userId,
      uploaded_by_system: file.uploadedBy.system,
    })
    .execute();
}

function infoQuery(exec: Executor) {
  return exec
    .selectFrom('plan_fiche_files as f')
    .leftJoin('users as u', 'u.id', 'f.uploaded_by_user_id')
    .select([
      'f.id',
      'f.fiche_id',
      'f.file_name',
      'f.media_type',
      'f.byte_length',
      'f.sha256',
      'f.uploaded_at',
      'f.uploaded_by_user_id',
      'f.uploaded_by_system',
      'u.display_name',
      'u.email',
      'u.anonymised_at',
    ]);
}

type InfoRow = Awaited<ReturnType<ReturnType<typeof infoQuery>['execute']>>[number];

function infoOf(r: InfoRow): FicheFileInfo {
  return {
    id: r.id,
    ficheId: r.fiche_id,
    fileName: r.file_name,
    mediaType: r.media_type,
    byteLength: r.byte_length,
    sha256: r.sha256,
    uploadedAt: new Date(r.uploaded_at),
    uploadedByLabel: authorLabel(
      authorOf({
        userId: r.uploaded_by_user_id,
        system: r.uploaded_by_system,
        displayName: r.display_name,
        email: r.email,
        anonymisedAt: r.anonymised_at,
      }),
    ),
  };
}

/** The files of a fiche, oldest first, without their bytes. */
export async function listFicheFiles(exec: Executor, ficheId: string): Promise<FicheFileInfo[]> {
  const rows = await infoQuery(exec)
    .where('f.fiche_id', '=', ficheId)
    .orderBy('f.uploaded_at')
    .orderBy('f.id')
    .execute();
  return rows.map(infoOf);
}

/** One file by its id, without its bytes. */
export async function findFicheFileInfo(exec: Executor, fileId: string): Promise<FicheFileInfo | undefined> {
  const row = await infoQuery(exec).where('f.id', '=', fileId).executeTakeFirst();
  return row ? infoOf(row) : undefined;
}

/** One file by its id, with its bytes. */
export async function findFicheFile(exec: Executor, fileId: string): Promise<FicheFileContent | undefined> {
  const row = await infoQuery(exec)
    .select(byteaBase64('f.content').as('content'))
    .where('f.id', '=', fileId)
    .executeTakeFirst();
  return row ? { ...infoOf(row), content: bytesOf(row.content) } : undefined;
}

export async function countFicheFiles(exec: Executor, ficheId: string): Promise<number> {
  const row = await exec
    .selectFrom('plan_fiche_files')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('fiche_id', '=', ficheId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteFicheFile(exec: Executor, ficheId: string, fileId: string): Promise<boolean> {
  const result = await exec
    .deleteFrom('plan_fiche_files')
    .where('id', '=', fileId)
    .where('fiche_id', '=', ficheId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
