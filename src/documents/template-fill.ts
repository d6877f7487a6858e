/**
 * Fills a Caf's own template (ODT/OTT or DOCX/DOTX) with a convention's values. Placeholders are written
 * in the template as `{commune}`, `{date_debut}`, … (the list below, documented in docs/templates.md).
 * Word processors often split what the user typed into several runs (spell-check marks, a change of
 * formatting, an edit in the middle); placeholders are found on the paragraph's text, across runs, and the
 * value lands in the run where the placeholder starts, the other runs losing their share of it.
 */

import { strFromU8, strToU8, type Unzipped, unzipSync, zipSync } from 'fflate';
import { AppError } from '../domain/shared/app-error.js';
import { checkZip } from '../domain/shared/zip-guard.js';
import { typeset } from './model.js';
import { ODT_MIME_TYPE } from './odt.js';
import { escapeXml, unescapeXml } from './xml.js';

/** Every placeholder a template may use, with what it stands for (shown to Caf staff). */
export const TEMPLATE_PLACEHOLDERS = [
  {
    name: 'caf',
    description: 'Nom complet de la Caf',
    example: 'Caisse d’Allocations familiales des Yvelines',
  },
  { name: 'caf_court', description: 'Nom court de la Caf', example: 'Caf des Yvelines' },
  { name: 'departement', description: 'Département de la Caf', example: 'Yvelines' },
  {
    name: 'directeur',
    description: 'Prénom et nom du directeur ou de la directrice de la Caf',
    example: 'Didier GROSJEAN',
  },
  {
    name: 'directeur_fonction',
    description: 'Fonction du directeur, accordée (« Le Directeur », « La Directrice »)',
    example: 'Le Directeur',
  },
  {
    name: 'president',
    description: 'Prénom et nom du président ou de la présidente du conseil d’administration de la Caf',
    example: 'Sophie BARROIS',
  },
  {
    name: 'president_fonction',
    description: 'Fonction du président du conseil d’administration, accordée',
    example: 'La Présidente',
  },
  {
    name: 'commune',
    description: 'Nom de la commune ou de l’intercommunalité signataire',
    example: 'Carrières-sur-Seine',
  },
  {
    name: 'code_insee',
    description: 'Code officiel géographique de la commune (ou SIREN de l’EPCI)',
    example: '78124',
  },
  {
    name: 'maire',
    description: 'Prénom et nom du maire (ou du président de l’EPCI)',
    example: 'Arnaud de BOURROUSSE',
  },
  {
    name: 'maire_fonction',
    description: 'Fonction du signataire pour la collectivité, accordée (« Le Maire », « La Présidente »)',
    example: 'Le Maire',
  },
  { name: 'date_debut', description: 'Premier jour de la convention', example: '1er janvier 2024' },
  { name: 'date_fin', description: 'Dernier jour de la convention', example: '31 décembre 2027' },
  { name: 'duree', description: 'Durée de la convention en années', example: '4' },
  {
    name: 'date_deliberation',
    description: 'Date de la délibération du conseil municipal ou communautaire',
    example: '25 novembre 2024',
  },
  {
    name: 'date_deliberation_caf',
    description: 'Date de la délibération du conseil d’administration de la Caf',
    example: '31 janvier 2022',
  },
  { name: 'lieu', description: 'Lieu de signature', example: 'Versailles' },
  {
    name: 'date_signature',
    description: 'Date de signature : un modèle qui l’utilise ne se remplit qu’une fois la date connue',
    example: '10 mars 2025',
  },
  {
    name: 'reference',
    description: 'Référence de la convention dans la plateforme',
    example: 'CTG-78-2024-0012',
  },
  { name: 'nombre_annexes', description: 'Nombre d’annexes, en lettres', example: 'sept' },
] as const;

/**
 * What a template must use: the commune and the period change from one convention to the next, so a
 * template without them (a generated convention uploaded back, say) would print one commune's text in
 * every other convention of the Caf.
 */
export const REQUIRED_PLACEHOLDERS = ['commune', 'date_debut', 'date_fin'] as const;

export type PlaceholderName = (typeof TEMPLATE_PLACEHOLDERS)[number]['name'];
export type TemplateValues = Partial<Record<PlaceholderName, string>>;
export type TemplateFormat = 'odt' | 'docx';

const KNOWN = new Set<string>(TEMPLATE_PLACEHOLDERS.map((p) => p.name));

/** `{name}`, spaces tolerated inside the braces (word processors sometimes add them). */
const PLACEHOLDER = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g;

const ODT_TEMPLATE_MIME_TYPE = 'application/vnd.oasis.opendocument.text-template';
const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const DOTX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml';

interface Dialect {
  readonly format: TemplateFormat;
  /** Parts of the package that hold text a user sees. */
  parts(files: Unzipped): string[];
  /** A tag that ends one paragraph's text or starts another's: placeholders never cross it. */
  isBoundary(tag: string): boolean;
  /** Whether character data after this tag is document text (DOCX: only inside w:t). */
  textState(tag: string, inside: boolean): boolean;
  /** A value as XML for this format: escaped, line breaks as the format's own element. */
  valueXml(value: string): string;
  /** When a text element's content changed, its start tag may need to keep spaces (DOCX xml:space). */
  fixStartTag(tag: string): string;
}

const ODT: Dialect = {
  format: 'odt',
  parts: (files) => ['content.xml', 'styles.xml'].filter((p) => files[p]),
  // Paragraphs, headings, and the elements that stand for white space: a placeholder has none.
  isBoundary: (tag) => /^<\/?text:(p|h)[\s>/]/.test(tag) || /^<text:(s|tab|line-break)[\s>/]/.test(tag),
  textState: (tag, inside) => {
    if (/^<text:(p|h)[\s>]/.test(tag) && !tag.endsWith('/>')) return true;
    if (/^<\/text:(p|h)>/.test(tag)) return false;
    return inside;
  },
  valueXml: (value) => value.split('\n').map(escapeXml).join('<text:line-break/>'),
  fixStartTag: (tag) => tag,
};

const DOCX: Dialect = {
  format: 'docx',
  parts: (files) =>
    Object.keys(files).filter((p) =>
      /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/.test(p),
    ),
  isBoundary: (tag) => /^<\/?w:p[\s>/]/.test(tag) || /^<w:(tab|br|cr)[\s>/]/.test(tag),
  textState: (tag, inside) => {
    if (/^<w:t[\s>]/.test(tag) && !tag.endsWith('/>')) return true;
    if (tag === '</w:t>') return false;
    return inside;
  },
  valueXml: (value) => value.split('\n').map(escapeXml).join('</w:t><w:br/><w:t xml:space="preserve">'),
  fixStartTag: (tag) =>
    tag.includes('xml:space=') ? tag : tag.replace(/^<w:t/, '<w:t xml:space="preserve"'),
};

interface TextToken {
  /** Index of the token in the part's token list. */
  readonly index: number;
  /** Index of the start tag of the element holding it (for DOCX's xml:space). */
  readonly startTag: number;
  text: string;
  changed: boolean;
}

/** Splits XML into tags and character data, and groups the text of each paragraph. */
function scan(xml: string, dialect: Dialect): { tokens: string[]; segments: TextToken[][] } {
  const tokens = xml.match(/<[^>]*>|[^<]+/g) ?? [];
  const segments: TextToken[][] = [];
  let current: TextToken[] = [];
  let inside = false;
  let lastStart = -1;
  tokens.forEach((token, index) => {
    if (token.startsWith('<')) {
      if (dialect.isBoundary(token) && current.length > 0) {
        segments.push(current);
        current = [];
      }
      inside = dialect.textState(token, inside);
      if (!token.startsWith('</')) lastStart = index;
    } else if (inside) {
      current.push({ index, startTag: lastStart, text: unescapeXml(token), changed: false });
    }
  });
  if (current.length > 0) segments.push(current);
  return { tokens, segments };
}

function placeholdersIn(segments: readonly TextToken[][]): string[] {
  const names: string[] = [];
  for (const segment of segments) {
    const text = segment.map((t) => t.text).join('');
    for (const m of text.matchAll(PLACEHOLDER)) names.push(m[1]!);
  }
  return names;
}

/**
 * Replaces the placeholders of one paragraph. Matches are handled from the last to the first, so that the
 * offsets of those before stay valid; each value is written in the run where its placeholder starts.
 */
function replaceInSegment(segment: TextToken[], marker: string): void {
  const text = segment.map((t) => t.text).join('');
  const matches = [...text.matchAll(PLACEHOLDER)];
  if (matches.length === 0) return;
  const offsets: number[] = [];
  let offset = 0;
  for (const t of segment) {
    offsets.push(offset);
    offset += t.text.length;
  }
  const tokenAt = (position: number) => {
    let i = 0;
    while (i + 1 < segment.length && offsets[i + 1]! <= position) i++;
    return i;
  };
  for (const m of matches.reverse()) {
    const start = m.index;
    const end = start + m[0].length;
    const first = tokenAt(start);
    const last = tokenAt(end - 1);
    // The marker stands for the value until the token is written back as XML (values are XML, text is not).
    const replacement = `${marker}${m[1]}${marker}`;
    const head = segment[first]!;
    const headStart = offsets[first]!;
    head.text =
      head.text.slice(0, start - headStart) +
      replacement +
      (first === last ? head.text.slice(end - headStart) : '');
    head.changed = true;
    for (let k = first + 1; k <= last; k++) {
      const t = segment[k]!;
      t.text = k === last ? t.text.slice(end - offsets[k]!) : '';
      t.changed = true;
    }
  }
}

function fillPart(xml: string, dialect: Dialect, values: ReadonlyMap<string, string>): string {
  const { tokens, segments } = scan(xml, dialect);
  // A private-use character cannot come from the template's text, so it safely marks where values go.
  const marker = '\uE000';
  for (const segment of segments) replaceInSegment(segment, marker);
  const markerPattern = new RegExp(`${marker}([A-Za-z0-9_]+)${marker}`, 'g');
  for (const segment of segments) {
    for (const t of segment) {
      if (!t.changed) continue;
      tokens[t.index] = escapeXml(t.text).replace(markerPattern, (_, name: string) =>
        dialect.valueXml(values.get(name) ?? ''),
      );
      if (t.startTag >= 0) tokens[t.startTag] = dialect.fixStartTag(tokens[t.startTag]!);
    }
  }
  return tokens.join('');
}

function invalidFile(reason: string, cause?: unknown): AppError {
  return new AppError('TEMPLATE_INVALID_FILE', {
    message: `Le modèle fourni n’est pas un fichier ODT ou DOCX valide : ${reason}.`,
    details: { reason },
    cause,
  });
}

function open(template: Uint8Array): { files: Unzipped; dialect: Dialect } {
  // Sizes, entry count and names come from the central directory: nothing is inflated before that.
  try {
    checkZip(template);
  } catch (error) {
    if (error instanceof AppError)
      throw invalidFile(String((error.details as { message: string }[])[0]?.message), error);
    throw error;
  }
  let files: Unzipped;
  try {
    files = unzipSync(template);
  } catch (error) {
    throw invalidFile('ce n’est pas une archive ZIP (un fichier .odt ou .docx en est une)', error);
  }
  const mimetype = files.mimetype ? strFromU8(files.mimetype).trim() : null;
  if (mimetype === ODT_MIME_TYPE || mimetype === ODT_TEMPLATE_MIME_TYPE) {
    if (!files['content.xml']) throw invalidFile('le document OpenDocument n’a pas de contenu (content.xml)');
    return { files, dialect: ODT };
  }
  if (mimetype) throw invalidFile(`ce document OpenDocument n’est pas un texte (type ${mimetype})`);
  if (files['[Content_Types].xml'] && files['word/document.xml']) return { files, dialect: DOCX };
  throw invalidFile('l’archive ne contient ni document OpenDocument Texte ni document Word');
}

function decode(files: Unzipped, part: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(files[part]!);
  } catch (error) {
    throw invalidFile(`la partie ${part} n’est pas du texte UTF-8`, error);
  }
}

export interface TemplateInspection {
  readonly format: TemplateFormat;
  /** Placeholders the template uses, each once, in order of first appearance. */
  readonly placeholders: readonly string[];
  /** Those the platform does not know. */
  readonly unknown: readonly string[];
}

/** Reads a template without filling it: its format and the placeholders it uses (to check an upload). */
export function inspectTemplate(template: Uint8Array): TemplateInspection {
  const { files, dialect } = open(template);
  const names: string[] = [];
  for (const part of dialect.parts(files))
    names.push(...placeholdersIn(scan(decode(files, part), dialect).segments));
  const placeholders = [...new Set(names)];
  return { format: dialect.format, placeholders, unknown: placeholders.filter((n) => !KNOWN.has(n)) };
}

function braces(names: readonly string[]): string {
  return names.map((n) => `{${n}}`).join(', ');
}

/** Checks a template: a clear French error when it is not a text document or uses unknown placeholders. */
export function checkTemplate(template: Uint8Array): TemplateInspection {
  const inspection = inspectTemplate(template);
  if (inspection.unknown.length > 0) {
    throw new AppError('TEMPLATE_UNKNOWN_PLACEHOLDERS', {
      message:
        `Le modèle contient des champs inconnus de la plateforme : ${braces(inspection.unknown)}. ` +
        `Corrigez-les (les noms s’écrivent en minuscules, entre accolades) ; champs reconnus : ${braces([...KNOWN])}.`,
      details: { unknown: inspection.unknown },
    });
  }
  return inspection;
}

/** Checks a template a Caf uploads: as `checkTemplate`, and it must use the required placeholders. */
export function checkTemplateUpload(template: Uint8Array): TemplateInspection {
  const inspection = checkTemplate(template);
  const missing = REQUIRED_PLACEHOLDERS.filter((name) => !inspection.placeholders.includes(name));
  if (missing.length > 0) {
    throw new AppError('TEMPLATE_MISSING_PLACEHOLDERS', {
      message:
        `Le modèle n’utilise pas les champs ${braces(missing)} : sans eux, chaque convention de la Caf porterait le même texte. ` +
        `Ajoutez-les à l’endroit où la commune et la période doivent apparaître (champs utilisés : ${
          inspection.placeholders.length ? braces(inspection.placeholders) : 'aucun'
        }).`,
      details: { missing },
    });
  }
  return inspection;
}

export interface FilledTemplate {
  readonly format: TemplateFormat;
  readonly bytes: Uint8Array;
  readonly placeholders: readonly string[];
}

/**
 * Fills the template with the values. Every placeholder must be known and have a value: a document with
 * a blank where the mayor's name should be must not leave the platform looking finished.
 */
export function fillTemplate(template: Uint8Array, values: TemplateValues): FilledTemplate {
  const inspection = checkTemplate(template);
  const missingValues = inspection.placeholders.filter((n) => {
    const v = values[n as PlaceholderName];
    return v === undefined || v.trim() === '';
  });
  if (missingValues.length > 0) {
    throw new AppError('TEMPLATE_MISSING_VALUES', {
      message: `Le modèle utilise des champs dont la valeur n’est pas encore renseignée : ${braces(missingValues)}.`,
      details: { missing: missingValues },
    });
  }
  const { files, dialect } = open(template);
  const typesetValues = new Map<string, string>();
  for (const [name, value] of Object.entries(values))
    if (value !== undefined) typesetValues.set(name, typeset(value));
  for (const part of dialect.parts(files))
    files[part] = strToU8(fillPart(decode(files, part), dialect, typesetValues));

  if (dialect === ODT) {
    // A filled template is a document: an .ott becomes an .odt, as LibreOffice does when it opens one.
    files.mimetype = strToU8(ODT_MIME_TYPE);
    const manifest = files['META-INF/manifest.xml'];
    if (manifest)
      files['META-INF/manifest.xml'] = strToU8(
        strFromU8(manifest).split(ODT_TEMPLATE_MIME_TYPE).join(ODT_MIME_TYPE),
      );
    const { mimetype, ...rest } = files;
    return {
      format: 'odt',
      bytes: zipSync({ mimetype: [mimetype!, { level: 0 }], ...rest }, { level: 6 }),
      placeholders: inspection.placeholders,
    };
  }
  const types = files['[Content_Types].xml'];
  if (types) files['[Content_Types].xml'] = strToU8(strFromU8(types).split(DOTX_MAIN).join(DOCX_MAIN));
  return { format: 'docx', bytes: zipSync(files, { level: 6 }), placeholders: inspection.placeholders };
}
