/** Links to a convention's downloadable files: the attached délibération and an avenant's document. */
import type { Attachment } from '../../../domain/convention/model.js';

// Made once: `toLocaleString` with options builds a new ICU formatter on every call.
const oneDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

function size(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} Ko`
    : `${oneDecimal.format(bytes / (1024 * 1024))} Mo`;
}

/** The attached file, downloadable, with its SHA-256 said for what it is: a check of integrity. */
export function AttachedFile(props: { conventionId: string; file: Attachment }) {
  const { file } = props;
  return (
    <div class="attached-file">
      <p>
        Fichier joint :{' '}
        <a href={`/conventions/${props.conventionId}/fichiers/${file.sha256}`} download>
          Télécharger {file.fileName}
        </a>{' '}
        (PDF, {size(file.byteLength)})
      </p>
      <p class="muted">
        Contrôle d’intégrité — empreinte SHA-256 du fichier : <code class="hash">{file.sha256}</code>. Le
        fichier téléchargé est bien celui qui a été joint si son empreinte (par exemple <code>sha256sum</code>{' '}
        ou <code>certutil -hashfile … SHA256</code>) donne la même valeur.
      </p>
    </div>
  );
}

export function AttachedFiles(props: { conventionId: string; files: readonly Attachment[] }) {
  return (
    <>
      {props.files.map((file) => (
        <AttachedFile conventionId={props.conventionId} file={file} />
      ))}
    </>
  );
}

/** The document of an avenant to sign, in each format. */
export function AvenantDownloads(props: { conventionId: string; avenantId: string; number: number }) {
  const base = `/conventions/${props.conventionId}/avenants/${props.avenantId}/document`;
  return (
    <ul class="actions" aria-label="Document de l’avenant">
      {(['odt', 'docx', 'pdf'] as const).map((format) => (
        <li>
          <a class="button light" href={`${base}?format=${format}`}>
            Télécharger l’avenant n° {props.number} en {format.toUpperCase()}
          </a>
        </li>
      ))}
    </ul>
  );
}
